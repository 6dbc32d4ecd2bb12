import FinwireModel
import Foundation

/// Articles and their versions: saving what a fetch brought, tags, identities, deletion and pruning.
extension SQLiteStore: ArticleStore {
    /// `coalesce(published_at, first_seen_at) OP value` — an article's time — written as an OR that SQLite
    /// answers from the `published_at` and `first_seen_at` indexes. The `coalesce` form hides both columns
    /// from the planner, so "the last day" read every row: at a million articles, seconds per export.
    static func articleTime(_ op: String, _ value: String, table: String = "a.") -> String {
        "(\(table)published_at \(op) \(value) OR (\(table)published_at IS NULL AND \(table)first_seen_at \(op) \(value)))"
    }

    /// Deletes articles that were published (or first seen) before `cutoff` and have not been in their
    /// feed since then either — an article its feed still carries is kept, or the next fetch would
    /// bring it back. Policy articles (`is_policy`) follow `policyBefore` instead: nil keeps them for good,
    /// because a regional policy is what users come back to years later. Returns how many went.
    @discardableResult
    public func pruneArticles(
        before cutoff: Date, policyBefore: Date? = nil, now: Date = Date(), batch: Int = 5_000,
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) throws -> Int {
        // Which rows go: old, left their feed, and not policy unless policy has its own (shorter) horizon.
        // The time test is written for the indexes (`articleTime`): at a year of data the doomed rows are a
        // twentieth of the table, scattered through it, and each batch scanned from the start again.
        let doomed = """
            \(Self.articleTime("<", "?1", table: "")) AND last_seen_at < ?1
                AND (coalesce(is_policy, 0) = 0
                    OR (?2 IS NOT NULL AND \(Self.articleTime("<", "?2", table: "")) AND last_seen_at < ?2))
            """
        let binds: [SQLiteValue] = [.of(cutoff), .of(policyBefore.map { min($0, cutoff) })]
        try db.execute("CREATE TEMP TABLE IF NOT EXISTS prune_batch (id INTEGER PRIMARY KEY)")
        try db.execute("CREATE TEMP TABLE IF NOT EXISTS prune_stories (id INTEGER PRIMARY KEY)")
        let count = try db.statement("SELECT count(*) FROM articles WHERE \(doomed)")
        count.bind(binds)
        let total = try count.step() ? count.int(0) : 0
        count.reset()
        // In batches, one transaction each (tombstones with their deletions): a year's worth of rows is
        // not one giant transaction that holds the writer and the WAL for minutes, and progress can be told.
        var done = 0
        while done < total {
            let n = try db.transaction { () throws -> Int in
                try db.execute("DELETE FROM prune_batch")
                try db.execute("DELETE FROM prune_stories")
                try db.statement("INSERT INTO prune_batch SELECT id FROM articles WHERE \(doomed) LIMIT ?3")
                    .run(binds + [.int(Int64(batch))])
                // The stories these rows belong to: only they can be left empty, so only they are checked,
                // in the same transaction (checking every story read the whole story index at a million
                // articles; checking at the end could be cut off by a crash between batches).
                try db.execute(
                    """
                    INSERT OR IGNORE INTO prune_stories SELECT story_id FROM articles
                    WHERE id IN (SELECT id FROM prune_batch) AND story_id IS NOT NULL
                    """)
                // Tombstones first, for what is about to go: a deleted article does not come back.
                try db.statement(
                    """
                    INSERT OR REPLACE INTO tombstones (feed_id, identity, deleted_at, last_seen_at, reason)
                    SELECT feed_id, identity, ?1, last_seen_at, 'pruned' FROM articles WHERE id IN (SELECT id FROM prune_batch)
                    """
                ).run([.of(now)])
                try db.execute("DELETE FROM articles WHERE id IN (SELECT id FROM prune_batch)")
                let deleted = Int(db.changes)
                try db.execute(
                    """
                    DELETE FROM stories WHERE id IN (SELECT id FROM prune_stories)
                        AND NOT EXISTS (SELECT 1 FROM articles WHERE story_id = stories.id)
                    """)
                return deleted
            }
            if n == 0 { break }
            done += n
            progress?(done, total)
        }
        try db.transaction {
            // Tombstones whose item has left its feed for 30 days are forgotten.
            try db.statement("DELETE FROM tombstones WHERE last_seen_at < ?1").run([.of(now.addingTimeInterval(-30 * 86_400))])
        }
        return done
    }

