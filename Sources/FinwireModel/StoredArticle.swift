import Foundation

/// An article as read back from the store, with where and when finwire saw it.
public struct StoredArticle: Sendable, Equatable {
    public var id: Int64
    public var feedId: String
    public var feedTitle: String?
    public var feedCategories: [String]
    public var article: Article
    public var firstSeen: Date
    public var lastSeen: Date
    /// When the content last changed (first seen, or the latest revision).
    public var changed: Date
    /// The tagger's full result (JSON, with evidence), nil until the article has been tagged.
    public var tagsJSON: String?
    public var policyScore: Double?
    public var isPolicy: Bool?
    /// What sort of item it is (policy, enforcement, data, market, company, commentary, other); nil until
    /// tagged by a release that knows kinds (`finwire retag` fills it in).
    public var kind: String?
    /// The story cluster this copy belongs to (issue: dedupe); nil until clustered.
    public var storyId: Int64?

    public init(
        id: Int64, feedId: String, feedTitle: String?, feedCategories: [String], article: Article, firstSeen: Date,
        lastSeen: Date, changed: Date, tagsJSON: String? = nil, policyScore: Double? = nil, isPolicy: Bool? = nil,
        storyId: Int64? = nil, kind: String? = nil
    ) {
        self.kind = kind
        self.id = id
        self.feedId = feedId
        self.feedTitle = feedTitle
        self.feedCategories = feedCategories
        self.article = article
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.changed = changed
        self.tagsJSON = tagsJSON
        self.policyScore = policyScore
        self.isPolicy = isPolicy
        self.storyId = storyId
    }
}

/// Which stored articles to read.
public struct ArticleQuery: Sendable, Equatable {
    /// Articles published at or after this instant (first seen, when the feed gave no date).
    public var since: Date?
    public var until: Date?
    public var feedIds: [String]
    public var limit: Int?

    public init(since: Date? = nil, until: Date? = nil, feedIds: [String] = [], limit: Int? = nil) {
        self.since = since
        self.until = until
        self.feedIds = feedIds
        self.limit = limit
    }
}
