import Foundation

/// One normalized article, ready to store: the unit finwire keeps once.
public struct Article: Sendable, Equatable {
    /// Stable identity within its feed: `guid:…`, `url:…` or `hash:…` (see `IdentityKind`).
    public var identity: String
    public var guid: String?
    public var url: String?
    public var title: String
    public var author: String?
    public var published: Date?
    public var updated: Date?
    /// The body as the feed gave it (content over summary), never sanitized here: sanitizing is for output.
    public var html: String
    /// The body as plain text, for search, tagging and leads.
    public var text: String
    public var categories: [String]
    public var imageURL: String?
    /// Hash over what a reader sees (title, link, body): a change means a revision.
    public var contentHash: String
    /// Set by the tag stage for articles that are new or changed; nil leaves stored tags as they are.
    public var tags: ArticleTags?

    public init(
        identity: String, guid: String?, url: String?, title: String, author: String?, published: Date?,
        updated: Date?, html: String, text: String, categories: [String], imageURL: String?, contentHash: String,
        tags: ArticleTags? = nil
    ) {
        self.identity = identity
        self.guid = guid
        self.url = url
        self.title = title
        self.author = author
        self.published = published
        self.updated = updated
        self.html = html
        self.text = text
        self.categories = categories
        self.imageURL = imageURL
        self.contentHash = contentHash
        self.tags = tags
    }
}

/// What storing one feed's articles did.
public struct SaveSummary: Sendable, Equatable {
    public var inserted: Int
    public var updated: Int
    public var unchanged: Int
    public init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
    }
}
