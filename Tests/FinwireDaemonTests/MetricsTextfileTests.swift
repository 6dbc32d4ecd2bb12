@testable import FinwireDaemon
import FinwireModel
import FinwireStore
import FinwireTestSupport
@testable import FinwireIngest
import Foundation
import Testing

/// Metrics count failures by the stage that failed, whatever the message says or the status was.
@Suite struct MetricsTextfileTests {
    func outcome(status: Int?, notModified: Bool = false, failure: FeedFailure? = nil) -> FeedOutcome {
        var o = FeedOutcome(
            feedId: "f", url: "https://example.cn/rss", status: status, summary: SaveSummary(), milliseconds: 1_500,
            notModified: notModified)
        o.failure = failure
        return o
    }

    @Test func failuresAreCountedByStage() throws {
        let dir = try TemporaryDirectory()
        var metrics = MetricsTextfile(path: dir.path("finwire.prom"))
        metrics.record([
            outcome(status: 200),
            outcome(status: 304, notModified: true),
            // A 304 whose write failed, and a 200 whose store failed: store errors, not "not modified" or HTTP.
            outcome(status: 304, notModified: true, failure: .store("store: disk I/O error")),
            outcome(status: 200, failure: .store("store: database is locked")),
            // A store error before anything was fetched is not a transport error either.
            outcome(status: nil, failure: .store("store: cannot read the feed state")),
            outcome(status: nil, failure: .transport("fetch: DNS")),
            outcome(status: 500, failure: .http(status: 500, url: "https://example.cn/rss")),
            outcome(status: 200, failure: .parse(reason: "not a feed", url: "https://example.cn/rss")),
        ])
        try metrics.write(statuses: [], databaseBytes: 0)
        let text = try String(contentsOfFile: dir.path("finwire.prom"), encoding: .utf8)
        for (label, count) in [
            ("ok", 1), ("not_modified", 1), ("store_error", 3), ("transport_error", 1), ("http_error", 1), ("parse_error", 1),
        ] {
            #expect(text.contains("finwire_fetches_total{result=\"\(label)\"} \(count)\n"), "\(label)")
        }
        // Durations keep their whole seconds.
        #expect(text.contains("finwire_fetch_duration_seconds_sum 12.000\n"))
    }

    @Test func durationsKeepWholeSeconds() {
        #expect((Duration.seconds(2) + .milliseconds(345)).wholeMilliseconds == 2_345)
        #expect(Duration.milliseconds(7).wholeMilliseconds == 7)
    }
}