    /// Housekeeping after pruning: fold the WAL into the database and truncate it; with `vacuum`, also
    /// rebuild the file to return free pages to the filesystem (slow on big databases; needs free disk).
    public func compact(vacuum: Bool) throws {
        try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        if vacuum { try db.execute("VACUUM") }
    }

    /// Records one fetch attempt and, for a fetched document, its articles, all in one transaction:
    /// a feed lands whole or not at all, and a failed fetch never touches stored articles.
    @discardableResult
    public func record(feedId: String, fetch: FetchRecord, articles: [Article] = [], now: Date = Date()) throws
        -> SaveSummary
    {
        try ingest(feedId: feedId, fetch: fetch, articles: articles, now: now).summary
    }

    /// `record`, also saying which articles were inserted.
    public func ingest(
        feedId: String, fetch: FetchRecord, articles: [Article] = [], identitySwitch: IdentitySwitch? = nil,
        now: Date = Date()
    ) throws -> Ingested {
        try db.transaction {
            if let identitySwitch { try rekeyToLink(feedId: feedId, identitySwitch) }
            var result = Ingested()
            var revised: [Int64] = []
            if case .fetched = fetch.outcome {
                for (i, a) in articles.enumerated() {
                    if let id = try save(a, feedId: feedId, now: now, summary: &result.summary, revised: &revised) {
                        result.inserted.append((i, id))
                    }
                }
            }
            // Alerts in the same transaction as their articles: new ones here only when no clusterer will
            // place them (it enqueues them with their story), revisions always.
            if !alertRules.isEmpty {
                if !alertsWithStories { try enqueueAlerts(articleIds: result.inserted.map(\.id), event: .new, now: now) }
                try enqueueAlerts(articleIds: revised, event: .revised, now: now)
            }
            try updateState(feedId: feedId, fetch: fetch)
            if let schedule = fetch.schedule { try updateSchedule(feedId: feedId, schedule: schedule) }
            try log(feedId: feedId, fetch: fetch, summary: result.summary)
            return result
        }
    }

    /// Saves one article; returns its id when it is a new row, and adds it to `revised` when its content changed.
    private func save(_ a: Article, feedId: String, now: Date, summary: inout SaveSummary, revised: inout [Int64]) throws
        -> Int64?
    {
        let find = try db.statement("SELECT id, content_hash FROM articles WHERE feed_id = ?1 AND identity = ?2")
        find.bind([.text(feedId), .text(a.identity)])
        if try find.step() {
            let id = Int64(find.int(0))
            let hash = find.text(1)
            find.reset()
            if hash == a.contentHash {
                try db.statement("UPDATE articles SET last_seen_at = ?2 WHERE id = ?1").run([.int(id), .of(now)])
                summary.unchanged += 1
            } else {
                // The previous version is kept: an official document revised in place stays auditable.
                try db.statement(
                    """
                    INSERT INTO article_versions (article_id, content_hash, title, text, html, replaced_at)
                    SELECT id, content_hash, title, text, html, ?2 FROM articles WHERE id = ?1
                    """
                ).run([.int(id), .of(now)])
                try db.statement(
                    """
                    UPDATE articles SET guid = ?2, url = ?3, title = ?4, author = ?5, published_at = ?6,
                        updated_at = ?7, html = ?8, text = ?9, content_hash = ?10, categories = ?11, image_url = ?12,
                        last_seen_at = ?13, changed_at = ?13, changed_seq = coalesce(?14, changed_seq)
                    WHERE id = ?1
                    """
                ).run([
                    .int(id), .of(a.guid), .of(a.url), .text(a.title), .of(a.author), .of(a.published), .of(a.updated),
                    .text(a.html), .text(a.text), .text(a.contentHash), .text(jsonArray(a.categories)), .of(a.imageURL),
                    .of(now), try nextChangeSequence(),
                ])
                summary.updated += 1
                revised.append(id)
                try saveTags(a.tags, articleId: id, now: now)
            }
            return nil
        }
        find.reset()
        // A deleted or pruned article does not come back while its feed still carries it.
        let tomb = try db.statement("UPDATE tombstones SET last_seen_at = ?3 WHERE feed_id = ?1 AND identity = ?2")
        try tomb.run([.text(feedId), .text(a.identity), .of(now)])
        if db.changes > 0 {
            summary.unchanged += 1
            return nil
        }
        try db.statement(
            """
            INSERT INTO articles (feed_id, identity, guid, url, title, author, published_at, updated_at, html, text,
                content_hash, categories, image_url, first_seen_at, last_seen_at, changed_at, tags, policy_score, is_policy,
                tagged_at, kind\(hasSequences ? ", created_seq, changed_seq" : ""))
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14, ?14, ?15, ?16, ?17, ?18, ?19\(hasSequences ? ", ?20, ?20" : ""))
            """
        ).run([
            .text(feedId), .text(a.identity), .of(a.guid), .of(a.url), .text(a.title), .of(a.author), .of(a.published),
            .of(a.updated), .text(a.html), .text(a.text), .text(a.contentHash), .text(jsonArray(a.categories)),
            .of(a.imageURL), .of(now),
            // The tags go in with the row: a second UPDATE would rewrite the whole row again.
            a.tags.map { .text($0.json) } ?? .null, a.tags.map { .real($0.policyScore) } ?? .null,
            a.tags.map { .int($0.isPolicy ? 1 : 0) } ?? .null, a.tags == nil ? .null : .of(now), .of(a.tags?.kind),
        ] + (hasSequences ? [try nextChangeSequence()] : []))
        summary.inserted += 1
        let id = db.lastInsertRowid
        try saveTagKeys(a.tags, articleId: id)
        return id
    }

