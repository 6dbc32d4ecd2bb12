import FinwireModel
import FinwireNormalize
import FinwireStore

/// Whether a feed's GUIDs can be trusted: a pure rule over one document and what the store found of it,
/// so it is tested without a server or a database. GUIDs are the identity by default; once they prove
/// unreliable the feed is identified by link for good (the store records the switch with its reason).
public enum IdentityPolicy {
    /// Why this feed's GUIDs cannot be trusted, or nil to keep them.
    /// - Parameters:
    ///   - articles: one document's articles, as the normalizer identified them (by GUID where present).
    ///   - unstableStored: how many of them carry a new GUID for a link the feed already stored.
    public static func reasonToSwitch(_ articles: [Article], unstableStored: Int) -> String? {
        var linkOf: [String: String] = [:]
        for a in articles where a.identity.hasPrefix("guid:") {
            guard let url = a.url else { continue }
            if let seen = linkOf[a.identity], seen != url { return "the same GUID on different links" }
            linkOf[a.identity] = url
        }
        if articles.allSatisfy({ !$0.identity.hasPrefix("guid:") }), articles.contains(where: { $0.identity.hasPrefix("url:") }) {
            return "its items carry no GUIDs"
        }
        // One re-minted GUID can be an edit; two is the feed's habit.
        if unstableStored >= 2 { return "new GUIDs for \(unstableStored) links already stored" }
        return nil
    }

    /// The articles identified by their links (those without a link keep what they have).
    public static func byLink(_ articles: [Article]) -> [Article] {
        articles.map { a in
            var a = a
            if let url = a.url { a.identity = Normalizer.linkIdentity(url) }
            return a
        }
    }

    /// The switch as the store records it.
    static func change(_ reason: String) -> IdentitySwitch {
        IdentitySwitch(note: reason, rekey: { Normalizer.linkIdentity($0) })
    }
}
