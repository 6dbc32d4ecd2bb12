import FinwireFetch
import FinwireModel
import Foundation
import Testing

private let now = Date(timeIntervalSince1970: 1_700_000_000)

private func ok(_ status: Int = 200, headers: [String: String] = [:], effective: String = "https://a.cn/feed",
    redirects: [Int] = []) -> Result<FetchResponse, FetchError>
{
    .success(FetchResponse(status: status, effectiveURL: effective, headers: headers, redirectStatuses: redirects))
}

@Suite struct FetchPolicyTests {
    let policy = FetchPolicy()

    @Test func successSchedulesOneIntervalLaterAndResetsFailures() {
        var previous = FeedFetchState()
        previous.consecutiveFailures = 4
        let d = policy.decide(previous: previous, result: ok(), interval: 900, now: now, random: 0.5)
        #expect(d.consecutiveFailures == 0)
        #expect(d.nextDue == now.addingTimeInterval(900))
        // Jitter spreads feeds by up to ±10%.
        let early = policy.decide(previous: previous, result: ok(), interval: 900, now: now, random: 0)
        #expect(early.nextDue == now.addingTimeInterval(810))
    }

    @Test func serverHintsAndTTLAreLowerBounds() {
        let cc = policy.decide(
            previous: FeedFetchState(), result: ok(headers: ["cache-control": "public, max-age=7200"]), interval: 900,
            now: now, random: 0.5)
        #expect(cc.nextDue == now.addingTimeInterval(7200))
        let expires = policy.decide(
            previous: FeedFetchState(), result: ok(headers: ["expires": "Tue, 14 Nov 2023 23:13:20 GMT"]),
            interval: 900, now: now, random: 0.5)
        #expect(expires.nextDue == now.addingTimeInterval(3600))
        let ttl = policy.decide(previous: FeedFetchState(), result: ok(), interval: 900, ttlMinutes: 60, now: now, random: 0.5)
        #expect(ttl.nextDue == now.addingTimeInterval(3600))
        let short = policy.decide(
            previous: FeedFetchState(), result: ok(headers: ["cache-control": "max-age=60"]), interval: 900, now: now,
            random: 0.5)
        #expect(short.nextDue == now.addingTimeInterval(900))  // never more often than configured
    }

    @Test func failuresBackOffExponentiallyUpToTheCap() {
        var state = FeedFetchState()
        var delays: [TimeInterval] = []
        for _ in 0..<12 {
            let d = policy.decide(
                previous: state, result: .failure(FetchError(kind: .timeout, url: "u", message: "timeout")),
                interval: 600, now: now, random: 0.5)
            delays.append(d.nextDue.timeIntervalSince(now).rounded())
            state.consecutiveFailures = d.consecutiveFailures
        }
        #expect(delays.prefix(6) == [600, 600, 600, 600, 960, 1920])  // 60·2^n, never below the interval
        #expect(delays.last == 21_600.0)  // the 6 h cap
        #expect(state.consecutiveFailures == 12)
    }

    @Test(arguments: [404, 500, 502, 503])
    func httpErrorsBackOffWithoutAPause(status: Int) {
        let d = policy.decide(previous: FeedFetchState(), result: ok(status), interval: 600, now: now, random: 0.5)
        #expect(d.consecutiveFailures == 1)
        #expect(d.hostPauseUntil == nil)
        #expect(d.disableReason == nil)
    }

    @Test func retryAfterPausesTheHostInSecondsOrAsADate() {
        let seconds = policy.decide(
            previous: FeedFetchState(), result: ok(429, headers: ["retry-after": "7200"]), interval: 600, now: now,
            random: 0.5)
        #expect(seconds.hostPauseUntil == now.addingTimeInterval(7200))
        #expect(seconds.nextDue >= now.addingTimeInterval(7200))
        let date = policy.decide(
            previous: FeedFetchState(), result: ok(503, headers: ["retry-after": "Tue, 14 Nov 2023 23:13:20 GMT"]),
            interval: 600, now: now, random: 0.5)
        #expect(date.hostPauseUntil == now.addingTimeInterval(3600))
    }

    @Test func goneDisablesTheFeed() {
        let d = policy.decide(previous: FeedFetchState(), result: ok(410), interval: 600, now: now, random: 0.5)
        #expect(d.disableReason?.contains("410") == true)
    }

    @Test func aPermanentRedirectMovesTheFeedOnTheThirdConsecutiveSighting() {
        var state = FeedFetchState()
        var moves: [String?] = []
        for _ in 0..<3 {
            let d = policy.decide(
                previous: state, result: ok(effective: "https://new.cn/feed", redirects: [301]), interval: 600,
                now: now, random: 0.5)
            moves.append(d.moveTo)
            state.redirectCandidate = d.redirectCandidate
            state.redirectCount = d.redirectCount
        }
        #expect(moves == [nil, nil, "https://new.cn/feed"])
        // A temporary hop anywhere in the chain, or a plain answer, breaks the streak.
        let temporary = policy.decide(
            previous: state, result: ok(effective: "https://new.cn/feed", redirects: [301, 302]), interval: 600,
            now: now, random: 0.5)
        #expect(temporary.redirectCount == 0)
        #expect(temporary.moveTo == nil)
    }

    @Test func adaptiveFeedsFollowTheirPublishingRateWithinBounds() {
        let busy = policy.decide(
            previous: FeedFetchState(), result: ok(), interval: 1800, now: now, random: 0.5, observedGap: 600)
        #expect(busy.nextDue == now.addingTimeInterval(600))
        let frantic = policy.decide(
            previous: FeedFetchState(), result: ok(), interval: 1800, now: now, random: 0.5, observedGap: 10)
        #expect(frantic.nextDue == now.addingTimeInterval(300))  // adaptiveMin
        let sleepy = policy.decide(
            previous: FeedFetchState(), result: ok(), interval: 1800, now: now, random: 0.5, observedGap: 86_400 * 3)
        #expect(sleepy.nextDue == now.addingTimeInterval(6 * 3600))  // adaptiveMax
    }

    @Test func documentsThatAreNoFeedBackOff() {
        let d = policy.decide(
            previous: FeedFetchState(), result: ok(), interval: 600, now: now, random: 0.5, documentFailed: true)
        #expect(d.consecutiveFailures == 1)
    }
}
