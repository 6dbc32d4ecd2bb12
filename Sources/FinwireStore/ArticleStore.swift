import FinwireModel
import Foundation

/// The store stage's entry point: one SQLite file, one writer.
///
/// An actor, because the SQLite connection must be used by one task at a time; fetches and parses run
/// concurrently elsewhere and only their results queue here. Each feed's results land in one transaction.
public actor ArticleStore {
    let db: SQLiteDatabase
    public let path: String
    /// Whether rows carry the change sequence (schema 6+; tests also open older schemas).
    let hasSequences: Bool

    /// Opens (creating when absent) and migrates to the latest schema.
    public init(path: String) throws {
        try self.init(path: path, schemaVersion: Migrations.latest)
    }

    /// Opens and migrates only up to `schemaVersion`: how tests build a database from an older release.
    public init(path: String, schemaVersion: Int) throws {
        self.path = path
        // The configured folder may not exist yet on a fresh install (e.g. data/finwire.sqlite).
        try DatabaseFolder.ensure(forDatabase: path)
        db = try SQLiteDatabase(path: path)
        try Migrations.migrate(db, upTo: schemaVersion)
        hasSequences = try db.userVersion >= 6
    }

    public static var latestSchemaVersion: Int { Migrations.latest }

    public func schemaVersion() throws -> Int { try db.userVersion }

    /// Makes the feeds table match the configuration; feeds no longer configured keep their articles.
    public func syncFeeds(_ feeds: [FeedSource], now: Date = Date()) throws {
        try db.transaction {
            let upsert = try db.statement(
                """
                INSERT INTO feeds (id, url, title, categories, enabled, created_at, updated_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
                ON CONFLICT(id) DO UPDATE SET url = excluded.url, title = excluded.title,
                    categories = excluded.categories, enabled = excluded.enabled, updated_at = excluded.updated_at
                WHERE feeds.url IS NOT excluded.url OR feeds.title IS NOT excluded.title
                    OR feeds.categories IS NOT excluded.categories OR feeds.enabled IS NOT excluded.enabled
                """)
            // A feed whose configured URL changed starts afresh: no stored move, redirect count or disabling.
            let reset = try db.statement(
                """
                UPDATE fetch_state SET current_url = NULL, redirect_candidate = NULL, redirect_count = 0,
                    disabled_reason = NULL
                WHERE feed_id = ?1 AND EXISTS (SELECT 1 FROM feeds WHERE id = ?1 AND url IS NOT ?2)
                """)
            for f in feeds {
                try reset.run([.text(f.id), .text(f.url.absoluteString)])
                try upsert.run([
                    .text(f.id), .text(f.url.absoluteString), .of(f.title), .text(jsonArray(f.categories)),
                    .int(f.enabled ? 1 : 0), .of(now),
                ])
            }
        }
    }

    public func fetchState(feedId: String) throws -> FeedFetchState {
        let s = try db.statement(
            """
            SELECT etag, last_modified, body_hash, last_status, last_error, last_success_at, consecutive_failures,
                next_due_at, current_url, redirect_candidate, redirect_count, disabled_reason
            FROM fetch_state WHERE feed_id = ?1
            """)
        s.bind([.text(feedId)])
        defer { s.reset() }  // an unreset SELECT keeps a read snapshot open, which stalls WAL checkpoints
        guard try s.step() else { return FeedFetchState() }
        var state = FeedFetchState(
            validators: Validators(etag: s.text(0), lastModified: s.text(1)), bodyHash: s.text(2),
            lastStatus: s.int64OrNil(3).map(Int.init), lastError: s.text(4),
            lastSuccess: s.int64OrNil(5).map { Date(timeIntervalSince1970: Double($0)) },
            consecutiveFailures: s.int(6))
        state.nextDue = s.int64OrNil(7).map { Date(timeIntervalSince1970: Double($0)) }
        state.currentURL = s.text(8)
        state.redirectCandidate = s.text(9)
        state.redirectCount = s.int(10)
        state.disabledReason = s.text(11)
        return state
    }

    /// The pause a host asked for, if it is still running at `now`. Persisted, so a restart honours it.
    public func hostPause(host: String, now: Date = Date()) throws -> HostPause? {
        let s = try db.statement("SELECT until, reason FROM host_pauses WHERE host = ?1 AND until > ?2")
        s.bind([.text(host.lowercased()), .of(now)])
        defer { s.reset() }
        guard try s.step(), let until = s.int64OrNil(0) else { return nil }
        return HostPause(host: host, until: Date(timeIntervalSince1970: Double(until)), reason: s.text(1) ?? "")
    }

    /// Every known feed's health, in id order: the live database, whatever process is writing it.
    public func feedStatuses(now: Date = Date()) throws -> [FeedStatus] {
        let s = try db.statement(
            """
            SELECT f.id, coalesce(st.current_url, f.url), f.enabled,
                (SELECT count(*) FROM articles a WHERE a.feed_id = f.id),
                st.last_attempt_at, st.last_success_at, st.last_status, st.last_error,
                coalesce(st.consecutive_failures, 0), st.next_due_at, st.disabled_reason
            FROM feeds f LEFT JOIN fetch_state st ON st.feed_id = f.id
            ORDER BY f.id
            """)
        defer { s.reset() }
        var rows: [FeedStatus] = []
        func date(_ c: Int32) -> Date? { s.int64OrNil(c).map { Date(timeIntervalSince1970: Double($0)) } }
        while try s.step() {
            var row = FeedStatus(feedId: s.text(0) ?? "", url: s.text(1) ?? "", enabled: s.int(2) == 1)
            row.articles = s.int(3)
            row.lastAttempt = date(4)
            row.lastSuccess = date(5)
            row.lastStatus = s.int64OrNil(6).map(Int.init)
            row.lastError = s.text(7)
            row.consecutiveFailures = s.int(8)
            row.nextDue = date(9)
            row.disabledReason = s.text(10)
            rows.append(row)
        }
        for i in rows.indices {
            if let host = URL(string: rows[i].url)?.host { rows[i].hostPause = try hostPause(host: host, now: now) }
        }
        return rows
    }

    /// The median gap, in seconds, between a feed's most recent `sample` publication times (nil with
    /// fewer than 3 dated articles): its observed publishing rate, for adaptive polling.
    public func medianPublishingGap(feedId: String, sample: Int = 20) throws -> Int? {
        let s = try db.statement(
            "SELECT published_at FROM articles WHERE feed_id = ?1 AND published_at IS NOT NULL "
                + "ORDER BY published_at DESC LIMIT ?2")
        s.bind([.text(feedId), .int(Int64(sample))])
        defer { s.reset() }
        var times: [Int64] = []
        while try s.step() { if let t = s.int64OrNil(0) { times.append(t) } }
        guard times.count >= 3 else { return nil }
        let gaps = zip(times, times.dropFirst()).map { Int($0 - $1) }.sorted()
        return gaps[gaps.count / 2]
    }

    /// Every feed's next-due time (nil: never fetched, so due now), without disabled feeds: one indexed
    /// read per scheduler wake-up, instead of a pass that asks every feed whether it is due.
    public func schedule() throws -> [String: Date?] {
        let s = try db.statement(
            """
            SELECT f.id, st.next_due_at FROM feeds f LEFT JOIN fetch_state st ON st.feed_id = f.id
            WHERE st.disabled_reason IS NULL
            """)
        defer { s.reset() }
        var out: [String: Date?] = [:]
        while try s.step() {
            // updateValue: a subscript assignment of nil would remove the key, and "never fetched" is a value.
            out.updateValue(s.int64OrNil(1).map { Date(timeIntervalSince1970: Double($0)) }, forKey: s.text(0) ?? "")
        }
        return out
    }

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

    /// Deletes fetch-log rows older than `date`; returns how many went.
    @discardableResult
    public func pruneFetchLog(before date: Date) throws -> Int {
        try db.statement("DELETE FROM fetch_log WHERE started_at < ?1").run([.of(date)])
        return Int(db.changes)
    }

    /// Records one fetch attempt and, for a fetched document, its articles, all in one transaction:
    /// a feed lands whole or not at all, and a failed fetch never touches stored articles.
    @discardableResult
    public func record(feedId: String, fetch: FetchRecord, articles: [Article] = [], now: Date = Date()) throws
        -> SaveSummary
    {
        try ingest(feedId: feedId, fetch: fetch, articles: articles, now: now).summary
    }

    /// What `ingest` stored: the counts, and which of the given articles became new rows with which ids, so
    /// the dedupe stage places exactly those without reading them back.
    public struct Ingested: Sendable {
        public var summary = SaveSummary()
        public var inserted: [(index: Int, id: Int64)] = []
    }

    /// `record`, also saying which articles were inserted.
    public func ingest(feedId: String, fetch: FetchRecord, articles: [Article] = [], now: Date = Date()) throws
        -> Ingested
    {
        try db.transaction {
            var result = Ingested()
            if case .fetched = fetch.outcome {
                for (i, a) in articles.enumerated() {
                    if let id = try save(a, feedId: feedId, now: now, summary: &result.summary) {
                        result.inserted.append((i, id))
                    }
                }
            }
            try updateState(feedId: feedId, fetch: fetch)
            if let schedule = fetch.schedule { try updateSchedule(feedId: feedId, schedule: schedule) }
            try log(feedId: feedId, fetch: fetch, summary: result.summary)
            return result
        }
    }

    /// Saves one article; returns its id when it is a new row.
    private func save(_ a: Article, feedId: String, now: Date, summary: inout SaveSummary) throws -> Int64? {
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

    /// Brings the full-text index up to date with every article stored so far; cheap when it already is.
    /// Called before a full-text query, so that ingest never pays for indexing.
    public func refreshFullText() throws {
        try db.transaction {
            try db.execute(
                """
                INSERT INTO articles_fts(rowid, title, text)
                SELECT id, title, text FROM articles WHERE id > (SELECT indexed_through FROM fts_state WHERE id = 1);
                UPDATE fts_state SET indexed_through = (SELECT coalesce(max(id), 0) FROM articles) WHERE id = 1;
                """)
        }
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

    /// Which of these articles the next `record` would write (new, or changed content): only those need
    /// tagging, so a feed that republishes 50 known items costs 50 lookups, not 50 tagger runs.
    public func needsSaving(feedId: String, articles: [Article]) throws -> [Bool] {
        let find = try db.statement("SELECT content_hash FROM articles WHERE feed_id = ?1 AND identity = ?2")
        return try articles.map { a in
            find.bind([.text(feedId), .text(a.identity)])
            defer { find.reset() }
            return try !find.step() || find.text(0) != a.contentHash
        }
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

    private func updateSchedule(feedId: String, schedule u: ScheduleUpdate) throws {
        try db.statement(
            """
            UPDATE fetch_state SET next_due_at = ?2, consecutive_failures = ?3, redirect_candidate = ?4,
                redirect_count = ?5, current_url = coalesce(?6, current_url),
                disabled_reason = coalesce(?7, disabled_reason)
            WHERE feed_id = ?1
            """
        ).run([
            .text(feedId), .of(u.nextDue), .of(u.consecutiveFailures), .of(u.redirectCandidate), .of(u.redirectCount),
            .of(u.moveTo), .of(u.disableReason),
        ])
        if let pause = u.hostPause {
            try db.statement(
                """
                INSERT INTO host_pauses (host, until, reason) VALUES (?1, ?2, ?3)
                ON CONFLICT(host) DO UPDATE SET until = max(until, excluded.until), reason = excluded.reason
                """
            ).run([.text(pause.host.lowercased()), .of(pause.until), .text(pause.reason)])
        }
    }

    private func updateState(feedId: String, fetch: FetchRecord) throws {
        let failed: (kind: String, message: String)?
        if case let .failed(kind, message) = fetch.outcome { failed = (kind, message) } else { failed = nil }
        // Validators are saved on every answer that carries them (304 included), never wiped by a failure.
        try db.statement(
            """
            INSERT INTO fetch_state (feed_id, etag, last_modified, body_hash, last_status, last_error, last_attempt_at,
                last_success_at, consecutive_failures)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CASE WHEN ?6 IS NULL THEN ?7 END, CASE WHEN ?6 IS NULL THEN 0 ELSE 1 END)
            ON CONFLICT(feed_id) DO UPDATE SET
                etag = CASE WHEN ?6 IS NULL THEN coalesce(?2, etag) ELSE etag END,
                last_modified = CASE WHEN ?6 IS NULL THEN coalesce(?3, last_modified) ELSE last_modified END,
                body_hash = coalesce(?4, body_hash),
                last_status = ?5, last_error = ?6, last_attempt_at = ?7,
                last_success_at = CASE WHEN ?6 IS NULL THEN ?7 ELSE last_success_at END,
                consecutive_failures = CASE WHEN ?6 IS NULL THEN 0 ELSE consecutive_failures + 1 END
            """
        ).run([
            .text(feedId), .of(fetch.validatorsReceived.etag), .of(fetch.validatorsReceived.lastModified),
            .of(failed == nil ? fetch.bodyHash : nil), .of(fetch.status), .of(failed.map { "\($0.kind): \($0.message)" }),
            .of(fetch.startedAt),
        ])
    }

    private func log(feedId: String, fetch: FetchRecord, summary: SaveSummary) throws {
        var kind: String?
        var message: String?
        if case let .failed(k, m) = fetch.outcome {
            kind = k
            message = m
        }
        try db.statement(
            """
            INSERT INTO fetch_log (feed_id, started_at, url, status, bytes, duration_ms, etag_sent, last_modified_sent,
                etag_received, last_modified_received, error_kind, error_message, inserted, updated)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
            """
        ).run([
            .text(feedId), .of(fetch.startedAt), .text(fetch.url), .of(fetch.status), .of(fetch.bytes),
            .of(fetch.durationMilliseconds), .of(fetch.validatorsSent.etag), .of(fetch.validatorsSent.lastModified),
            .of(fetch.validatorsReceived.etag), .of(fetch.validatorsReceived.lastModified), .of(kind), .of(message),
            .of(summary.inserted), .of(summary.updated),
        ])
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
    static func storedArticleColumns(bodies: Bool = true) -> String {
        """
        a.id, a.feed_id, f.title, f.categories, a.identity, a.guid, a.url, a.title, a.author,
            a.published_at, a.updated_at, \(bodies ? "a.html, a.text" : "'', ''"), a.categories, a.image_url,
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
}

func jsonArray(_ values: [String]) -> String {
    JSONValue.array(values.map { .string($0) }).serialized()
}

func decodeArray(_ text: String?) -> [String] {
    guard let text, let data = text.data(using: .utf8),
        let array = try? JSONSerialization.jsonObject(with: data) as? [String]
    else { return [] }
    return array
}
