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

/// One entry of an export as the store reads it: the copy to show and every copy of its story.
public struct ExportGroup: Sendable {
    /// The story's canonical copy when the filters selected it, else its earliest selected copy (with
    /// `--all-copies`, each selected copy in turn).
    public var shown: StoredArticle
    /// Every copy finwire holds of the story, first seen first, the shown one included. Only the shown one
    /// carries its body: no format writes another copy's.
    public var copies: [StoredArticle]
    /// Some copy was revised after finwire first stored it (by the change sequence).
    public var revised: Bool
}

/// What an export read saw, known before its first entry.
public struct ExportRead: Sendable, Equatable {
    /// The change sequence of the snapshot: where a cursor goes once the export has been written.
    public var position: Int64
    /// How many entries the read yields.
    public var total: Int
}

extension SQLiteStore: ReadStore {
    /// Brings the full-text index up to date with every article stored so far; cheap when it already is.
    /// Called before a full-text query, so that ingest never pays for indexing.
    public func refreshFullText() throws {
        try db.transaction { try catchUpFullText() }
    }

    /// `refreshFullText`'s work, inside the caller's transaction.
    func catchUpFullText() throws {
        try db.execute(
            """
            INSERT INTO articles_fts(rowid, title, text)
            SELECT id, title, text FROM articles WHERE id > (SELECT indexed_through FROM fts_state WHERE id = 1);
            UPDATE fts_state SET indexed_through = (SELECT coalesce(max(id), 0) FROM articles) WHERE id = 1;
            """)
    }

    /// Stored articles in publication order (oldest first), joined with their feed's title and categories.
    public func articles(_ query: ArticleQuery) throws -> [StoredArticle] {
        var sql = "SELECT \(Self.storedArticleColumns()) FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE 1"
        var binds: [SQLiteValue] = []
        if let since = query.since {
            binds.append(.of(since))
            sql += " AND " + Self.articleTime(">=", "?\(binds.count)")
        }
        if let until = query.until {
            binds.append(.of(until))
            sql += " AND " + Self.articleTime("<", "?\(binds.count)")
        }
        if !query.feedIds.isEmpty {
            let marks = query.feedIds.map { id -> String in
                binds.append(.text(id))
                return "?\(binds.count)"
            }
            sql += " AND a.feed_id IN (\(marks.joined(separator: ",")))"
        }
        sql += " ORDER BY coalesce(a.published_at, a.first_seen_at), a.id"
        if let limit = query.limit { sql += " LIMIT \(max(0, limit))" }
        let s = try db.statement(sql)
        s.bind(binds)
        defer { s.reset() }
        var result: [StoredArticle] = []
        while try s.step() { result.append(Self.storedArticle(s)) }
        return result
    }

    /// The columns `storedArticle` reads, in its order (`bodies: false` leaves HTML and text out).
    /// - Parameter textPrefix: with bodies, only this many characters of the text and no HTML (lists that
    ///   show a summary: decoding whole bodies was most of a story list's time).
    static func storedArticleColumns(bodies: Bool = true, textPrefix: Int? = nil) -> String {
        let body = !bodies ? "'', ''" : textPrefix.map { "'', substr(a.text, 1, \($0))" } ?? "a.html, a.text"
        return """
        a.id, a.feed_id, f.title, f.categories, a.identity, a.guid, a.url, a.title, a.author,
            a.published_at, a.updated_at, \(body), a.categories, a.image_url,
            a.content_hash, a.first_seen_at, a.last_seen_at, coalesce(a.changed_at, a.first_seen_at), a.tags,
            a.policy_score, a.is_policy, a.story_id, a.kind
        """
    }

