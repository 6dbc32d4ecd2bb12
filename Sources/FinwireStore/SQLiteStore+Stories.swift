import FinwireModel
import Foundation

/// Story clusters. The store keeps the keys and the assignment; the dedupe stage decides.
extension SQLiteStore: StoryStore {
    static let dedupeColumns = """
        SELECT a.id, a.feed_id, a.title, a.text, a.url, a.published_at, a.first_seen_at, a.story_id,
            (SELECT group_concat(value, ' ') FROM article_tags t WHERE t.article_id = a.id AND t.kind = 'region')
        FROM articles a
        """

    /// Rows of `dedupeColumns` as candidates, each with where a scan that ends on it resumes.
    private func candidates(_ s: SQLiteStatement) throws -> [(ClusterCandidate, ScanPosition)] {
        var out: [(ClusterCandidate, ScanPosition)] = []
        while try s.step() {
            let id = Int64(s.int(0))
            let firstSeen = Int64(s.int(6))
            let published = s.int64OrNil(5) ?? firstSeen
            out.append(
                (
                    ClusterCandidate(
                        id: id, title: s.text(2) ?? "", text: s.text(3) ?? "", url: s.text(4), storyId: s.int64OrNil(7),
                        regions: (s.text(8) ?? "").split(separator: " ").map(String.init),
                        published: Date(timeIntervalSince1970: Double(published)), feedId: s.text(1) ?? ""),
                    ScanPosition(firstSeen: firstSeen, id: id)
                ))
        }
        return out
    }

    /// Read through the partial index `articles_unclustered` (schema 8): no sort, stops after `limit`.
    /// (The planner prefers `articles_by_story` on its own, then sorts; hence `INDEXED BY`.)
    /// `?2`/`?3` resume after the last row read (first seen, id), the order of the partial index (whose
    /// entries end with the rowid): a reader can take the next batch while the one before is still unplaced.
    static let unclusteredSQL =
        dedupeColumns + """
         INDEXED BY articles_unclustered WHERE a.story_id IS NULL AND a.first_seen_at >= ?2
            AND (a.first_seen_at > ?2 OR a.id > ?3) ORDER BY a.first_seen_at, a.id LIMIT ?1
        """

    /// Articles not yet in a story, oldest first: what the ingest path (or a rebuild) clusters next.
    /// - Parameter position: where the previous batch ended; nil from the start.
    public func unclusteredRows(after position: ScanPosition?, limit: Int) throws -> (rows: [ClusterCandidate], next: ScanPosition?) {
        let s = try db.statement(Self.unclusteredSQL)
        s.bind([.int(Int64(limit)), .int(position?.firstSeen ?? Int64.min), .int(position?.id ?? Int64.min)])
        defer { s.reset() }
        let rows = try candidates(s)
        return (rows.map(\.0), rows.last?.1)
    }

    public func rows(ids: [Int64]) throws -> [ClusterCandidate] {
        guard !ids.isEmpty else { return [] }
        let s = try db.statement(Self.dedupeColumns + " WHERE a.id IN (\(ids.map(String.init).joined(separator: ",")))")
        defer { s.reset() }
        return try candidates(s).map(\.0)
    }

    /// For each key set, the clustered articles sharing an exact key (canonical URL, title or 原标题 key,
    /// document number), with their stories; at most 50 each. `keep` marks the ones the clusterer must
    /// judge however far their SimHash is: the same URL, and a shared title where the stored copy is a
    /// one-line summary (its text cannot be near the full article's, yet it is the same story).
    public func sharingKeys(_ list: [StoryKeys]) throws -> [[(id: Int64, story: Int64, simhash: UInt64, keep: Bool)]] {
        // The fourth column is `keep`.
        let byURL = try db.statement(
            "SELECT id, story_id, simhash, 1 FROM articles WHERE canonical_url = ?1 AND story_id IS NOT NULL LIMIT 50")
        let byTitle = try db.statement(
            """
            SELECT id, story_id, simhash, length(text) < 160 FROM articles WHERE (title_key = ?1 OR original_title_key = ?1)
                AND story_id IS NOT NULL LIMIT 50
            """)
        let byDoc = try db.statement(
            """
            SELECT d.article_id, a.story_id, a.simhash, 0 FROM article_doc_numbers d JOIN articles a ON a.id = d.article_id
            WHERE d.doc_number = ?1 AND a.story_id IS NOT NULL LIMIT 50
            """)
        return try list.map { k in
            var seen = Set<Int64>()
            var out: [(Int64, Int64, UInt64, Bool)] = []
            func collect(_ s: SQLiteStatement, _ value: String) throws {
                s.bind([.text(value)])
                defer { s.reset() }
                while try s.step(), out.count < 50 {
                    let id = Int64(s.int(0))
                    if seen.insert(id).inserted {
                        out.append((id, Int64(s.int(1)), UInt64(bitPattern: s.int64OrNil(2) ?? 0), s.int(3) != 0))
                    }
                }
            }
            if let u = k.canonicalURL { try collect(byURL, u) }
            for key in [k.titleKey, k.originalTitleKey].compactMap({ $0 }) where key.count >= 6 {
                try collect(byTitle, key)
            }
            for n in k.docNumbers { try collect(byDoc, n) }
            return out
        }
    }

