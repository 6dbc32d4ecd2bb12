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

    /// Builds entries from what the store selected: one per story (`stories`), or one per selected copy.
    /// `revised` holds the ids of copies revised since first stored. Entries come oldest first; `limit` keeps
    /// the newest ones.
    public static func build(
        articles: [StoredArticle], siblings: [StoredArticle], canonical: [Int64: Int64], revised: Set<Int64> = [],
        stories: Bool, limit: Int? = nil
    ) -> [ExportEntry] {
        func key(_ a: StoredArticle) -> Int64 { a.storyId ?? -a.id }
        func firstSeenOrder(_ a: StoredArticle, _ b: StoredArticle) -> Bool {
            (a.firstSeen, a.id) < (b.firstSeen, b.id)
        }
        var members: [Int64: [StoredArticle]] = [:]
        for a in articles + siblings { members[key(a), default: []].append(a) }
        for k in members.keys { members[k]!.sort(by: firstSeenOrder) }

        // Choose what each entry shows first, and decode tags only for the entries that survive the limit.
        var picked: [(shown: StoredArticle, copies: [StoredArticle])] = []
        if stories {
            var selected: [Int64: [StoredArticle]] = [:]
            var order: [Int64] = []
            for a in articles {
                if selected[key(a)] == nil { order.append(key(a)) }
                selected[key(a), default: []].append(a)
            }
            for k in order {
                let group = selected[k]!
                let shown = canonical[k].flatMap { c in group.first { $0.id == c } } ?? group[0]
                picked.append((shown, members[k] ?? group))
            }
        } else {
            picked = articles.map { ($0, members[key($0)] ?? [$0]) }
        }
        func time(_ a: StoredArticle) -> Date { a.article.published ?? a.firstSeen }
        picked.sort { (time($0.shown), $0.shown.id) < (time($1.shown), $1.shown.id) }
        if let limit, picked.count > limit { picked = Array(picked.suffix(max(0, limit))) }
        return picked.map { entry($0.shown, copies: $0.copies, revised: revised) }
    }

    static func entry(_ shown: StoredArticle, copies: [StoredArticle], revised: Set<Int64>) -> ExportEntry {
        let tags = ([shown] + copies).lazy.compactMap { $0.tagsJSON.flatMap(TagResult.decode) }.first
        // The store's change sequence says exactly; the times are a fallback for selections built elsewhere.
        let isRevised = ([shown] + copies).contains { revised.contains($0.id) || $0.changed > $0.firstSeen }
        return ExportEntry(article: shown, copies: copies, tags: tags, revised: isRevised)
    }
}

extension TagResult {
    /// The stored JSON (`StoredArticle.tagsJSON`) read back; nil when absent or unreadable.
    static func decode(_ json: String) -> TagResult? {
        try? JSONDecoder().decode(TagResult.self, from: Data(json.utf8))
    }
}

/// Entries grouped for reading: by region (the province of each story's strongest region), then by topic
/// (its strongest topic). Regions with more stories come first, "Other / national" last; inside a topic the
/// newest story comes first.
public struct DigestGroups: Sendable {
    public struct Region: Sendable {
        /// The province's GB/T 2260 code; nil for "Other / national".
        public var code: String?
        public var name: String
        public var topics: [Topic]
        public var entries: [ExportEntry] { topics.flatMap(\.entries) }
    }

    public struct Topic: Sendable {
        public var id: String?
        public var name: String
        public var entries: [ExportEntry]
    }

    public static let otherRegion = "Other / national"
    public static let otherTopic = "Other topics"

    public var regions: [Region]

    public init(_ entries: [ExportEntry], gazetteer: Gazetteer = RegionQuery.bundled.gazetteer) {
        var byRegion: [String: [ExportEntry]] = [:]
        var names: [String: String] = [:]
        for e in entries {
            let province = DigestGroups.province(of: e, gazetteer)
            let k = province?.code ?? ""
            names[k] = province?.name ?? DigestGroups.otherRegion
            byRegion[k, default: []].append(e)
        }
        regions = byRegion.map { code, list in
            var byTopic: [String: [ExportEntry]] = [:]
            for e in list { byTopic[DigestGroups.topTopic(e)?.id ?? "", default: []].append(e) }
            let topics = byTopic.map { id, es in
                Topic(
                    id: id.isEmpty ? nil : id, name: id.isEmpty ? DigestGroups.otherTopic : TagLabels.topic(id),
                    entries: es.sorted { ($0.time, $0.article.id) > ($1.time, $1.article.id) })
            }.sorted { a, b in
                if (a.id == nil) != (b.id == nil) { return b.id == nil }
                return (a.entries.count, b.name) > (b.entries.count, a.name)
            }
            return Region(code: code.isEmpty ? nil : code, name: names[code] ?? DigestGroups.otherRegion, topics: topics)
        }.sorted { a, b in
            if (a.code == nil) != (b.code == nil) { return b.code == nil }
            return (a.entries.count, b.code ?? "") > (b.entries.count, a.code ?? "")
        }
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
        for raw in a.text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\u{3000}\u{00A0}")))
            if line.isEmpty || line.hasPrefix("原标题") || line == a.title { continue }
            out.append(cut(line, width))
            if out.count == count { break }
        }
        return out
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