    /// The next number of the change sequence export cursors follow (bumped inside the caller's transaction).
    func nextChangeSequence() throws -> SQLiteValue {
        guard hasSequences else { return .null }
        let s = try db.statement("UPDATE change_counter SET value = value + 1 WHERE id = 1 RETURNING value")
        defer { s.reset() }
        guard try s.step() else { return .null }
        return .int(Int64(s.int(0)))
    }

    /// Writes an article's tags: the JSON with evidence on the row, the flat keys beside it.
    func saveTags(_ tags: ArticleTags?, articleId: Int64, now: Date) throws {
        guard let tags else { return }
        try db.statement(
            "UPDATE articles SET tags = ?2, policy_score = ?3, is_policy = ?4, tagged_at = ?5, kind = ?6 WHERE id = ?1"
        ).run([
            .int(articleId), .text(tags.json), .real(tags.policyScore), .int(tags.isPolicy ? 1 : 0), .of(now), .of(tags.kind),
        ])
        try db.statement("DELETE FROM article_tags WHERE article_id = ?1").run([.int(articleId)])
        try saveTagKeys(tags, articleId: articleId)
    }

    /// The flat keys queries filter on, one row per tag.
    private func saveTagKeys(_ tags: ArticleTags?, articleId: Int64) throws {
        guard let tags else { return }
        let insert = try db.statement(
            "INSERT OR REPLACE INTO article_tags (article_id, kind, value, score) VALUES (?1, ?2, ?3, ?4)")
        for k in tags.keys { try insert.run([.int(articleId), .text(k.kind), .text(k.value), .real(k.score)]) }
    }

    /// One lookup per article (the feed's identity index), plus one by link for each new GUID when asked:
    /// a feed that republishes 50 known items costs 50 lookups, not 50 tagger runs.
    public func compare(feedId: String, articles: [Article], checkIdentities: Bool) throws -> StoredComparison {
        let find = try db.statement("SELECT content_hash FROM articles WHERE feed_id = ?1 AND identity = ?2")
        let sameURL = try db.statement("SELECT 1 FROM articles WHERE feed_id = ?1 AND url = ?2 AND identity <> ?3 LIMIT 1")
        var result = StoredComparison(needsSaving: [], unstableIdentities: 0)
        result.needsSaving.reserveCapacity(articles.count)
        for a in articles {
            find.bind([.text(feedId), .text(a.identity)])
            let known = try find.step()
            result.needsSaving.append(!known || find.text(0) != a.contentHash)
            find.reset()
            // A GUID not stored yet whose link is: the feed minted a new GUID for a page it already had.
            guard checkIdentities, !known, let url = a.url, a.identity.hasPrefix("guid:") else { continue }
            sameURL.bind([.text(feedId), .text(url), .text(a.identity)])
            if try sameURL.step() { result.unstableIdentities += 1 }
            sameURL.reset()
        }
        return result
    }

