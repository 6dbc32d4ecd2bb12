import FinwireModel
import Foundation

/// What the live view reads beyond exports: pages of stories, one story whole, and the counts behind its
/// map, chart and metrics.
extension SQLiteStore {
    /// The newest `limit` stories the filter selects, newest first (an export's entries, in reverse).
    public func storyPage(_ filter: ExportFilter, limit: Int) throws -> [ExportGroup] {
        var out: [ExportGroup] = []
        try readExport(filter, after: nil, stories: true, limit: limit, begin: { _ in }, each: { out.append($0) })
        return out.reversed()
    }

    /// A story by its key (a story id, or minus an article id for an article outside any story): the copy
    /// to show (the canonical one, else `preferring`, else the first seen) and every copy, first seen first.
    public func story(key: Int64, preferring articleId: Int64? = nil) throws -> (shown: StoredArticle, copies: [StoredArticle])? {
        let s = try db.statement(
            """
            SELECT \(Self.storedArticleColumns()) FROM articles a JOIN feeds f ON f.id = a.feed_id
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
            FROM articles a JOIN article_tags t ON t.article_id = a.id AND t.kind = 'region'
            WHERE a.kind = 'policy' AND \(Self.articleTime(">=", "?1"))
            GROUP BY 1
            """)
        p.bind([.of(since)])
        while try p.step() { byProvince[p.text(0) ?? ""] = p.int(1) }
        p.reset()
        var byDay: [String: Int] = [:]
        let d = try db.statement(
            """
            SELECT date(coalesce(a.published_at, a.first_seen_at) + ?2, 'unixepoch'), count(DISTINCT coalesce(a.story_id, -a.id))
            FROM articles a WHERE a.kind = 'policy' AND \(Self.articleTime(">=", "?1"))
            GROUP BY 1
            """)
        d.bind([.of(since), .int(Int64(offsetSeconds))])
        while try d.step() { byDay[d.text(0) ?? ""] = d.int(1) }
        d.reset()
        return (byProvince, byDay)
    }

    /// Articles and stories stored, for `/metrics`.
    public func totals() throws -> (articles: Int, stories: Int) {
        let s = try db.statement("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM stories)")
        defer { s.reset() }
        return try s.step() ? (s.int(0), s.int(1)) : (0, 0)
    }
}
