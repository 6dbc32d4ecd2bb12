import FinwireModel
import Foundation

/// Feed state and schedule: what the fetcher needs to know before it asks, and what it learned.
extension SQLiteStore: FeedStateStore {
    public func context(feedId: String, url: URL, publishingGap: Bool, now: Date) throws -> FeedContext {
        let state = try fetchState(feedId: feedId)
        let host = (state.currentURL.flatMap { URL(string: $0) } ?? url).host
        return FeedContext(
            state: state, hostPause: try host.flatMap { try hostPause(host: $0, now: now) },
            publishingGap: publishingGap ? try medianPublishingGap(feedId: feedId) : nil,
            identityMode: try identityMode(feedId: feedId)?.mode)
    }

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

    /// Deletes fetch-log rows older than `date`; returns how many went.
    @discardableResult
    public func pruneFetchLog(before date: Date) throws -> Int {
        try db.statement("DELETE FROM fetch_log WHERE started_at < ?1").run([.of(date)])
        return Int(db.changes)
    }

    func updateSchedule(feedId: String, schedule u: ScheduleUpdate) throws {
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

    func updateState(feedId: String, fetch: FetchRecord) throws {
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

    func log(feedId: String, fetch: FetchRecord, summary: SaveSummary) throws {
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
}
