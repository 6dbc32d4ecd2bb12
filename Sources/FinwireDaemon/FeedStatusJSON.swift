import FinwireModel
import FinwireStore
import FinwireStore

/// A feed's health as `status --json` and `/api/feeds` print it: one schema for both.
public enum FeedStatusJSON {
    public static func json(_ r: FeedStatus) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("id", r.feedId)
        o.set("url", r.url)
        o.set("enabled", .bool(r.enabled))
        o.set("articles", .int(r.articles))
        o.set("last_attempt", r.lastAttempt.map(ISODate.string))
        o.set("last_success", r.lastSuccess.map(ISODate.string))
        o.set("last_status", r.lastStatus.map { JSONValue.int($0) })
        o.set("last_error", r.lastError)
        o.set("consecutive_failures", .int(r.consecutiveFailures))
        o.set("next_due", r.nextDue.map(ISODate.string))
        o.set("disabled_reason", r.disabledReason)
        if let p = r.hostPause {
            o.set("host_pause", .object([("host", .string(p.host)), ("until", .string(ISODate.string(p.until))), ("reason", .string(p.reason))]))
        }
        return o.value
    }
}
