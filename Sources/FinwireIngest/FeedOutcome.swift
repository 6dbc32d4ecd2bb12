import FinwireModel

/// How one feed fared in a pass.
public struct FeedOutcome: Sendable, Equatable {
    public var feedId: String
    public var url: String
    public var status: Int?
    public var summary: SaveSummary
    public var milliseconds: Int
    /// True for a 304, or a 200 whose body hash equals the last one (not parsed again).
    public var notModified: Bool
    /// Set when the feed failed; its stored articles are untouched.
    public var failure: FeedFailure?
    /// The failure as the one-line text `fetch` prints.
    public var error: String? { failure?.description }
    /// Set when the document parsed but was not clean (recovered XML, encoding trouble).
    public var warning: String?
    /// Set when the feed was not fetched on purpose: disabled (410), its host paused, or not yet due.
    public var skipped: String?

    public var succeeded: Bool { failure == nil }
}

/// Why a feed failed, by the stage that failed: metrics and reports switch on the stage instead of
/// guessing it from a message or from whether an HTTP status was seen.
public enum FeedFailure: Sendable, Equatable, CustomStringConvertible {
    /// No usable response: DNS, connect, TLS, timeout, size cap, refused scheme or address.
    case transport(String)
    /// A response whose status is not a success (4xx, 5xx, or a redirect that was not followed).
    case http(status: Int, url: String)
    /// A success whose body is not a feed libxml2 or the JSON reader could read.
    case parse(reason: String, url: String)
    /// The database refused a read or a write; the feed's stored articles are as they were.
    case store(String)

    public var description: String {
        switch self {
        case .transport(let message): message
        case .http(let status, let url): "fetch: HTTP \(status) from \(url)"
        case .parse(let reason, let url): "parse: \(reason) (\(url))"
        case .store(let message): message
        }
    }

    /// The `result` label of `finwire_fetches_total`.
    public var metricLabel: String {
        switch self {
        case .transport: "transport_error"
        case .http: "http_error"
        case .parse: "parse_error"
        case .store: "store_error"
        }
    }
}
