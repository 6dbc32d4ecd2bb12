import FinwireIngest
import FinwireModel
import Testing

/// The identity rule alone: no server, no database. The ingest suites check that the store records what
/// it decides (`DedupeIngestTests`).
@Suite struct IdentityPolicyTests {
    static func item(_ identity: String, _ url: String?) -> Article {
        Article(
            identity: identity, guid: nil, url: url, title: "t", author: nil, published: nil, updated: nil, html: "",
            text: "", categories: [], imageURL: nil, contentHash: "h")
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var items: [(String, String?)]
        var unstable: Int
        var reason: String?
        var testDescription: String { name }
    }

    @Test(arguments: [
        Case(name: "distinct GUIDs on distinct links are trusted", items: [("guid:a", "https://x.cn/1"), ("guid:b", "https://x.cn/2")], unstable: 0, reason: nil),
        Case(name: "one GUID on two links", items: [("guid:a", "https://x.cn/1"), ("guid:a", "https://x.cn/2")], unstable: 0, reason: "the same GUID on different links"),
        Case(name: "the same GUID twice on one link is a repeat, not a conflict", items: [("guid:a", "https://x.cn/1"), ("guid:a", "https://x.cn/1")], unstable: 0, reason: nil),
        Case(name: "no GUIDs at all", items: [("url:x.cn/1", "https://x.cn/1"), ("url:x.cn/2", "https://x.cn/2")], unstable: 0, reason: "its items carry no GUIDs"),
        Case(name: "one re-minted GUID may be an edit", items: [("guid:a", "https://x.cn/1")], unstable: 1, reason: nil),
        Case(name: "two re-minted GUIDs are the feed's habit", items: [("guid:a", "https://x.cn/1")], unstable: 2, reason: "new GUIDs for 2 links already stored"),
        Case(name: "items with neither GUID nor link keep GUID mode", items: [("hash:1", nil)], unstable: 0, reason: nil),
    ])
    func decidesFromOneDocument(_ c: Case) {
        let articles = c.items.map { Self.item($0.0, $0.1) }
        #expect(IdentityPolicy.reasonToSwitch(articles, unstableStored: c.unstable) == c.reason)
    }

    @Test func byLinkRekeysOnlyItemsThatHaveALink() {
        let out = IdentityPolicy.byLink([Self.item("guid:a", "https://X.cn/1?utm_source=rss"), Self.item("hash:2", nil)])
        #expect(out[0].identity.hasPrefix("url:"))
        #expect(out[0].identity != "guid:a")
        #expect(out[1].identity == "hash:2")
    }
}