    /// Stored articles for re-tagging, oldest first, from `afterId` on, `limit` at a time.
    public func articlesToTag(since: Date?, afterId: Int64, limit: Int) throws -> [(id: Int64, feedId: String, title: String, text: String)] {
        let s = try db.statement(
            """
            SELECT id, feed_id, title, text FROM articles
            WHERE id > ?1 AND (?2 IS NULL OR coalesce(published_at, first_seen_at) >= ?2)
            ORDER BY id LIMIT ?3
            """)
        s.bind([.int(afterId), .of(since), .int(Int64(limit))])
        defer { s.reset() }
        var out: [(Int64, String, String, String)] = []
        while try s.step() { out.append((Int64(s.int(0)), s.text(1) ?? "", s.text(2) ?? "", s.text(3) ?? "")) }
        return out
    }

    /// Replaces stored tags, one transaction per batch.
    public func updateTags(_ batch: [(id: Int64, tags: ArticleTags)], now: Date = Date()) throws {
        try db.transaction {
            for (id, tags) in batch { try saveTags(tags, articleId: id, now: now) }
        }
    }

    public func identityMode(feedId: String) throws -> (mode: String, note: String?)? {
        let s = try db.statement("SELECT identity_mode, identity_note FROM feeds WHERE id = ?1")
        s.bind([.text(feedId)])
        defer { s.reset() }
        guard try s.step(), let mode = s.text(0) else { return nil }
        return (mode, s.text(1))
    }

    /// Switches a feed to link identities and re-keys its stored articles the same way, so the switch
    /// itself duplicates nothing. `rekey` maps a link to its identity (the normalizer's rule).
    public func switchToLinkIdentity(feedId: String, note: String, rekey: @escaping @Sendable (String) -> String) throws {
        try db.transaction { try rekeyToLink(feedId: feedId, IdentitySwitch(note: note, rekey: rekey)) }
    }

    /// `switchToLinkIdentity`'s work, inside the caller's transaction.
    private func rekeyToLink(feedId: String, _ change: IdentitySwitch) throws {
        try db.statement("UPDATE feeds SET identity_mode = 'link', identity_note = ?2 WHERE id = ?1")
            .run([.text(feedId), .text(change.note)])
        let rows = try db.statement("SELECT id, url FROM articles WHERE feed_id = ?1 AND url IS NOT NULL AND identity LIKE 'guid:%'")
        rows.bind([.text(feedId)])
        var pairs: [(Int64, String)] = []
        while try rows.step() { pairs.append((Int64(rows.int(0)), rows.text(1) ?? "")) }
        rows.reset()
        // Two stored rows for one link (the unstable GUIDs' doing): the older keeps it; the rest stay as they are.
        let update = try db.statement("UPDATE OR IGNORE articles SET identity = ?2 WHERE id = ?1")
        for (id, url) in pairs { try update.run([.int(id), .text(change.rekey(url))]) }
    }

    /// Deletes articles by id, leaving tombstones so that their feeds do not bring them back.
    @discardableResult
    public func deleteArticles(ids: [Int64], now: Date = Date()) throws -> Int {
        guard !ids.isEmpty else { return 0 }
        let list = ids.map(String.init).joined(separator: ",")
        return try db.transaction {
            try db.statement(
                """
                INSERT OR REPLACE INTO tombstones (feed_id, identity, deleted_at, last_seen_at, reason)
                SELECT feed_id, identity, ?1, ?1, 'deleted' FROM articles WHERE id IN (\(list))
                """
            ).run([.of(now)])
            try db.execute("DELETE FROM articles WHERE id IN (\(list))")
            let n = Int(db.changes)
            try dropEmptyStories()
            return n
        }
    }

    /// Earlier versions of an article, newest first.
    public func versions(articleId: Int64) throws -> [(contentHash: String, title: String, replacedAt: Date)] {
        let s = try db.statement(
            "SELECT content_hash, title, replaced_at FROM article_versions WHERE article_id = ?1 ORDER BY id DESC")
        s.bind([.int(articleId)])
        defer { s.reset() }
        var out: [(String, String, Date)] = []
        while try s.step() {
            out.append((s.text(0) ?? "", s.text(1) ?? "", Date(timeIntervalSince1970: Double(s.int(2)))))
        }
        return out
    }
}
