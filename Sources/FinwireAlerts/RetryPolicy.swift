import FinwireFetch
import FinwireStore
import Foundation

/// What happens after a delivery attempt: a pure rule, tested without a receiver.
///
/// A 2xx whose body does not report an error is delivered. A 4xx other than 408 and 429 is the receiver
/// saying no (a wrong URL, a bad signature, a revoked token): retrying cannot help, so the alert is parked
/// with its error for `status` to show. Anything else — a timeout, a refused connection, 5xx, 408, 429 —
/// is tried again after 30 s, doubling up to an hour (or later, if the receiver's Retry-After says so),
/// and parked after `maxAttempts`. For email, a mail server's 5xx reply parks and its 4xx retries.
public struct RetryPolicy: Sendable, Equatable {
    public var firstDelay: TimeInterval = 30
    public var maxDelay: TimeInterval = 3_600
    /// With the defaults, about a day of trying.
    public var maxAttempts = 30

    public init() {}

    /// - Parameters:
    ///   - attempts: attempts made before this one.
    public func decide(_ result: Result<FetchResponse, FetchError>, attempts: Int, now: Date) -> AlertAttempt {
        let failure: String
        var notBefore: Date?
        switch result {
        case .failure(let e):
            // A mail server's 5xx (no such mailbox, relaying denied, bad login) is final, like an HTTP 4xx;
            // its 4xx (mailbox busy, greylisted) is worth another try.
            if e.kind == .mailRefused, let reply = e.replyCode, reply >= 500 { return .parked(error: e.description) }
            failure = e.description
        case .success(let r):
            let text = String(decoding: r.body.prefix(300), as: UTF8.self)
            switch r.status {
            case 200..<300:
                if let error = Self.bodyError(r.body) { return .parked(error: "HTTP \(r.status): \(error)") }
                return .delivered
            case 408, 429:
                failure = "HTTP \(r.status)"
                if let s = r.headers["retry-after"].flatMap({ Int($0) }) { notBefore = now.addingTimeInterval(TimeInterval(s)) }
            case 400..<500, 300..<400:
                return .parked(error: "HTTP \(r.status) \(text)".trimmingCharacters(in: .whitespacesAndNewlines))
            default:
                failure = "HTTP \(r.status)"
            }
        }
        if attempts + 1 >= maxAttempts { return .parked(error: "\(failure) (gave up after \(attempts + 1) attempts)") }
        let delay = min(maxDelay, firstDelay * pow(2, Double(min(attempts, 20))))
        var at = now.addingTimeInterval(delay)
        if let notBefore, notBefore > at { at = notBefore }
        return .retry(at: at, error: failure)
    }

    /// The chat platforms answer 200 with an error code in the body (飞书 `code`, 钉钉 and 企业微信 `errcode`,
    /// Telegram `ok: false`): such an answer is a refusal, not a delivery.
    static func bodyError(_ body: [UInt8]) -> String? {
        guard body.first == UInt8(ascii: "{"),
            let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
        else { return nil }
        for key in ["code", "errcode", "StatusCode"] {
            if let n = object[key] as? Int, n != 0 {
                let message = (object["msg"] ?? object["errmsg"] ?? object["StatusMessage"]) as? String ?? ""
                return "\(key) \(n) \(message)".trimmingCharacters(in: .whitespaces)
            }
        }
        if let ok = object["ok"] as? Bool, !ok { return (object["description"] as? String) ?? "ok: false" }
        return nil
    }
}