    /// Stores a batch of story decisions in one transaction: new stories get the ids the dedupe stage
    /// chose; each joined story's canonical member is its official copy (a gov.cn page) if it has one,
    /// else its earliest.
    public func assign(_ batch: [(articleId: Int64, storyId: Int64, isNew: Bool, keys: StoryKeys)]) throws {
        try assign(batch, now: Date())
    }

    public func assign(_ batch: [(articleId: Int64, storyId: Int64, isNew: Bool, keys: StoryKeys)], now: Date) throws {
        try db.transaction {
            let newStory = try db.statement(
                "INSERT OR IGNORE INTO stories (id, canonical_article_id, first_seen_at, updated_at) VALUES (?1, ?2, ?3, ?3)")
            let update = try db.statement(
                """
                UPDATE articles SET story_id = ?2, canonical_url = ?3, title_key = ?4, original_title_key = ?5,
                    simhash = ?6 WHERE id = ?1
                """)
            let clearDocs = try db.statement("DELETE FROM article_doc_numbers WHERE article_id = ?1")
            let addDoc = try db.statement("INSERT OR IGNORE INTO article_doc_numbers (article_id, doc_number) VALUES (?1, ?2)")
            let canonical = try db.statement(
                """
                UPDATE stories SET updated_at = ?2, canonical_article_id = (
                    SELECT id FROM articles WHERE story_id = ?1
                    ORDER BY (coalesce(canonical_url, '') LIKE '%.gov.cn/%') DESC,
                        coalesce(published_at, first_seen_at), id LIMIT 1)
                WHERE id = ?1
                """)
            var joined = Set<Int64>()
            for d in batch {
                if d.isNew {
                    try newStory.run([.int(d.storyId), .int(d.articleId), .of(now)])
                } else {
                    joined.insert(d.storyId)
                }
                let k = d.keys
                try update.run([
                    .int(d.articleId), .int(d.storyId), .of(k.canonicalURL), .text(k.titleKey), .of(k.originalTitleKey),
                    .int(Int64(bitPattern: k.simhash)),
                ])
                try clearDocs.run([.int(d.articleId)])
                for n in k.docNumbers { try addDoc.run([.int(d.articleId), .text(n)]) }
            }
            for story in joined { try canonical.run([.int(story), .of(now)]) }
            if !alertRules.isEmpty, alertsWithStories {
                try enqueueAlerts(articleIds: batch.map(\.articleId), event: .new, now: now)
            }
        }
    }

    public func maxStoryId() throws -> Int64 {
        let s = try db.statement("SELECT coalesce(max(id), 0) FROM stories")
        defer { s.reset() }
        return try s.step() ? Int64(s.int(0)) : 0
    }

    /// Every clustered article's SimHash, to rebuild the in-memory index at start.
    public func simhashes(afterId: Int64, limit: Int) throws -> [(id: Int64, simhash: UInt64, story: Int64)] {
        let s = try db.statement(
            """
            SELECT id, simhash, story_id FROM articles WHERE simhash IS NOT NULL AND story_id IS NOT NULL AND id > ?1
            ORDER BY id LIMIT ?2
            """)
        s.bind([.int(afterId), .int(Int64(limit))])
        defer { s.reset() }
        var out: [(Int64, UInt64, Int64)] = []
        while try s.step() {
            out.append((Int64(s.int(0)), UInt64(bitPattern: s.int64OrNil(1) ?? 0), Int64(s.int(2))))
        }
        return out
    }

    public func storyId(ofArticle id: Int64) throws -> Int64? {
        let s = try db.statement("SELECT story_id FROM articles WHERE id = ?1")
        s.bind([.int(id)])
        defer { s.reset() }
        return try s.step() ? s.int64OrNil(0) : nil
    }

    /// Forgets every story (for `finwire dedupe --rebuild`); articles stay.
    public func resetStories() throws {
        try db.transaction {
            try db.execute("UPDATE articles SET story_id = NULL; DELETE FROM stories; DELETE FROM article_doc_numbers;")
        }
    }

    public func storyCount() throws -> Int {
        let s = try db.statement("SELECT count(*) FROM stories")
        defer { s.reset() }
        return try s.step() ? s.int(0) : 0
    }

    /// Stories whose members are gone (pruned) are removed with them.
    public func dropEmptyStories() throws {
        try db.execute("DELETE FROM stories WHERE NOT EXISTS (SELECT 1 FROM articles WHERE story_id = stories.id)")
    }

    public func canonicalArticle(ofStory id: Int64) throws -> Int64? {
        let s = try db.statement("SELECT canonical_article_id FROM stories WHERE id = ?1")
        s.bind([.int(id)])
        defer { s.reset() }
        return try s.step() ? s.int64OrNil(0) : nil
    }

    /// Puts one article into a story (a new one when `storyId` is nil); returns the story's id.
    @discardableResult
    public func assignStory(articleId: Int64, storyId: Int64?, keys: StoryKeys, now: Date = Date()) throws -> Int64 {
        let story = try storyId ?? (maxStoryId() + 1)
        try assign([(articleId, story, storyId == nil, keys)], now: now)
        return story
    }
}
