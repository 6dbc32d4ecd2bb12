import FinwireModel
import FinwireIngest
import Foundation

/// Prometheus text-format metrics for node_exporter's textfile collector: the daemon rewrites the file
/// atomically (temp file + rename) after every pass, so a scrape never sees half a file.
struct MetricsTextfile {
    let path: String
    private var fetches: [String: Int] = [:]
    private var articlesNew = 0
    private var articlesUpdated = 0
    private var passes = 0
    private static let buckets: [Double] = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]
    private var bucketCounts = [Int](repeating: 0, count: buckets.count)
    private var durationSum = 0.0
    private var durationCount = 0

    init(path: String) { self.path = path }

    mutating func record(_ outcomes: [FeedOutcome]) {
        passes += 1
        for o in outcomes where o.skipped == nil {
            // A failure wins over "not modified": a 304 whose write failed is a store error.
            let result = o.failure?.metricLabel ?? (o.notModified ? "not_modified" : "ok")
            fetches[result, default: 0] += 1
            articlesNew += o.summary.inserted
            articlesUpdated += o.summary.updated
            let seconds = Double(o.milliseconds) / 1000
            durationSum += seconds
            durationCount += 1
            for (i, b) in MetricsTextfile.buckets.enumerated() where seconds <= b { bucketCounts[i] += 1 }
        }
    }

    func write(statuses: [FeedStatus], databaseBytes: Int) throws {
        var out = ""
        func metric(_ name: String, _ type: String, _ help: String, _ samples: [(String, String)]) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for (labels, value) in samples { out += "\(name)\(labels) \(value)\n" }
        }
        func label(_ s: String) -> String {
            s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n")
        }
        metric(
            "finwire_fetches_total", "counter", "Fetch attempts by result since the daemon started.",
            ["ok", "not_modified", "http_error", "transport_error", "parse_error", "store_error"].map {
                ("{result=\"\($0)\"}", "\(fetches[$0, default: 0])")
            })
        metric(
            "finwire_articles_total", "counter", "Articles stored since the daemon started, by change.",
            [("{change=\"new\"}", "\(articlesNew)"), ("{change=\"updated\"}", "\(articlesUpdated)")])
        metric("finwire_passes_total", "counter", "Scheduling passes since the daemon started.", [("", "\(passes)")])
        var histogram: [(String, String)] = MetricsTextfile.buckets.enumerated().map {
            ("_bucket{le=\"\($0.element)\"}", "\(bucketCounts[$0.offset])")
        }
        histogram += [
            ("_bucket{le=\"+Inf\"}", "\(durationCount)"), ("_sum", String(format: "%.3f", durationSum)),
            ("_count", "\(durationCount)"),
        ]
        out += "# HELP finwire_fetch_duration_seconds Time per feed: fetch, parse and store.\n"
        out += "# TYPE finwire_fetch_duration_seconds histogram\n"
        for (suffix, value) in histogram { out += "finwire_fetch_duration_seconds\(suffix) \(value)\n" }
        metric(
            "finwire_feed_last_success_timestamp_seconds", "gauge", "When each feed last fetched successfully.",
            statuses.compactMap { s in
                s.lastSuccess.map { ("{feed=\"\(label(s.feedId))\"}", "\(Int($0.timeIntervalSince1970))") }
            })
        metric(
            "finwire_feed_consecutive_failures", "gauge", "Failures in a row per feed.",
            statuses.map { ("{feed=\"\(label($0.feedId))\"}", "\($0.consecutiveFailures)") })
        metric("finwire_database_bytes", "gauge", "Size of the SQLite database and its WAL.", [("", "\(databaseBytes)")])
        let temp = path + ".tmp"
        try Data(out.utf8).write(to: URL(fileURLWithPath: temp))
        if rename(temp, path) != 0 { throw CocoaError(.fileWriteUnknown) }
    }
}
