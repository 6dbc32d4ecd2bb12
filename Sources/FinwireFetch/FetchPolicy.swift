import FinwireModel
import Foundation

/// What to do after one fetch attempt: when to come back, whether to pause the host, move the feed to a
/// new URL or disable it. A pure state machine: same inputs, same decision; no clock, no I/O.
///
/// Rules (issue 4): 304 and 2xx reset failures; 301/308 move the feed only after the same permanent
/// target was seen on `permanentRedirectThreshold` consecutive fetches; 302/307 never move it; 404 and
/// other 4xx back off; 410 disables the feed with the reason; 429/503 with Retry-After pause the whole
/// host until then; 5xx, timeouts, DNS, TLS and connection errors back off exponentially with jitter,
/// capped at `maxBackoff`. Only 410 gives up for good.
public struct FetchPolicy: Sendable, Equatable {
    /// Seconds before the first retry after a failure; doubled per consecutive failure.
    public var baseBackoff = 60
    /// Cap on the backoff, seconds (6 h).
    public var maxBackoff = 6 * 3600
    public var permanentRedirectThreshold = 3
    /// ± this fraction of every delay, so that one host's feeds spread out.
    public var jitter = 0.1
    /// Longest a server's Cache-Control/Expires/ttl may push the next poll out, seconds (1 day).
    public var maxServerHint = 86_400
    /// Bounds for adaptive feeds, seconds: they are polled about once per median gap between posts.
    public var adaptiveMin = 300
    public var adaptiveMax = 6 * 3600

    public init() {}

    public struct Decision: Sendable, Equatable {
        public var nextDue: Date
        public var consecutiveFailures: Int
        /// Pause every feed of this host until then (429/503 with Retry-After).
        public var hostPauseUntil: Date?
        /// Set on 410: the feed is disabled with this reason.
        public var disableReason: String?
        /// The permanent-redirect target seen on this fetch and how many consecutive fetches saw it.
        public var redirectCandidate: String?
        public var redirectCount: Int
        /// Set when the feed moves to a new URL (the threshold was reached).
        public var moveTo: String?
    }

    /// - Parameters:
    ///   - previous: the feed's state before this attempt.
    ///   - interval: the configured polling interval, seconds.
    ///   - ttlMinutes: the feed's RSS `<ttl>`, when this fetch parsed one.
    ///   - random: a number in [0, 1) for jitter.
    ///   - documentFailed: the answer was 2xx but no feed could be read from it (backs off like an error).
    ///   - observedGap: for adaptive feeds, the median seconds between its recent posts.
    public func decide(
        previous: FeedFetchState, result: Result<FetchResponse, FetchError>, interval: Int, ttlMinutes: Int? = nil,
        now: Date, random: Double, documentFailed: Bool = false, observedGap: Int? = nil
    ) -> Decision {
        var d = Decision(
            nextDue: now, consecutiveFailures: 0, hostPauseUntil: nil, disableReason: nil, redirectCandidate: nil,
            redirectCount: 0, moveTo: nil)
        func schedule(_ seconds: Int) -> Date {
            let spread = Double(seconds) * jitter * (random * 2 - 1)
            return now.addingTimeInterval(Double(seconds) + spread)
        }
        func backoff() -> Date {
            let failures = previous.consecutiveFailures + 1
            d.consecutiveFailures = failures
            let exponent = min(failures - 1, 20)
            let delay = min(maxBackoff, baseBackoff << exponent)
            return schedule(max(delay, min(interval, maxBackoff)))
        }
        switch result {
        case .failure:
            d.nextDue = backoff()
        case .success(let r):
            switch r.status {
            case 200..<300 where documentFailed:
                d.nextDue = backoff()
            case 200..<300, 304:
                var wait = interval
                if let gap = observedGap { wait = min(max(gap, adaptiveMin), adaptiveMax) }
                if let hint = serverHint(r, now: now) { wait = max(wait, min(hint, maxServerHint)) }
                if let ttl = ttlMinutes, ttl > 0 { wait = max(wait, min(ttl * 60, maxServerHint)) }
                d.nextDue = schedule(wait)
                if r.isPermanentRedirect {
                    d.redirectCandidate = r.effectiveURL
                    d.redirectCount =
                        previous.redirectCandidate == r.effectiveURL ? previous.redirectCount + 1 : 1
                    if d.redirectCount >= permanentRedirectThreshold { d.moveTo = r.effectiveURL }
                }
            case 410:
                d.disableReason = "HTTP 410 Gone: the publisher removed this feed"
                d.consecutiveFailures = previous.consecutiveFailures + 1
                d.nextDue = now.addingTimeInterval(Double(maxBackoff))
            case 429, 503:
                d.nextDue = backoff()
                if let until = FetchPolicy.retryAfter(r.headers["retry-after"], now: now) {
                    d.hostPauseUntil = until
                    d.nextDue = max(d.nextDue, until)
                }
            default:
                d.nextDue = backoff()
            }
        }
        return d
    }

    /// `Cache-Control: max-age` (or s-maxage), else `Expires`, as seconds from now.
    func serverHint(_ r: FetchResponse, now: Date) -> Int? {
        if let cc = r.headers["cache-control"]?.lowercased() {
            for part in cc.split(separator: ",") {
                let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if kv.count == 2, kv[0] == "max-age" || kv[0] == "s-maxage", let v = Int(kv[1]), v > 0 { return v }
            }
        }
        if let expires = r.headers["expires"], let date = HTTPDate.parse(expires) {
            let seconds = Int(date.timeIntervalSince(now))
            return seconds > 0 ? seconds : nil
        }
        return nil
    }

    /// Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3); capped at one day.
    public static func retryAfter(_ value: String?, now: Date) -> Date? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Int(value), seconds >= 0 { return now.addingTimeInterval(Double(min(seconds, 86_400))) }
        if let date = HTTPDate.parse(value) { return min(date, now.addingTimeInterval(86_400)) }
        return nil
    }
}