    /// One row of `storedArticleColumns` (columns 0–23) as a `StoredArticle`.
    static func storedArticle(_ s: SQLiteStatement) -> StoredArticle {
        func date(_ c: Int32) -> Date? { s.int64OrNil(c).map { Date(timeIntervalSince1970: Double($0)) } }
        let article = Article(
            identity: s.text(4) ?? "", guid: s.text(5), url: s.text(6), title: s.text(7) ?? "", author: s.text(8),
            published: date(9), updated: date(10), html: s.text(11) ?? "", text: s.text(12) ?? "",
            categories: decodeArray(s.text(13)), imageURL: s.text(14), contentHash: s.text(15) ?? "")
        return StoredArticle(
            id: Int64(s.int(0)), feedId: s.text(1) ?? "", feedTitle: s.text(2), feedCategories: decodeArray(s.text(3)),
            article: article, firstSeen: date(16) ?? Date(), lastSeen: date(17) ?? Date(), changed: date(18) ?? Date(),
            tagsJSON: s.text(19), policyScore: s.int64OrNil(20) == nil ? nil : s.double(20),
            isPolicy: s.int64OrNil(21).map { $0 != 0 }, storyId: s.int64OrNil(22), kind: s.text(23))
    }

    /// Article counts per feed, for summaries and tests.
    public func articleCount(feedId: String? = nil) throws -> Int {
        if let feedId {
            let s = try db.statement("SELECT count(*) FROM articles WHERE feed_id = ?1")
            s.bind([.text(feedId)])
            defer { s.reset() }
            return try s.step() ? s.int(0) : 0
        }
        let s = try db.statement("SELECT count(*) FROM articles")
        defer { s.reset() }
        return try s.step() ? s.int(0) : 0
    }

