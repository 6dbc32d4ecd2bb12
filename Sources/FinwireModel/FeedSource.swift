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

    public init(
        id: String, url: URL, title: String? = nil, categories: [String] = [], interval: Int = 1800,
        timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!, enabled: Bool = true
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
