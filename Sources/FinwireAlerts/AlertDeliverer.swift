import FinwireFetch
import FinwireModel
import FinwireStore
import Foundation
import Logging

/// Takes due alerts from the outbox, sends each to its target through libcurl (the fetcher's limits and
/// protocols), and records the outcome: delivered, retry later, or parked. At least once: a crash between
/// sending and recording sends again, with the same `delivery_id`.
public struct AlertDeliverer: Sendable {
    let outbox: any AlertOutbox
    let sender: FeedFetcher
    /// Watch id → target key → target.
    let targets: [String: [String: DeliveryTarget]]
    let policy: RetryPolicy
    let logger: Logger
    let now: @Sendable () -> Date

    public init(
        outbox: any AlertOutbox, sender: FeedFetcher, watches: [WatchTargets], policy: RetryPolicy = RetryPolicy(),
        logger: Logger, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.outbox = outbox
        self.sender = sender
        var byWatch: [String: [String: DeliveryTarget]] = [:]
        for w in watches { byWatch[w.watchId] = Dictionary(w.targets.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a }) }
        self.targets = byWatch
        self.policy = policy
        self.logger = logger
        self.now = now
    }

    /// What a round of delivery did.
    public struct Report: Sendable, Equatable {
        public var delivered = 0
        public var retrying = 0
        public var parked = 0
        public var attempted: Int { delivered + retrying + parked }
        public init() {}
    }

    /// Sends every alert due now (up to `limit`), eight at a time.
    public func deliverDue(limit: Int = 200) async throws -> Report {
        let due = try await outbox.dueAlerts(now: now(), limit: limit)
        var report = Report()
        await withTaskGroup(of: AlertAttempt?.self) { group in
            var next = 0
            func add() {
                let alert = due[next]
                next += 1
                group.addTask { await self.deliver(alert) }
            }
            while next < min(8, due.count) { add() }
            while let attempt = await group.next() {
                switch attempt {
                case .delivered: report.delivered += 1
                case .retry: report.retrying += 1
                case .parked: report.parked += 1
                case nil: break
                }
                if next < due.count { add() }
            }
        }
        return report
    }

    /// Delivers until nothing is due now or `deadline` passes (`finwire fetch` before it exits); alerts
    /// waiting for a retry stay in the outbox for the next run or the daemon.
    public func drain(until deadline: ContinuousClock.Instant) async throws -> Report {
        var total = Report()
        while ContinuousClock.now < deadline {
            let r = try await deliverDue()
            total.delivered += r.delivered
            total.retrying += r.retrying
            total.parked += r.parked
            if r.attempted == 0 || r.delivered + r.parked == 0 { break }
        }
        return total
    }

    /// One alert to its one target; nil when the outcome could not be recorded (it stays due).
    func deliver(_ alert: PendingAlert) async -> AlertAttempt? {
        let attempt: AlertAttempt
        if let target = targets[alert.watchId]?[alert.target] {
            do {
                if let story = try await outbox.alertStory(alert) {
                    let message = AlertMessage(alert: alert, shown: story.shown, copies: story.copies)
                    let result = await sender.fetch(DeliveryRequest.make(target, message, now: now()))
                    attempt = Self.redacted(policy.decide(result, attempts: alert.attempts, now: now()), target)
                } else {
                    attempt = .parked(error: "the story's articles are gone (deleted or pruned)")
                }
            } catch {
                logger.error("alert outbox read failed", metadata: ["alert.id": "\(alert.id)", "error": "\(error)"])
                return nil
            }
        } else {
            attempt = .parked(error: "watch \(alert.watchId) or its target \(alert.target) is no longer configured")
        }
        switch attempt {
        case .delivered:
            logger.info("alert delivered", metadata: ["watch.id": "\(alert.watchId)", "alert.delivery_id": "\(alert.deliveryId)", "alert.target": "\(alert.target)"])
        case .retry(let at, let error):
            logger.warning(
                "alert delivery failed; will retry",
                metadata: ["watch.id": "\(alert.watchId)", "alert.target": "\(alert.target)", "error": "\(error)", "retry.at": "\(ISODate.string(at))"])
        case .parked(let error):
            logger.error(
                "alert parked", metadata: ["watch.id": "\(alert.watchId)", "alert.target": "\(alert.target)", "error": "\(error)"])
        }
        do {
            try await outbox.finishAlert(id: alert.id, attempt, now: now())
        } catch {
            logger.error("alert outbox write failed", metadata: ["alert.id": "\(alert.id)", "error": "\(error)"])
            return nil
        }
        return attempt
    }

    /// `finwire watch test`: a sample message to every target of a watch, nothing recorded.
    public func test(watchId: String) async -> [(target: String, outcome: AlertAttempt)] {
        let message = AlertMessage.sample(watchId: watchId, now: now())
        var out: [(String, AlertAttempt)] = []
        for (key, target) in (targets[watchId] ?? [:]).sorted(by: { $0.key < $1.key }) {
            let result = await sender.fetch(DeliveryRequest.make(target, message, now: now()))
            // A test is one attempt: what would be retried is reported as the failure it was.
            out.append((key, Self.redacted(policy.decide(result, attempts: policy.maxAttempts, now: now()), target)))
        }
        return out
    }

    /// An error as logs, the outbox and `status` keep it: without the target's secret (a Telegram token
    /// is part of its URL) or the URL's query (DingTalk's access token and signature, WeCom's key).
    static func redacted(_ attempt: AlertAttempt, _ target: DeliveryTarget) -> AlertAttempt {
        func clean(_ text: String) -> String {
            var t = text
            if let secret = target.secret, !secret.isEmpty { t = t.replacingOccurrences(of: secret, with: "***") }
            if let query = target.url.query, !query.isEmpty { t = t.replacingOccurrences(of: query, with: "***") }
            // A signed URL's added parameters, whatever they were.
            if let r = t.range(of: #"\?[^\s)]*(timestamp|sign|key|access_token)=[^\s)]*"#, options: .regularExpression) {
                t.replaceSubrange(r, with: "?***")
            }
            return t
        }
        switch attempt {
        case .delivered: return .delivered
        case .retry(let at, let error): return .retry(at: at, error: clean(error))
        case .parked(let error): return .parked(error: clean(error))
        }
    }
}

/// The outbox `watch test` hands the deliverer: a test sends, and never reads or writes an outbox.
public struct NoAlertOutbox: AlertOutbox {
    public init() {}
    public func dueAlerts(now: Date, limit: Int) async throws -> [PendingAlert] { [] }
    public func nextAlertDue() async throws -> Date? { nil }
    public func alertStory(_ alert: PendingAlert) async throws -> (shown: StoredArticle, copies: [StoredArticle])? { nil }
    public func finishAlert(id: Int64, _ attempt: AlertAttempt, now: Date) async throws {}
}
