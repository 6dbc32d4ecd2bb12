import FinwireModel
import Foundation

/// A watch as the store applies it: which articles match — the export's own conditions, so a watch means
/// exactly what the same `export` flags mean — and the targets each match is delivered to.
public struct AlertRule: Sendable, Equatable {
    public var watchId: String
    public var filter: ExportFilter
    /// One key per delivery target (`webhook#0`…): each target's delivery is tracked on its own.
    public var targets: [String]
    /// Whether a revised article alerts again (with `event: revised`).
    public var revisions: Bool

    public init(watchId: String, filter: ExportFilter, targets: [String], revisions: Bool = false) {
        self.watchId = watchId
        self.filter = filter
        self.targets = targets
        self.revisions = revisions
    }
}

public enum AlertEvent: String, Sendable {
    case new, revised
}

/// An alert waiting in the outbox.
public struct PendingAlert: Sendable, Equatable {
    public var id: Int64
    public var watchId: String
    public var target: String
    /// The story's id, or minus the article's id when dedupe is off.
    public var storyKey: Int64
    public var revision: Int
    public var articleId: Int64?
    public var event: AlertEvent
    public var attempts: Int
    public var created: Date

    /// Stable across retries and restarts, the same for every target: receivers drop repeats by it.
    public var deliveryId: String { "\(watchId):\(storyKey):\(revision)" }
}

/// How one delivery attempt ended, as the outbox records it.
public enum AlertAttempt: Sendable, Equatable {
    case delivered
    /// Failed; tried again at `at`.
    case retry(at: Date, error: String)
    /// Failed for good (a 4xx other than 408/429, or too many attempts): kept with its error, not retried.
    case parked(error: String)
}

/// The outbox per watch, for `finwire status`.
public struct OutboxSummary: Sendable, Equatable {
    public var watchId: String
    public var pending = 0
    public var delivered = 0
    public var parked = 0
    public var lastDelivered: Date?
    public var lastError: String?

    public init(watchId: String, pending: Int = 0, delivered: Int = 0, parked: Int = 0, lastDelivered: Date? = nil, lastError: String? = nil) {
        self.watchId = watchId
        self.pending = pending
        self.delivered = delivered
        self.parked = parked
        self.lastDelivered = lastDelivered
        self.lastError = lastError
    }
}

extension SQLiteStore: AlertOutbox {
    /// The configured watches. `withStories`: new articles alert when the clusterer gives them a story (so
    /// another outlet's copy finds the story's alert already there); false when dedupe is off.
    public func setAlertRules(_ rules: [AlertRule], withStories: Bool) {
        alertRules = rules
        alertsWithStories = withStories
    }

    /// How old (first seen) an article may be and still raise a `new` alert.
    static let alertMaxAge: TimeInterval = 86_400

    /// Writes the alerts these articles raise, inside the caller's transaction. A watch and target that
    /// already alerted for the story (and revision) is skipped by the table's unique key.
    func enqueueAlerts(articleIds: [Int64], event: AlertEvent, now: Date) throws {
        guard !articleIds.isEmpty else { return }
        let rules = alertRules.filter { event == .new || $0.revisions }
        guard !rules.isEmpty else { return }
        // Full-text conditions read the index, which ingest otherwise leaves to the first query.
        if rules.contains(where: { $0.filter.terms.contains { $0.count >= 3 } }) { try catchUpFullText() }
        let ids = JSONValue.array(articleIds.map { .string(String($0)) }).serialized()
        for rule in rules {
            var binds: [SQLiteValue] = []
            let conditions = Self.conditions(rule.filter, binds: &binds).joined(separator: " AND ")
            func bind(_ v: SQLiteValue) -> String {
                binds.append(v)
                return "?\(binds.count)"
            }
            let revision = event == .new ? "0" : "(SELECT count(*) FROM article_versions v WHERE v.article_id = a.id)"
            // News only: an article first seen more than a day before it is clustered (recovery after a crash
            // in the middle of `dedupe --rebuild`, whose stories have new ids) does not alert again.
            let fresh = event == .new ? " AND a.first_seen_at >= \(bind(.of(now.addingTimeInterval(-Self.alertMaxAge))))" : ""
            let sql = """
                INSERT OR IGNORE INTO alerts (watch_id, target, story_key, revision, article_id, event, created_at,
                    next_attempt_at)
                SELECT \(bind(.text(rule.watchId))), t.value, coalesce(a.story_id, -a.id), \(revision), a.id,
                    \(bind(.text(event.rawValue))), \(bind(.of(now))), \(bind(.of(now)))
                FROM articles a, json_each(\(bind(.text(jsonArray(rule.targets))))) t
                WHERE a.id IN (SELECT CAST(value AS INTEGER) FROM json_each(\(bind(.text(ids))))) AND \(conditions)\(fresh)
                ORDER BY a.id
                """
            try db.statement(sql).run(binds)
        }
    }

