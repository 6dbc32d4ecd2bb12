import Foundation

/// A feed as the configuration describes it. Validated before it exists: `url` is http(s) or file.
public struct FeedSource: Sendable, Equatable {
    public var id: String
    public var url: URL
    public var title: String?
    public var categories: [String]
    /// Seconds between polls.
    public var interval: Int
    /// Zone for dates the feed writes without one.
    public var timeZone: TimeZone
    public var enabled: Bool
    /// How to reach this feed: proxy, extra headers, cookies (config `proxy`, `headers`, `cookies`).
    public var access = FeedAccess()
    /// Poll at the feed's observed publishing rate (within the configured bounds) instead of `interval`.
    public var adaptive = false
    /// The places this feed speaks for (config `region`: codes or names), so a local government's 我省 and
    /// 全市 mean its own jurisdiction. nil: read from the feed's title; empty: none.
    public var region: [String]?

    /// The one default zone for dates written without one, and for what a user types and reads, when the
    /// configuration names none: Chinese feeds write Beijing time. Configuration, export and retag all
    /// start from here (the parser alone stays zone-neutral, UTC, as feedparser is, for `finwire parse`).
    public static let defaultTimeZoneName = "Asia/Shanghai"
    public static let defaultTimeZone = TimeZone(identifier: defaultTimeZoneName)!

    public init(
        id: String, url: URL, title: String? = nil, categories: [String] = [], interval: Int = 1800,
        timeZone: TimeZone = FeedSource.defaultTimeZone, enabled: Bool = true
    ) {
        self.id = id
        self.url = url
        self.title = title
        self.categories = categories
        self.interval = interval
        self.timeZone = timeZone
        self.enabled = enabled
    }
}

/// Per-feed request settings. Values are validated at load: no CR or LF can reach a header.
public struct FeedAccess: Sendable, Equatable {
    /// A proxy URL for this feed (`http://`, `socks5h://`…); "" means none even if one is set globally.
    public var proxy: String?
    /// Extra request headers, in name order.
    public var headers: [String: String] = [:]
    /// A Cookie header value (`name=value; name2=value2`).
    public var cookies: String?
    public init(proxy: String? = nil, headers: [String: String] = [:], cookies: String? = nil) {
        self.proxy = proxy
        self.headers = headers
        self.cookies = cookies
    }
}

/// The HTTP validators of a feed's last good answer, sent back as a conditional GET.
public struct Validators: Sendable, Equatable {
    public var etag: String?
    public var lastModified: String?
    public init(etag: String? = nil, lastModified: String? = nil) {
        self.etag = etag
        self.lastModified = lastModified
    }
    public var isEmpty: Bool { etag == nil && lastModified == nil }
}
