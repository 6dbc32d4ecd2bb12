import FinwireModel
import Foundation

/// What `finwire export` selects. Different filters narrow each other (AND); the values of one filter widen
/// it (OR): `--region 浙江 --region 江苏 --topic green` is green articles about either province.
public struct ExportFilter: Sendable, Equatable {
    /// Published (or first seen, when undated) at or after / before.
    public var since: Date?
    public var until: Date?
    public var feedIds: [String] = []
    /// Region codes an article's region tags must hit (the caller expands a province to its cities and
    /// counties), and grouping ids whose own tag also counts (山区26县 → `zj-26-mountain-counties`).
    public var regionCodes: [String] = []
    public var groupingIds: [String] = []
    /// Agency ids; a bare id (`nfra`) also matches its local bodies (`nfra@330000`).
    public var agencies: [String] = []
    public var topics: [String] = []
    /// Tags of any kind, as (kind, value): a user rule's tag is ("custom", name).
    public var tags: [Tag] = []
    public var policyOnly = false
    public var minPolicyScore: Double?
    /// Kinds (`policy`, `data`…): an article of any of them.
    public var kinds: [String] = []
    /// Full-text terms, all required, each matched in title or text (FTS5 trigram for 3+ characters).
    public var terms: [String] = []

    public struct Tag: Sendable, Equatable {
        public var kind: String
        public var value: String
        public init(kind: String, value: String) {
            self.kind = kind
            self.value = value
        }
    }

    public init() {}

    /// Whether any region or grouping was asked for (an empty code list then matches nothing).
    public var hasRegionFilter: Bool { !regionCodes.isEmpty || !groupingIds.isEmpty }
}

/// One consistent read of what an export covers.
public struct ExportSelection: Sendable {
    /// The articles the filters (and the cursor) select, oldest first, with their story.
    public var articles: [StoredArticle]
    /// Other copies of the selected stories that are not themselves selected, without bodies: the story's
    /// other outlets.
    public var siblings: [StoredArticle]
    /// Each selected story's canonical article, when the dedupe stage chose one.
    public var canonical: [Int64: Int64]
    /// The change sequence this read saw: where a cursor goes once the export has been written.
    public var position: Int64
    /// Articles (selected or siblings) revised after finwire first stored them.
    public var revised: Set<Int64>
}

