import FinwireModel
import FinwireTag
import Foundation

/// One entry of an export: a story (every copy of one piece of news, from however many outlets), or, with
/// `--all-copies`, one copy. Every format renders a list of these.
public struct ExportEntry: Sendable {
    /// The copy shown: the story's canonical copy when it was selected, else its earliest selected copy.
    public var article: StoredArticle
    /// Every copy finwire holds of the story, first seen first (the shown one included). Copies that the
    /// filters did not select carry no body.
    public var copies: [StoredArticle]
    /// The tagger's result for the shown copy (or, untagged, for the first tagged copy).
    public var tags: TagResult?
    /// Some copy's content changed after finwire first stored it.
    public var revised: Bool

    /// The story cluster's id; nil until the dedupe stage clustered it (it is then its own story).
    public var storyId: Int64? { article.storyId }
    /// When it was published (or first seen, when the feed gave no date).
    public var time: Date { article.article.published ?? article.firstSeen }
    /// The outlets that carried it: each copy's feed title (or id), once, first seen first.
    public var outlets: [String] {
        var seen = Set<String>()
        return copies.compactMap { c in
            let name = c.feedTitle.flatMap { $0.isEmpty ? nil : $0 } ?? c.feedId
            return seen.insert(name).inserted ? name : nil
        }
    }
    /// A link for readers: the shown copy's, else any copy's, http(s) only.
    public var link: String? {
        Escape.safeURL(article.article.url) ?? copies.lazy.compactMap { Escape.safeURL($0.article.url) }.first
    }
    public var isPolicy: Bool { article.isPolicy ?? tags?.isPolicy ?? false }
    /// The stored kind; articles tagged before kinds existed show `policy` when they were policy.
    public var kind: String? { article.kind ?? (isPolicy ? "policy" : nil) }

    public init(article: StoredArticle, copies: [StoredArticle], tags: TagResult?, revised: Bool) {
        self.article = article
        self.copies = copies
        self.tags = tags
        self.revised = revised
    }

    /// An entry from what the store read for it (`ExportGroup`): the copy shown, the story's copies (first
    /// seen first, the shown one included) and whether the store saw a revision. `tags` says whether to read
    /// the stored tag JSON: JSON Lines and Hexo write it as stored and never need it decoded.
    public static func of(shown: StoredArticle, copies: [StoredArticle], revised: Bool, tags: Bool = true) -> ExportEntry {
        let all = [shown] + copies
        let decoded = tags ? all.lazy.compactMap { $0.tagsJSON.flatMap(TagResult.decode) }.first : nil
        // The store's change sequence says exactly; the times are a fallback for rows from elsewhere.
        let isRevised = revised || all.contains { $0.changed > $0.firstSeen }
        return ExportEntry(article: shown, copies: copies, tags: decoded, revised: isRevised)
    }
}

/// A digest's entries filed for reading: by region (the province of each story's strongest region), then by
/// topic (its strongest topic). Regions with more stories come first, "Other / national" last; inside a topic
/// the newest story comes first.
///
/// Filed as they stream in: each entry is rendered at once and parked in a `Spool`, one backwards chain per
/// topic, so that only the counts (and a file offset per topic) stay in memory however many entries come.
final class DigestFile {
    struct Topic {
        var id: String?
        var name: String
        var count = 0
        /// The topic's newest entry in the spool.
        var last: Int64?
    }

    struct Region {
        /// The province's GB/T 2260 code; nil for "Other / national".
        var code: String?
        var name: String
        var count = 0
        var policy = 0
        var topics: [String: Topic] = [:]

        /// Named topics with more stories first, "Other topics" last.
        var ordered: [Topic] {
            topics.values.sorted { a, b in
                if (a.id == nil) != (b.id == nil) { return b.id == nil }
                return (a.count, b.name) > (b.count, a.name)
            }
        }
    }

    static let otherRegion = "Other / national"
    static let otherTopic = "Other topics"

    let gazetteer: Gazetteer
    private let spool: Spool
    private var regions: [String: Region] = [:]
    private(set) var count = 0
    private(set) var policy = 0
    private(set) var first: Date?
    private(set) var last: Date?

    init(gazetteer: Gazetteer = RegionQuery.bundled.gazetteer) throws {
        self.gazetteer = gazetteer
        spool = try Spool()
    }

