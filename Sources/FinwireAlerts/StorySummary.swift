import FinwireModel
import FinwireTag
import Foundation

/// A story as alerts and the live view's API show it: one object, so a webhook receiver and an API client
/// read the same fields.
public struct StorySummary: Sendable, Equatable {
    /// The story's id, or minus the article's id when dedupe is off.
    public var id: Int64
    public var title: String
    public var url: String?
    public var published: Date?
    public var kind: String?
    public var regions: [Region]
    public var agencies: [String]
    public var topics: [String]
    /// Every outlet that carried the story, first seen first.
    public var outlets: [String]
    public var summary: String

    public struct Region: Sendable, Equatable {
        public var code: String
        public var name: String
    }

    /// From the copy to show and every copy (as the store reads a story).
    public init(id: Int64, shown: StoredArticle, copies: [StoredArticle]) {
        self.id = id
        title = shown.article.title
        url = shown.article.url
        published = shown.article.published ?? shown.firstSeen
        kind = shown.kind
        let tags = shown.tagsJSON.flatMap { TagResult.decode($0) }
        regions = (tags?.regions ?? []).map { Region(code: $0.code, name: $0.name) }
        agencies = (tags?.agencies ?? []).map(\.name)
        topics = (tags?.topics ?? []).map(\.id)
        var seen = Set<String>()
        outlets = copies.map { $0.feedTitle ?? $0.feedId }.filter { seen.insert($0).inserted }
        summary = Self.summary(shown.article.text)
    }

    init(
        id: Int64, title: String, url: String?, published: Date?, kind: String?, regions: [Region], agencies: [String],
        topics: [String], outlets: [String], summary: String
    ) {
        self.id = id
        self.title = title
        self.url = url
        self.published = published
        self.kind = kind
        self.regions = regions
        self.agencies = agencies
        self.topics = topics
        self.outlets = outlets
        self.summary = summary
    }

    /// The first ~200 characters of the text, lines joined by spaces, cut at a sentence end when there is
    /// one past the 61st character. Counted in Unicode scalars, one pass over the head only: walking a long
    /// feature's grapheme clusters was a fifth of a story list's time, and Chinese text has no clusters of
    /// more than one scalar to miscount.
    static func summary(_ text: String) -> String {
        let limit = 200
        var out = String.UnicodeScalarView()
        var count = 0
        var sentenceEnd: (index: String.UnicodeScalarView.Index, count: Int)?
        var truncated = false
        var pendingSpace = false
        func add(_ c: Unicode.Scalar) -> Bool {
            guard count < limit else {
                truncated = true
                return false
            }
            out.append(c)
            count += 1
            if "。！？.!?".unicodeScalars.contains(c) { sentenceEnd = (out.endIndex, count) }
            return true
        }
        for c in text.unicodeScalars {
            if Self.newlines.contains(c.value) {
                if !out.isEmpty { pendingSpace = true }
                continue
            }
            if pendingSpace {
                guard add(" ") else { break }
                pendingSpace = false
            }
            guard add(c) else { break }
        }
        guard truncated else { return String(out) }
        if let end = sentenceEnd, end.count > 61 { return String(out[..<end.index]) }
        return String(out) + "…"
    }

    /// What `Character.isNewline` calls a newline.
    static let newlines: Set<UInt32> = [0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029]

    /// The object README documents (`story` in a webhook body, each entry of `/api/stories`).
    public var json: JSONValue {
        .object([
            ("id", .int(Int(id))), ("title", .string(title)), ("url", url.map { .string($0) } ?? .null),
            ("published", published.map { .string(ISODate.string($0)) } ?? .null),
            ("kind", kind.map { .string($0) } ?? .null),
            ("regions", .array(regions.map { .object([("code", .string($0.code)), ("name", .string($0.name))]) })),
            ("agencies", .array(agencies.map { .string($0) })), ("topics", .array(topics.map { .string($0) })),
            ("outlets", .array(outlets.map { .string($0) })), ("summary", .string(summary)),
        ])
    }
}
