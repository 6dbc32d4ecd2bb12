import FinwireModel
import Foundation

/// What the live view reads beyond exports: pages of stories, one story whole, and the counts behind its
/// map, chart and metrics.
extension SQLiteStore {
    /// Where a page of stories ends: the newest matching copy of its last story (time in seconds, id).
    public struct PagePosition: Sendable, Equatable {
        public var time: Int64
        public var id: Int64
        public init(time: Int64, id: Int64) {
            self.time = time
            self.id = id
        }
    }

    /// The newest `limit` stories the filter selects after `position`, newest first. The articles are walked
    /// backwards by their time (`articles_by_time`) and each matching one's story is taken once, so a page
    /// costs about as many rows as it takes to find it, whatever the size of the database. A story's place
    /// is its newest matching copy; one with a matching copy at or before `position` was on an earlier
    /// page and is skipped. The copy shown is the story's canonical one when it matches, else the newest.
    public func storyPage(_ filter: ExportFilter, after position: PagePosition?, limit: Int) throws
        -> [(group: ExportGroup, position: PagePosition)]
    {
        if filter.terms.contains(where: { $0.count >= 3 }) { try refreshFullText() }
        var binds: [SQLiteValue] = []
        let conditions = Self.conditions(filter, binds: &binds).joined(separator: " AND ")
        let t = "coalesce(a.published_at, a.first_seen_at)"
        let n = binds.count
        let scan = try db.statement(
            """
            SELECT a.id, coalesce(a.story_id, -a.id), \(t) FROM articles a INDEXED BY articles_by_time
            WHERE \(conditions) AND (?\(n + 1) IS NULL OR \(t) < ?\(n + 1) OR (\(t) = ?\(n + 1) AND a.id < ?\(n + 2)))
            ORDER BY \(t) DESC, a.id DESC LIMIT ?\(n + 3)
            """)
        let shownBefore = try db.statement(
            """
            SELECT 1 FROM articles a WHERE (a.story_id = ?\(n + 1) OR a.id = -?\(n + 1)) AND \(conditions)
                AND (\(t) > ?\(n + 2) OR (\(t) = ?\(n + 2) AND a.id >= ?\(n + 3))) LIMIT 1
            """)
        var order: [(key: Int64, position: PagePosition)] = []
        var matched: [Int64: Set<Int64>] = [:]
        var skipped = Set<Int64>()
        var last = position
        let chunk = max(64, limit * 4)
        while order.count < limit {
            scan.bind(binds + [last.map { .int($0.time) } ?? .null, last.map { .int($0.id) } ?? .null, .int(Int64(chunk))])
            var rows = 0
            var full = false
            while try scan.step() {
                rows += 1
                let id = Int64(scan.int(0))
                let key = Int64(scan.int(1))
                let here = PagePosition(time: Int64(scan.int(2)), id: id)
                last = here
                if skipped.contains(key) { continue }
                if matched[key] == nil {
                    if let position {
                        shownBefore.bind(binds + [.int(key), .int(position.time), .int(position.id)])
                        let earlier = try shownBefore.step()
                        shownBefore.reset()
                        if earlier {
                            skipped.insert(key)
                            continue
                        }
                    }
                    if order.count == limit {
                        full = true
                        break
                    }
                    order.append((key, here))
                }
                matched[key, default: []].insert(id)
            }
            scan.reset()
            if full || rows < chunk { break }
        }
        var out: [(ExportGroup, PagePosition)] = []
        for (key, at) in order {
            guard let story = try story(key: key, textPrefix: Self.listTextPrefix) else { continue }
            let ids = matched[key] ?? []
            let shown = ids.contains(story.shown.id) ? story.shown : story.copies.last { ids.contains($0.id) } ?? story.shown
            out.append((ExportGroup(shown: shown, copies: story.copies, revised: false), at))
        }
        return out
    }

    /// How much of each copy's text a page of stories carries: enough for its ~200-character summary.
    public static let listTextPrefix = 600

    /// A story by its key (a story id, or minus an article id for an article outside any story): the copy
    /// to show (the canonical one, else `preferring`, else the first seen) and every copy, first seen first.
    /// With `textPrefix`, copies carry that many characters of their text and no HTML.
    public func story(key: Int64, preferring articleId: Int64? = nil, textPrefix: Int? = nil) throws -> (shown: StoredArticle, copies: [StoredArticle])? {
        let s = try db.statement(
            """
            SELECT \(Self.storedArticleColumns(textPrefix: textPrefix)) FROM articles a JOIN feeds f ON f.id = a.feed_id
            WHERE (?1 > 0 AND a.story_id = ?1) OR a.id = -?1 OR a.id = ?2
            ORDER BY a.first_seen_at, a.id
            """)
        s.bind([.int(key), articleId.map { .int($0) } ?? .null])
        var copies: [StoredArticle] = []
        while try s.step() { copies.append(Self.storedArticle(s)) }
        s.reset()
        guard !copies.isEmpty else { return nil }
        let canonical = key > 0 ? try canonicalArticle(ofStory: key) : nil
        let shown = copies.first { $0.id == canonical } ?? copies.first { $0.id == articleId } ?? copies[0]
        return (shown, copies)
    }

    /// Policy stories since `since`, per province code (`330000`) and per local day (`2026-12-03`, in the
    /// zone `offsetSeconds` east of UTC).
    public func policyCounts(since: Date, offsetSeconds: Int) throws -> (byProvince: [String: Int], byDay: [String: Int]) {
        var byProvince: [String: Int] = [:]
        let p = try db.statement(
            """
            SELECT substr(t.value, 1, 2) || '0000', count(DISTINCT coalesce(a.story_id, -a.id))
            FROM articles a INDEXED BY articles_by_time JOIN article_tags t ON t.article_id = a.id AND t.kind = 'region'
            WHERE coalesce(a.published_at, a.first_seen_at) >= ?1 AND a.kind = 'policy'
            GROUP BY 1
            """)
        p.bind([.of(since)])
        while try p.step() { byProvince[p.text(0) ?? ""] = p.int(1) }
        p.reset()
        var byDay: [String: Int] = [:]
        let d = try db.statement(
            """
            SELECT date(coalesce(a.published_at, a.first_seen_at) + ?2, 'unixepoch'), count(DISTINCT coalesce(a.story_id, -a.id))
            FROM articles a INDEXED BY articles_by_time
            WHERE coalesce(a.published_at, a.first_seen_at) >= ?1 AND a.kind = 'policy'
            GROUP BY 1
            """)
        d.bind([.of(since), .int(Int64(offsetSeconds))])
        while try d.step() { byDay[d.text(0) ?? ""] = d.int(1) }
        d.reset()
        return (byProvince, byDay)
    }

    /// SQLite's `PRAGMA data_version`: moves whenever another connection (any process) commits, so an
    /// unchanged value means what this connection read before is still what is stored.
    public func dataVersion() throws -> Int64 {
        let s = try db.statement("PRAGMA data_version")
        defer { s.reset() }
        return try s.step() ? Int64(s.int(0)) : 0
    }

    /// Articles and stories stored, for `/metrics`.
    public func totals() throws -> (articles: Int, stories: Int) {
        let s = try db.statement("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM stories)")
        defer { s.reset() }
        return try s.step() ? (s.int(0), s.int(1)) : (0, 0)
    }
}
