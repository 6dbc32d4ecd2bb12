import FinwireAlerts
import FinwireDaemon
import FinwireDedupe
import FinwireFetch
import FinwireIngest
import FinwireModel
import FinwireStore
import FinwireTag
import FinwireTestSupport
import Foundation
import Logging
import Synchronization
import Testing

/// Watches end to end with real parts: feeds and a receiver on a loopback server, libcurl, the tagger, the
/// clusterer and an SQLite file. The clock is injected, so retries are stepped, not waited for.
@Suite struct AlertOutboxTests {
    let server: LoopbackHTTPServer
    let dir: TemporaryDirectory
    let store: SQLiteStore
    let clock = TestClock()
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    init() throws {
        server = try LoopbackHTTPServer()
        dir = try TemporaryDirectory()
        store = try SQLiteStore(path: dir.path("finwire.sqlite"))
    }

    static let story = (
        title: "浙江出台金融支持山区26县跨越式高质量发展若干措施",
        body: "11月9日，浙江省地方金融监管局、人民银行杭州中心支行联合印发《关于金融支持山区26县跨越式高质量发展的若干措施》，力争到2025年底，山区26县各项贷款余额超2万亿元，普惠小微贷款余额超4000亿元，涉农贷款余额超1万亿元。"
    )

    static func rss(_ items: [(guid: String, title: String, link: String, body: String)]) -> [UInt8] {
        var x = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>t</title><link>https://example.cn/</link>"
        for i in items {
            x += "<item><guid isPermaLink=\"false\">\(i.guid)</guid><title>\(i.title)</title><link>\(i.link)</link>"
            x += "<pubDate>Thu, 09 Nov 2023 11:00:34 GMT</pubDate><description><![CDATA[\(i.body)]]></description></item>"
        }
        return Array((x + "</channel></rss>").utf8)
    }

    /// Three outlets carry the story; the first also carries an unrelated item.
    func serveOutlets() -> [FeedSource] {
        let other = (guid: "x1", title: "江苏省统计局发布10月份居民消费价格", link: "https://a.example.cn/x1.html", body: "10月份，江苏省居民消费价格同比下降0.2%。")
        for (n, outlet) in ["a", "b", "c"].enumerated() {
            var items = [(guid: "\(outlet)-1", title: Self.story.title, link: "https://\(outlet).example.cn/\(n).html", body: Self.story.body)]
            if outlet == "a" { items.append(other) }
            server.route("/\(outlet).xml", LoopbackHTTPServer.staticFeed(Self.rss(items)))
        }
        return ["a", "b", "c"].map { FeedSource(id: $0, url: server.url("/\($0).xml"), title: "outlet \($0)") }
    }

    func watch(_ id: String, region: String, hook: String, secret: String? = "s3cret", revisions: Bool = false) throws
        -> (AlertRule, WatchTargets)
    {
        var s = Selection()
        s.regions = [region]
        let target = DeliveryTarget(kind: .webhook, url: server.url(hook), secret: secret, key: "webhook#0")
        return (
            AlertRule(watchId: id, filter: try s.exportFilter(extraTopics: []), targets: [target.key], revisions: revisions),
            WatchTargets(watchId: id, targets: [target])
        )
    }

    func pass(_ feeds: [FeedSource], dedupe: Bool = true) async throws {
        try await store.syncFeeds(feeds)
        let p = IngestPass(
            store: store, fetcher: FeedFetcher(), concurrency: 1, logger: logger, tagger: Tagger(),
            clusterer: dedupe ? Clusterer(store: store) : nil, now: { clock.now })
        _ = await p.run(feeds)
    }

    func deliverer(_ watches: [WatchTargets]) -> AlertDeliverer {
        AlertDeliverer(outbox: store, sender: FeedFetcher(), watches: watches, logger: logger, now: { clock.now })
    }

    @Test func oneStoryAcrossThreeOutletsAlertsOncePerWatchSignedAndNeverAgain() async throws {
        let feeds = serveOutlets()
        server.route("/hook", { _ in .init(status: 200, body: Array("ok".utf8)) })
        server.route("/js", { _ in .init(status: 200, body: []) })
        let (zj, zjTargets) = try watch("zj", region: "浙江", hook: "/hook")
        let (js, jsTargets) = try watch("js", region: "江苏", hook: "/js")
        await store.setAlertRules([zj, js], withStories: true)
        try await pass(feeds)
        let report = try await deliverer([zjTargets, jsTargets]).deliverDue()
        #expect(report.delivered == 2)
        let hooks = server.requests(to: "/hook")
        try #require(hooks.count == 1)
        let body = hooks[0].body
        #expect(hooks[0].headers["x-finwire-signature"] == "sha256=" + HMACSHA256.hex(key: "s3cret", message: body))
        let o = try #require(JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        let story = try #require(o["story"] as? [String: Any])
        #expect(story["title"] as? String == Self.story.title)
        #expect((story["outlets"] as? [String])?.count == 3)
        #expect((story["regions"] as? [[String: String]])?.contains { $0["name"]?.hasPrefix("浙江") == true } == true)
        // The 江苏 watch got the statistics item, not the 浙江 story.
        let jsBody = try #require(server.requests(to: "/js").first).body
        #expect(String(decoding: jsBody, as: UTF8.self).contains("居民消费价格"))
        // A second pass (304s) and a re-delivery round add nothing.
        try await pass(feeds)
        #expect(try await deliverer([zjTargets, jsTargets]).deliverDue().attempted == 0)
        #expect(server.requests(to: "/hook").count == 1)
        let summary = try await store.outboxSummaries()
        #expect(summary.map(\.delivered) == [1, 1])
    }

