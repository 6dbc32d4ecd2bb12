import FinwireAlerts
import FinwireFetch
import FinwireStore
import Foundation
import Testing

@Suite struct RetryPolicyTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)
    let policy = RetryPolicy()

    func response(_ status: Int, _ body: String = "", headers: [String: String] = [:]) -> Result<FetchResponse, FetchError> {
        .success(FetchResponse(status: status, effectiveURL: "http://x/", headers: headers, body: Array(body.utf8)))
    }

    @Test func successIsDelivered() {
        #expect(policy.decide(response(200, "{\"code\":0,\"msg\":\"success\"}"), attempts: 0, now: now) == .delivered)
        #expect(policy.decide(response(204), attempts: 3, now: now) == .delivered)
    }

    @Test func aChatPlatformsErrorCodeInA200IsParked() {
        guard case .parked(let e) = policy.decide(response(200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}"), attempts: 0, now: now) else {
            Issue.record("expected parked")
            return
        }
        #expect(e.contains("sign not match"))
        #expect(policy.decide(response(200, "{\"ok\":false,\"description\":\"chat not found\"}"), attempts: 0, now: now)
            == .parked(error: "HTTP 200: chat not found"))
    }

    @Test func clientErrorsParkButTimeoutsAndRateLimitsRetry() {
        if case .parked = policy.decide(response(403, "forbidden"), attempts: 0, now: now) {} else { Issue.record("403 must park") }
        #expect(policy.decide(response(408), attempts: 0, now: now) == .retry(at: now + 30, error: "HTTP 408"))
        #expect(policy.decide(response(429, headers: ["retry-after": "600"]), attempts: 0, now: now) == .retry(at: now + 600, error: "HTTP 429"))
        #expect(policy.decide(response(503), attempts: 2, now: now) == .retry(at: now + 120, error: "HTTP 503"))
    }

    @Test func backoffDoublesToAnHourThenGivesUp() {
        #expect(policy.decide(response(500), attempts: 10, now: now) == .retry(at: now + 3_600, error: "HTTP 500"))
        if case .parked(let e) = policy.decide(response(500), attempts: policy.maxAttempts - 1, now: now) {
            #expect(e.contains("gave up after \(policy.maxAttempts) attempts"))
        } else {
            Issue.record("expected parked after the last attempt")
        }
        let refused = Result<FetchResponse, FetchError>.failure(FetchError(kind: .connect, url: "http://x/", message: "connect: refused"))
        if case .retry = policy.decide(refused, attempts: 0, now: now) {} else { Issue.record("a refused connection must retry") }
    }
}