extension ArticleStore {
    /// The articles `filter` selects, read in one snapshot.
    ///
    /// With `after` (a cursor's position) only what is new or revised since then: articles whose change
    /// sequence is above it. With `stories`, whole stories come: a story is selected when a member of it was
    /// revised since the cursor, or when none of its (matching) members existed then — a new copy of a story
    /// already exported is a duplicate, not news. Every selected story brings all its matching members so the
    /// caller can pick the copy to show.
    ///
    /// Gap-free: `position` is the sequence inside the same snapshot, so a revision committed while the
    /// export is being written has a higher sequence and comes with the next export.
    public func exportSelection(_ filter: ExportFilter, after: Int64? = nil, stories: Bool = true) throws
        -> ExportSelection
    {
        // The full-text index is filled lazily (see migration 6): catch it up before a query reads it.
        if filter.terms.contains(where: { $0.count >= 3 }) { try refreshFullText() }
        try db.execute("BEGIN")
        do {
            let selection = try readSelection(filter, after: after, stories: stories)
            try db.execute("COMMIT")
            return selection
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
    }

    private func readSelection(_ filter: ExportFilter, after: Int64?, stories: Bool) throws -> ExportSelection {
        let counter = try db.statement("SELECT value FROM change_counter WHERE id = 1")
        let position = try counter.step() ? Int64(counter.int(0)) : 0
        counter.reset()

        var binds: [SQLiteValue] = []
        let conditions = Self.conditions(filter, binds: &binds)
        var sql = """
            WITH m AS MATERIALIZED (
                SELECT a.id, coalesce(a.story_id, -a.id) AS story, coalesce(a.created_seq, 0) AS cs,
                    coalesce(a.changed_seq, 0) AS ch
                FROM articles a WHERE \(conditions.joined(separator: " AND "))
            )
            SELECT \(Self.exportColumns(bodies: true))
            FROM m JOIN articles a ON a.id = m.id JOIN feeds f ON f.id = a.feed_id
            """
        if let after {
            binds.append(.int(after))
            let c = "?\(binds.count)"
            if stories {
                // Whether a story was exported before is judged without --since/--until: those windows move
                // with the clock, and a copy that was inside last week's window is still exported.
                var undated = filter
                undated.since = nil
                undated.until = nil
                let before = Self.conditions(undated, binds: &binds).joined(separator: " AND ")
                sql += """
                     WHERE m.story IN (SELECT story FROM m WHERE ch > \(c) AND (cs <= \(c) OR story NOT IN (
                        SELECT coalesce(a.story_id, -a.id) FROM articles a
                        WHERE coalesce(a.created_seq, 0) <= \(c) AND \(before))))
                    """
            } else {
                sql += " WHERE m.ch > \(c)"
            }
        }
        sql += " ORDER BY coalesce(a.published_at, a.first_seen_at), a.id"
        var revised = Set<Int64>()
        let articles = try readArticles(sql, binds, revised: &revised)

        let storyIds = Set(articles.compactMap(\.storyId))
        var siblings: [StoredArticle] = []
        var canonical: [Int64: Int64] = [:]
        if !storyIds.isEmpty {
            let ids = JSONValue.array(storyIds.sorted().map { .int(Int($0)) }).serialized()
            let selected = JSONValue.array(articles.map { .int(Int($0.id)) }).serialized()
            siblings = try readArticles(
                """
                SELECT \(Self.exportColumns(bodies: false)) FROM articles a JOIN feeds f ON f.id = a.feed_id
                WHERE a.story_id IN (SELECT value FROM json_each(?1)) AND a.id NOT IN (SELECT value FROM json_each(?2))
                ORDER BY a.first_seen_at, a.id
                """, [.text(ids), .text(selected)], revised: &revised)
            let s = try db.statement(
                "SELECT id, canonical_article_id FROM stories WHERE id IN (SELECT value FROM json_each(?1))")
            s.bind([.text(ids)])
            defer { s.reset() }
            while try s.step() {
                if let c = s.int64OrNil(1) { canonical[Int64(s.int(0))] = c }
            }
        }
        return ExportSelection(
            articles: articles, siblings: siblings, canonical: canonical, position: position, revised: revised)
    }

    /// The WHERE conditions over `articles a` for a filter; values are always bound.
    static func conditions(_ f: ExportFilter, binds: inout [SQLiteValue]) -> [String] {
        func bind(_ v: SQLiteValue) -> String {
            binds.append(v)
            return "?\(binds.count)"
        }
        func list(_ values: [String]) -> String {
            bind(.text(JSONValue.array(values.map { .string($0) }).serialized()))
        }
        var c = ["1"]
        if let since = f.since { c.append("coalesce(a.published_at, a.first_seen_at) >= \(bind(.of(since)))") }
        if let until = f.until { c.append("coalesce(a.published_at, a.first_seen_at) < \(bind(.of(until)))") }
        if !f.feedIds.isEmpty { c.append("a.feed_id IN (SELECT value FROM json_each(\(list(f.feedIds))))") }
        if f.hasRegionFilter {
            c.append(
                """
                EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND (
                    (t.kind = 'region' AND t.value IN (SELECT value FROM json_each(\(list(f.regionCodes)))))
                    OR (t.kind = 'grouping' AND t.value IN (SELECT value FROM json_each(\(list(f.groupingIds)))))))
                """)
        }
        if !f.agencies.isEmpty {
            c.append(
                """
                EXISTS (SELECT 1 FROM article_tags t, json_each(\(list(f.agencies))) j
                    WHERE t.article_id = a.id AND t.kind = 'agency'
                    AND (t.value = j.value OR substr(t.value, 1, length(j.value) + 1) = j.value || '@'))
                """)
        }
        if !f.topics.isEmpty {
            c.append(
                """
                EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.kind = 'topic'
                    AND t.value IN (SELECT value FROM json_each(\(list(f.topics)))))
                """)
        }
        if !f.tags.isEmpty {
            c.append(
                """
                EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id
                    AND t.kind || char(9) || t.value IN (SELECT value FROM json_each(\(list(f.tags.map { "\($0.kind)\t\($0.value)" })))))
                """)
        }
        if f.policyOnly { c.append("a.is_policy = 1") }
        if !f.kinds.isEmpty { c.append("a.kind IN (" + f.kinds.map { bind(.text($0)) }.joined(separator: ", ") + ")") }
        if let min = f.minPolicyScore { c.append("a.policy_score >= \(bind(.real(min)))") }
        let long = f.terms.filter { $0.count >= 3 }
        if !long.isEmpty {
            // Each term a quoted FTS5 string: the query language's operators stay literal text.
            let match = long.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " ")
            c.append("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH \(bind(.text(match))))")
        }
        for term in f.terms where term.count < 3 {
            let escaped = term.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_")
            let p = bind(.text("%" + escaped + "%"))
            c.append("(a.title LIKE \(p) ESCAPE '\\' OR a.text LIKE \(p) ESCAPE '\\')")
        }
        return c
    }

    /// The stored-article columns, then whether the row was revised since it was first stored (column 23).
    static func exportColumns(bodies: Bool) -> String {
        storedArticleColumns(bodies: bodies) + ", coalesce(a.changed_seq > a.created_seq, 0)"
    }

    private func readArticles(_ sql: String, _ binds: [SQLiteValue], revised: inout Set<Int64>) throws -> [StoredArticle] {
        let s = try db.statement(sql)
        s.bind(binds)
        defer { s.reset() }
        var result: [StoredArticle] = []
        while try s.step() {
            let stored = Self.storedArticle(s)
            if s.int(24) != 0 { revised.insert(stored.id) }
            result.append(stored)
        }
        return result
    }

    // MARK: Cursors

    /// Where a named export cursor stands; nil before its first successful export.
    public func cursorPosition(_ name: String) throws -> Int64? {
        let s = try db.statement("SELECT position FROM export_cursors WHERE name = ?1")
        s.bind([.text(name)])
        defer { s.reset() }
        return try s.step() ? s.int64OrNil(0) : nil
    }

    /// Moves a cursor to `position` (an `ExportSelection.position`), after its export was written.
    /// Never backwards: an older export finishing late cannot make a newer one's articles come again.
    public func advanceCursor(_ name: String, to position: Int64, now: Date = Date()) throws {
        try db.transaction {
            try db.statement(
                """
                INSERT INTO export_cursors (name, position, updated_at) VALUES (?1, ?2, ?3)
                ON CONFLICT(name) DO UPDATE SET position = max(position, excluded.position),
                    updated_at = excluded.updated_at
                """
            ).run([.text(name), .int(position), .of(now)])
        }
    }

    /// Every cursor, by name: for `finwire export --list-cursors` and operators.
    public func cursors() throws -> [(name: String, position: Int64, updated: Date)] {
        let s = try db.statement("SELECT name, position, updated_at FROM export_cursors ORDER BY name")
        defer { s.reset() }
        var out: [(String, Int64, Date)] = []
        while try s.step() {
            out.append((s.text(0) ?? "", Int64(s.int(1)), Date(timeIntervalSince1970: Double(s.int(2)))))
        }
        return out
    }
}