    @Test func aRefusingReceiverParksAndAFailingOneIsRetriedWhenDue() async throws {
        let feeds = serveOutlets()
        server.route("/gone", { _ in .init(status: 403, body: Array("bad token".utf8)) })
        let calls = Mutex(0)
        server.route("/flaky", { _ in
            calls.withLock { $0 += 1 }
            return calls.withLock { $0 } == 1 ? .init(status: 503, body: []) : .init(status: 200, body: [])
        })
        let (gone, goneTargets) = try watch("gone", region: "浙江", hook: "/gone")
        let (flaky, flakyTargets) = try watch("flaky", region: "浙江", hook: "/flaky")
        await store.setAlertRules([gone, flaky], withStories: true)
        try await pass(feeds)
        let d = deliverer([goneTargets, flakyTargets])
        let first = try await d.deliverDue()
        #expect(first.parked == 1 && first.retrying == 1)
        // Not due yet: nothing is sent.
        #expect(try await d.deliverDue().attempted == 0)
        clock.advance(31)
        #expect(try await d.deliverDue().delivered == 1)
        let summary = try await store.outboxSummaries()
        let parked = try #require(summary.first { $0.watchId == "gone" })
        #expect(parked.parked == 1)
        #expect(parked.lastError?.contains("403") == true)
        #expect(summary.first { $0.watchId == "flaky" }?.delivered == 1)
        // The same delivery id both times: a receiver can drop the repeat.
        let ids = server.requests(to: "/flaky").map { $0.headers["x-finwire-delivery"] }
        #expect(ids.count == 2 && ids[0] == ids[1])
    }

    /// A story id that changes (a rebuild cut short, then recovery) must not alert for old news again:
    /// only articles first seen within a day of their clustering alert.
    @Test func articlesFirstSeenLongBeforeTheirClusteringDoNotAlert() async throws {
        let (rule, _) = try watch("all", region: "浙江", hook: "/hook")
        await store.setAlertRules([AlertRule(watchId: "all", filter: ExportFilter(), targets: rule.targets)], withStories: true)
        try await store.syncFeeds([FeedSource(id: "a", url: URL(string: "https://a.example/")!)])
        func item(_ n: Int) -> Article {
            Article(
                identity: "guid:\(n)", guid: "\(n)", url: "https://a.example/\(n)", title: "t\(n)", author: nil, published: nil,
                updated: nil, html: "", text: "x", categories: [], imageURL: nil, contentHash: "h\(n)")
        }
        let fetched = FetchRecord(startedAt: Date(), url: "https://a.example/", status: 200, validatorsSent: Validators(), outcome: .fetched)
        let old = try await store.ingest(feedId: "a", fetch: fetched, articles: [item(1)], now: Date().addingTimeInterval(-3 * 86_400))
        let new = try await store.ingest(feedId: "a", fetch: fetched, articles: [item(2)], now: Date())
        let keys = StoryKeys(canonicalURL: nil, titleKey: "k", originalTitleKey: nil, simhash: 0, docNumbers: [])
        try await store.assignStory(articleId: old.inserted[0].id, storyId: nil, keys: keys)
        try await store.assignStory(articleId: new.inserted[0].id, storyId: nil, keys: keys)
        let due = try await store.dueAlerts(now: Date().addingTimeInterval(60), limit: 10)
        #expect(due.map(\.articleId) == [new.inserted[0].id])
    }

    @Test func withoutDedupeEachArticleAlertsAtIngestAndRevisionsOnlyWhenAsked() async throws {
        let feeds = Array(serveOutlets().prefix(1))
        server.route("/hook", { _ in .init(status: 200, body: []) })
        server.route("/rev", { _ in .init(status: 200, body: []) })
        let (plain, plainTargets) = try watch("plain", region: "浙江", hook: "/hook")
        let (rev, revTargets) = try watch("rev", region: "浙江", hook: "/rev", revisions: true)
        await store.setAlertRules([plain, rev], withStories: false)
        try await pass(feeds, dedupe: false)
        #expect(try await deliverer([plainTargets, revTargets]).deliverDue().delivered == 2)
        // The story is revised in place: only the watch that asked hears of it.
        let revised = Self.rss([(guid: "a-1", title: Self.story.title, link: "https://a.example.cn/0.html", body: Self.story.body + "（更新）")])
        server.route("/a.xml", LoopbackHTTPServer.staticFeed(revised))
        try await pass(feeds, dedupe: false)
        #expect(try await deliverer([plainTargets, revTargets]).deliverDue().delivered == 1)
        let last = try #require(server.requests(to: "/rev").last)
        #expect(last.headers["x-finwire-event"] == "revised")
        #expect(server.requests(to: "/hook").count == 1)
    }
}

/// A wall clock the test moves by hand. It starts a minute ahead of the real one: the clusterer stamps
/// the alerts it enqueues with the real time, and they must be due at the test's "now".
final class TestClock: Sendable {
    private let value = Mutex(Date().addingTimeInterval(60))
    var now: Date { value.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { value.withLock { $0 += seconds } }
}
