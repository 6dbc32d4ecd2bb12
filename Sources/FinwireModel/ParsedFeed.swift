import Foundation

/// What a parser makes of one feed document: every item it could recover, in document order.
///
/// All values are plain data so that the parse stage can be tested, printed (`finwire parse --json`)
/// and handed to the next stage without any link back to libxml2.
public struct ParsedFeed: Sendable, Equatable {
    /// True when the input was not a clean document (recovered XML, replaced bytes, encoding disagreement).
    public var bozo: Bool
    /// Why `bozo` is set: the first problem seen, with its line when libxml2 gave one.
    public var bozoReason: String?
    /// The encoding the bytes were decoded with (lower case, e.g. `utf-8`, `gb18030`).
    public var encoding: String?
    /// What the XML declaration and the HTTP `Content-Type` said, as written.
    public var declaredEncoding: String?
    public var httpEncoding: String?
    /// Set when they disagreed with the encoding used (the more authoritative source won, RFC 7303).
    public var encodingNote: String?
    /// `rss20`, `rss10`, `atom10`, … as in the conformance schema; empty when unknown.
    public var version: String
    public var feed: FeedMetadata
    public var entries: [ParsedEntry]

    public init(
        bozo: Bool = false, bozoReason: String? = nil, encoding: String? = nil, version: String = "",
        feed: FeedMetadata = FeedMetadata(), entries: [ParsedEntry] = []
    ) {
        self.bozo = bozo
        self.bozoReason = bozoReason
        self.encoding = encoding
        self.version = version
        self.feed = feed
        self.entries = entries
    }
}

/// Channel-level metadata; also the shape of an entry's `source`.
public struct FeedMetadata: Sendable, Equatable {
    public var title: TextConstruct?
    public var subtitle: TextConstruct?
    public var rights: TextConstruct?
    public var link: String?
    public var links: [FeedLink] = []
    public var id: String?
    public var language: String?
    public var generator: String?
    public var authors: [Person] = []
    public var contributors: [Person] = []
    public var published: FeedDate?
    public var updated: FeedDate?
    public var image: FeedImage?
    public var tags: [Category] = []
    /// RSS `<source url="…">`, only on an entry's source.
    public var href: String?
    /// RSS `<ttl>` in minutes, a hint for the scheduler.
    public var ttlMinutes: Int?

    public init(language: String? = nil) {
        self.language = language
    }
}

/// One item or entry.
public struct ParsedEntry: Sendable, Equatable {
    public var id: String?
    public var link: String?
    public var links: [FeedLink] = []
    public var title: TextConstruct?
    public var summary: TextConstruct?
    public var subtitle: TextConstruct?
    public var rights: TextConstruct?
    public var content: [TextConstruct] = []
    public var authors: [Person] = []
    public var contributors: [Person] = []
    public var published: FeedDate?
    public var updated: FeedDate?
    public var tags: [Category] = []
    public var enclosures: [Enclosure] = []
    public var source: FeedMetadata?
    public var language: String?
    /// The first image found in media:content/media:thumbnail (the body's own images are found later).
    public var mediaImage: String?
    /// An item-level image (itunes:image).
    public var image: FeedImage?

    public init() {}
}

/// A date as the feed wrote it, and the instant it means when it could be read.
public struct FeedDate: Sendable, Equatable {
    public var raw: String
    public var date: Date?
    public init(raw: String, date: Date?) {
        self.raw = raw
        self.date = date
    }
}

/// Text with its media type, as RFC 4287 §3.1 defines it (`text/plain`, `text/html`, `application/xhtml+xml`).
public struct TextConstruct: Sendable, Equatable {
    public var type: String
    public var value: String
    public var language: String?
    public var base: String?
    public init(type: String, value: String, language: String? = nil, base: String? = nil) {
        self.type = type
        self.value = value
        self.language = language
        self.base = base
    }
    public var isHTML: Bool { type == "text/html" || type == "application/xhtml+xml" }
}

public struct FeedLink: Sendable, Equatable {
    public var rel: String
    public var type: String?
    public var href: String
    public var title: String?
    public var hreflang: String?
    public var length: String?
    public init(
        rel: String = "alternate", type: String? = nil, href: String, title: String? = nil, hreflang: String? = nil,
        length: String? = nil
    ) {
        self.rel = rel
        self.type = type
        self.href = href
        self.title = title
        self.hreflang = hreflang
        self.length = length
    }
}

public struct Person: Sendable, Equatable {
    public var name: String?
    public var email: String?
    public var href: String?
    public init(name: String? = nil, email: String? = nil, href: String? = nil) {
        self.name = name
        self.email = email
        self.href = href
    }
    /// feedparser's display form: `Name (email)` when both are known.
    public var display: String? {
        switch (name, email) {
        case let (n?, e?): return "\(n) (\(e))"
        case let (n?, nil): return n
        case let (nil, e?): return e
        default: return nil
        }
    }
}

public struct Category: Sendable, Equatable {
    public var term: String?
    public var scheme: String?
    public var label: String?
    public init(term: String? = nil, scheme: String? = nil, label: String? = nil) {
        self.term = term
        self.scheme = scheme
        self.label = label
    }
}

public struct Enclosure: Sendable, Equatable {
    public var href: String
    public var type: String?
    public var length: String?
    public init(href: String, type: String? = nil, length: String? = nil) {
        self.href = href
        self.type = type
        self.length = length
    }
}

public struct FeedImage: Sendable, Equatable {
    public var href: String?
    public var title: String?
    public var link: String?
    public init(href: String? = nil, title: String? = nil, link: String? = nil) {
        self.href = href
        self.title = title
        self.link = link
    }
}