    /// Reads what `filter` selects, one entry at a time, oldest first, in one snapshot: `begin` hears the
    /// position and the number of entries, then `each` gets every entry as its rows come off the cursor.
    /// Nothing is gathered, so memory does not grow with the selection (a story's copies are the most held).
    ///
    /// With `after` (a cursor's position) only what is new or revised since then: articles whose change
    /// sequence is above it. With `stories`, whole stories come: a story is selected when a member of it was
    /// revised since the cursor, or when none of its (matching) members existed then — a new copy of a story
    /// already exported is a duplicate, not news. Every selected story brings all its matching members so the
    /// copy to show can be chosen; `limit` keeps the newest entries.
    ///
    /// Gap-free: `position` is the sequence inside the same snapshot, so a revision committed while the
    /// export is being written has a higher sequence and comes with the next export. An error thrown by
    /// `begin` or `each` ends the read and is rethrown.
    @discardableResult
    public func readExport(
        _ filter: ExportFilter, after: Int64? = nil, stories: Bool = true, limit: Int? = nil,
        begin: (ExportRead) throws -> Void = { _ in }, each: (ExportGroup) throws -> Void
    ) throws -> ExportRead {
        // The full-text index is filled lazily (see migration 6): catch it up before a query reads it.
        if filter.terms.contains(where: { $0.count >= 3 }) { try refreshFullText() }
        try db.execute("BEGIN")
        do {
            let read = try streamSelection(filter, after: after, stories: stories, limit: limit, begin: begin, each: each)
            try db.execute("COMMIT")
            return read
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
    }

    private func streamSelection(
        _ filter: ExportFilter, after: Int64?, stories: Bool, limit: Int?, begin: (ExportRead) throws -> Void,
        each: (ExportGroup) throws -> Void
    ) throws -> ExportRead {
        let counter = try db.statement("SELECT value FROM change_counter WHERE id = 1")
        let position = try counter.step() ? Int64(counter.int(0)) : 0
        counter.reset()

        var binds: [SQLiteValue] = []
        let keys = try db.statement(Self.keysSQL(filter, after: after, stories: stories, limit: limit, binds: &binds))
        keys.bind(binds)
        defer { keys.reset() }
        let row = try db.statement(Self.rowSQL)
        var read = ExportRead(position: position, total: 0)
        var group: (shownId: Int64, copies: [StoredArticle], shown: Int?, revised: Bool)?
        func emit() throws {
            guard let g = group, let shown = g.shown else { return }
            try each(ExportGroup(shown: g.copies[shown], copies: g.copies, revised: g.revised))
        }
        while try keys.step() {
            if read.total == 0 {
                read.total = keys.int(2)
                try begin(read)
            }
            let shownId = Int64(keys.int(0))
            if group?.shownId != shownId {
                try emit()
                group = (shownId, [], nil, false)
            }
            row.bind([.int(Int64(keys.int(1))), .int(shownId)])
            defer { row.reset() }
            guard try row.step() else { continue }  // the same snapshot: the row is there
            let copy = Self.storedArticle(row)
            if copy.id == shownId { group!.shown = group!.copies.count }
            if row.int(24) != 0 { group!.revised = true }
            group!.copies.append(copy)
        }
        try emit()
        if read.total == 0 { try begin(read) }
        return read
    }

    /// The export's keys: (entry id, copy id, number of entries), one row per copy of each entry's story,
    /// entries oldest first (by the shown copy's time, then id) and a story's copies adjacent, first seen
    /// first. Only these small rows are sorted; `rowSQL` then reads each copy by its id, in this order.
    static func keysSQL(_ filter: ExportFilter, after: Int64?, stories: Bool, limit: Int?, binds: inout [SQLiteValue])
        -> String
    {
        let conditions = Self.conditions(filter, binds: &binds)
        var selected = "SELECT id, story, t FROM m"
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
                selected += """
                     WHERE story IN (SELECT story FROM m WHERE ch > \(c) AND (cs <= \(c) OR story NOT IN (
                        SELECT coalesce(a.story_id, -a.id) FROM articles a
                        WHERE coalesce(a.created_seq, 0) <= \(c) AND \(before))))
                    """
            } else {
                selected += " WHERE ch > \(c)"
            }
        }
        // The copy shown: the canonical one when it was selected, else the earliest selected.
        var shown = stories
            ? """
            SELECT story, id, t FROM (
                SELECT sel.story, sel.id, sel.t, row_number() OVER (
                    PARTITION BY sel.story ORDER BY sel.id IS st.canonical_article_id DESC, sel.t, sel.id) AS r
                FROM sel LEFT JOIN stories st ON st.id = sel.story)
            WHERE r = 1
            """ : "SELECT story, id, t FROM sel"
        if let limit {
            binds.append(.int(Int64(max(0, limit))))
            shown += " ORDER BY t DESC, id DESC LIMIT ?\(binds.count)"
        }
        return """
            WITH m AS MATERIALIZED (
                SELECT a.id, coalesce(a.story_id, -a.id) AS story, coalesce(a.created_seq, 0) AS cs,
                    coalesce(a.changed_seq, 0) AS ch, coalesce(a.published_at, a.first_seen_at) AS t
                FROM articles a WHERE \(conditions.joined(separator: " AND "))
            ),
            sel AS MATERIALIZED (\(selected)),
            shown AS MATERIALIZED (\(shown))
            SELECT sid, aid, (SELECT count(*) FROM shown) FROM (
                SELECT shown.t, shown.id AS sid, a.id AS aid, a.first_seen_at AS fs
                FROM shown JOIN articles a ON a.story_id = shown.story
                UNION ALL
                SELECT t, id, id, 0 FROM shown WHERE story < 0)
            ORDER BY t, sid, fs, aid
            """
    }

    /// One copy by id (?1), with its body only when it is the entry's shown copy (?2), then whether it was
    /// revised since first stored (column 24).
    static let rowSQL = """
        SELECT \(storedArticleColumns(bodies: false).replacingOccurrences(
            of: "'', ''", with: "iif(a.id = ?2, a.html, ''), iif(a.id = ?2, a.text, '')")),
            coalesce(a.changed_seq > a.created_seq, 0)
        FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE a.id = ?1
        """

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
        if let since = f.since { c.append(articleTime(">=", bind(.of(since)))) }
        if let until = f.until { c.append(articleTime("<", bind(.of(until)))) }
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

    // MARK: Cursors

    /// Where a named export cursor stands; nil before its first successful export.
    public func cursorPosition(_ name: String) throws -> Int64? {
        let s = try db.statement("SELECT position FROM export_cursors WHERE name = ?1")
        s.bind([.text(name)])
        defer { s.reset() }
        return try s.step() ? s.int64OrNil(0) : nil
    }

    /// Moves a cursor to `position` (an `ExportRead.position`), after its export was written.
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