    /// Files `e`, rendered as `text`; returns the name of its region. Entries come oldest first.
    @discardableResult
    func add(_ e: ExportEntry, rendered text: String) throws -> String {
        let province = Self.province(of: e, gazetteer)
        let key = province?.code ?? ""
        let topic = Self.topTopic(e)?.id
        var region = regions[key] ?? Region(code: province?.code, name: province?.name ?? Self.otherRegion)
        var t = region.topics[topic ?? ""] ?? Topic(id: topic, name: topic.map(TagLabels.topic) ?? Self.otherTopic)
        t.last = try spool.append(text, after: t.last)
        t.count += 1
        region.topics[topic ?? ""] = t
        region.count += 1
        count += 1
        if e.isPolicy {
            region.policy += 1
            policy += 1
        }
        regions[key] = region
        first = min(first ?? e.time, e.time)
        last = max(last ?? e.time, e.time)
        return region.name
    }

    /// Regions with more stories first, "Other / national" last.
    var ordered: [Region] {
        regions.values.sorted { a, b in
            if (a.code == nil) != (b.code == nil) { return b.code == nil }
            return (a.count, b.code ?? "") > (b.count, a.code ?? "")
        }
    }

    /// A topic's rendered entries, newest first.
    func entries(_ topic: Topic, _ body: (String) throws -> Void) throws {
        try spool.readBackwards(from: topic.last, body)
    }

    /// The province of the strongest region tag (a county is shown under its province).
    static func province(of e: ExportEntry, _ g: Gazetteer) -> (code: String, name: String)? {
        guard let top = e.tags?.regions.enumerated().max(by: { ($0.element.score, -$0.offset) < ($1.element.score, -$1.offset) })?.element,
            let i = g.index(of: top.code)
        else { return nil }
        let p = g.divisions[g.province(of: i)]
        return (p.code, p.name)
    }

    static func topTopic(_ e: ExportEntry) -> SimpleTag? {
        e.tags?.topics.enumerated().max(by: { ($0.element.score, -$0.offset) < ($1.element.score, -$1.offset) })?.element
    }
}

/// The opening of an article for a digest: its first two paragraphs that say something, each cut to a
/// line. Sina's 原标题 line, a repeat of the title, and indentation (full-width spaces) are left out.
public enum Lead {
    public static func lines(_ a: Article, count: Int = 2, width: Int = 80) -> [String] {
        var out: [String] = []
        func take(_ raw: Substring) {
            let line = trimmed(raw)
            if line.isEmpty || line.hasPrefix("原标题") || line == a.title { return }
            out.append(cut(String(line), width))
        }
        // Paragraph by paragraph, stopping at the last one needed: splitting a whole long text first was
        // a third of a large digest's time.
        let text = a.text
        var start = text.startIndex
        var i = start
        while i < text.endIndex && out.count < count {
            if text[i].isNewline {
                take(text[start..<i])
                start = text.index(after: i)
            }
            i = text.index(after: i)
        }
        if out.count < count && start < text.endIndex { take(text[start...]) }
        return out
    }

    /// Without leading and trailing white space (tab, the Zs spaces, the full-width one included, and as
    /// Foundation has it the zero-width space): what `trimmingCharacters(in: .whitespaces)` gives, without
    /// its copy through NSString.
    static func trimmed(_ s: Substring) -> Substring {
        func space(_ u: Unicode.Scalar) -> Bool {
            u == "\t" || u == "\u{200B}" || u.properties.generalCategory == .spaceSeparator
        }
        let scalars = s.unicodeScalars
        guard let start = scalars.firstIndex(where: { !space($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !space($0) })!
        return Substring(scalars[start...end])
    }

    /// At most `width` characters, ending at a sentence end when one falls in the second half, else cut
    /// with an ellipsis.
    static func cut(_ s: String, _ width: Int) -> String {
        guard s.count > width else { return s }
        let head = s.prefix(width)
        if let end = head.lastIndex(where: { "。！？；!?;".contains($0) }), head.distance(from: head.startIndex, to: end) >= width / 2 {
            return String(head[...end])
        }
        return String(head.prefix(width - 1)) + "…"
    }
}