    /// Alerts due at `now`, oldest first.
    public func dueAlerts(now: Date, limit: Int = 100) throws -> [PendingAlert] {
        let s = try db.statement(
            """
            SELECT id, watch_id, target, story_key, revision, article_id, event, attempts, created_at FROM alerts
            WHERE state = 'pending' AND next_attempt_at <= ?1 ORDER BY next_attempt_at, id LIMIT ?2
            """)
        s.bind([.of(now), .int(Int64(limit))])
        defer { s.reset() }
        var out: [PendingAlert] = []
        while try s.step() {
            out.append(
                PendingAlert(
                    id: Int64(s.int(0)), watchId: s.text(1) ?? "", target: s.text(2) ?? "", storyKey: Int64(s.int(3)),
                    revision: s.int(4), articleId: s.int64OrNil(5), event: AlertEvent(rawValue: s.text(6) ?? "") ?? .new,
                    attempts: s.int(7), created: Date(timeIntervalSince1970: Double(s.int(8)))))
        }
        return out
    }

    /// When the next pending alert falls due (nil: none pending), so a deliverer can sleep until then.
    public func nextAlertDue() throws -> Date? {
        let s = try db.statement("SELECT min(next_attempt_at) FROM alerts WHERE state = 'pending'")
        defer { s.reset() }
        return try s.step() ? s.int64OrNil(0).map { Date(timeIntervalSince1970: Double($0)) } : nil
    }

    /// The story an alert is about: the copy to show (the story's canonical copy, else the article that
    /// raised it) and every copy, first seen first. Nil when its articles are gone (deleted or pruned).
    public func alertStory(_ alert: PendingAlert) throws -> (shown: StoredArticle, copies: [StoredArticle])? {
        try story(key: alert.storyKey, preferring: alert.articleId)
    }

    /// Records how a delivery attempt ended.
    public func finishAlert(id: Int64, _ attempt: AlertAttempt, now: Date = Date()) throws {
        switch attempt {
        case .delivered:
            try db.statement(
                "UPDATE alerts SET state = 'delivered', attempts = attempts + 1, delivered_at = ?2, last_error = NULL WHERE id = ?1"
            ).run([.int(id), .of(now)])
        case .retry(let at, let error):
            try db.statement(
                "UPDATE alerts SET attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3 WHERE id = ?1"
            ).run([.int(id), .of(at), .text(error)])
        case .parked(let error):
            try db.statement("UPDATE alerts SET state = 'parked', attempts = attempts + 1, last_error = ?2 WHERE id = ?1")
                .run([.int(id), .text(error)])
        }
    }

    /// Pending, delivered and parked alerts per watch, with the last delivery and the last error.
    public func outboxSummaries() throws -> [OutboxSummary] {
        let s = try db.statement(
            """
            SELECT watch_id, sum(state = 'pending'), sum(state = 'delivered'), sum(state = 'parked'), max(delivered_at),
                (SELECT last_error FROM alerts e WHERE e.watch_id = alerts.watch_id AND e.last_error IS NOT NULL
                    ORDER BY e.id DESC LIMIT 1)
            FROM alerts GROUP BY watch_id ORDER BY watch_id
            """)
        defer { s.reset() }
        var out: [OutboxSummary] = []
        while try s.step() {
            out.append(
                OutboxSummary(
                    watchId: s.text(0) ?? "", pending: s.int(1), delivered: s.int(2), parked: s.int(3),
                    lastDelivered: s.int64OrNil(4).map { Date(timeIntervalSince1970: Double($0)) }, lastError: s.text(5)))
        }
        return out
    }
}
