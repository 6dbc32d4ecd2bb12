import FinwireIngest
import Foundation
import FinwireDaemon
import FinwireModel

/// Renders fetch outcomes for people (aligned lines) and programs (JSON).
enum FetchReport {
    static func line(_ o: FeedOutcome, idWidth: Int) -> String {
        let id = o.feedId.padding(toLength: max(idWidth, o.feedId.count), withPad: " ", startingAt: 0)
        let status = o.status.map(String.init) ?? "---"
        if let skipped = o.skipped {
            return "\(id)  ---  SKIPPED  \(skipped)"
        }
        if let error = o.error {
            return "\(id)  \(status)  FAILED  \(o.milliseconds) ms  \(error)"
        }
        var s = "\(id)  \(status)  new \(o.summary.inserted)  updated \(o.summary.updated)  "
            + "unchanged \(o.summary.unchanged)  \(o.milliseconds) ms"
        if o.notModified { s += "  (not modified)" }
        if let warning = o.warning { s += "  warning: \(warning)" }
        return s
    }

    static func total(_ outcomes: [FeedOutcome], elapsed: Duration) -> String {
        let failed = outcomes.filter { !$0.succeeded }.count
        let sum = outcomes.reduce(into: SaveSummary()) {
            $0.inserted += $1.summary.inserted
            $0.updated += $1.summary.updated
            $0.unchanged += $1.summary.unchanged
        }
        let notModified = outcomes.filter(\.notModified).count
        let skipped = outcomes.filter { $0.skipped != nil }.count
        return "total: \(outcomes.count) feeds, \(outcomes.count - failed - skipped) ok, \(failed) failed, "
            + "\(skipped) skipped, \(notModified) not modified; new \(sum.inserted), updated \(sum.updated), unchanged \(sum.unchanged); "
            + "\(Int(elapsed / .milliseconds(1))) ms"
    }

    static func json(_ outcomes: [FeedOutcome], order: [String], elapsed: Duration) -> JSONValue {
        let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        let sorted = outcomes.sorted { (rank[$0.feedId] ?? 0) < (rank[$1.feedId] ?? 0) }
        let feeds: [JSONValue] = sorted.map { o in
            var b = JSONObjectBuilder()
            b.set("id", o.feedId)
            b.set("url", o.url)
            b.set("status", o.status.map { JSONValue.int($0) })
            b.set("ok", .bool(o.succeeded))
            b.set("not_modified", .bool(o.notModified))
            b.set("new", .int(o.summary.inserted))
            b.set("updated", .int(o.summary.updated))
            b.set("unchanged", .int(o.summary.unchanged))
            b.set("ms", .int(o.milliseconds))
            b.set("error", o.error)
            b.set("warning", o.warning)
            b.set("skipped", o.skipped)
            return b.value
        }
        let failed = outcomes.filter { !$0.succeeded }.count
        var total = JSONObjectBuilder()
        total.set("feeds", .int(outcomes.count))
        total.set("ok", .int(outcomes.count - failed - outcomes.filter { $0.skipped != nil }.count))
        total.set("failed", .int(failed))
        total.set("skipped", .int(outcomes.filter { $0.skipped != nil }.count))
        total.set("not_modified", .int(outcomes.filter(\.notModified).count))
        total.set("new", .int(outcomes.reduce(0) { $0 + $1.summary.inserted }))
        total.set("updated", .int(outcomes.reduce(0) { $0 + $1.summary.updated }))
        total.set("unchanged", .int(outcomes.reduce(0) { $0 + $1.summary.unchanged }))
        total.set("ms", .int(Int(elapsed / .milliseconds(1))))
        return .object([("feeds", .array(feeds)), ("total", total.value)])
    }
}
