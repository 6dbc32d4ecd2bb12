import FinwireModel
import Foundation

/// How HTML bodies are written by HTML-bearing formats.
public enum HTMLMode: String, Sendable, CaseIterable {
    /// Allow-listed markup only: no scripts, handlers, styles or unsafe URLs (the default).
    case sanitized
    /// The body exactly as the feed sent it; only for consumers that sanitize themselves.
    case raw
}

/// `export --format jsonl`: one JSON object per article per line, for data pipelines.
/// The schema (README, "JSON Lines export") is stable: keys are only ever added, never renamed.
public struct JSONLinesExporter: Sendable {
    public var html: HTMLMode
    /// Sanitizes HTML for output; injected so the export stage does not depend on libxml2.
    public var sanitize: @Sendable (String, URL?) -> String

    public init(html: HTMLMode = .sanitized, sanitize: @escaping @Sendable (String, URL?) -> String) {
        self.html = html
        self.sanitize = sanitize
    }

    /// One entry's line: the shown copy's keys, then its story, outlets and copies.
    public func line(_ e: ExportEntry) -> String {
        var o = object(e.article)
        o.set("story", e.storyId.map { JSONValue.int(Int($0)) })
        // The same id under the name the dedupe documentation uses.
        o.set("cluster", e.storyId.map { JSONValue.int(Int($0)) })
        o.set("revised", .bool(e.revised))
        o.set("outlets", .array(e.outlets.map { .string($0) }))
        o.set(
            "copies",
            .array(
                e.copies.map { c in
                    var x = JSONObjectBuilder()
                    x.set("id", .int(Int(c.id)))
                    x.set("feed", c.feedId)
                    x.set("feed_title", c.feedTitle)
                    x.set("url", c.article.url)
                    x.set("published", c.article.published.map(ISODate.string))
                    x.set("first_seen", ISODate.string(c.firstSeen))
                    return x.value
                }))
        return o.value.serialized()
    }

    public func line(_ s: StoredArticle) -> String { object(s).value.serialized() }

    func object(_ s: StoredArticle) -> JSONObjectBuilder {
        let a = s.article
        var o = JSONObjectBuilder()
        o.set("id", .int(Int(s.id)))
        o.set("feed", s.feedId)
        o.set("feed_title", s.feedTitle)
        o.set("identity", a.identity)
        o.set("guid", a.guid)
        o.set("url", a.url)
        o.set("title", a.title)
        o.set("author", a.author)
        o.set("published", a.published.map(ISODate.string))
        o.set("updated", a.updated.map(ISODate.string))
        o.set("first_seen", ISODate.string(s.firstSeen))
        o.set("last_seen", ISODate.string(s.lastSeen))
        o.set("changed", ISODate.string(s.changed))
        o.set("categories", .array(a.categories.map { .string($0) }))
        o.set("feed_categories", .array(s.feedCategories.map { .string($0) }))
        o.set("image", a.imageURL)
        o.set("html", html == .raw ? a.html : sanitize(a.html, a.url.flatMap(URL.init(string:))))
        o.set("text", a.text)
        o.set("content_hash", a.contentHash)
        // The tagger's result with its evidence (see `finwire tag --json`); null until tagged.
        o.set("tags", s.tagsJSON.map { JSONValue.raw($0) } ?? .null)
        o.set("policy_score", s.policyScore.map { JSONValue.double($0) } ?? .null)
        o.set("is_policy", s.isPolicy.map { JSONValue.bool($0) } ?? .null)
        o.set("kind", s.kind.map { JSONValue.string($0) } ?? .null)
        return o
    }
}
