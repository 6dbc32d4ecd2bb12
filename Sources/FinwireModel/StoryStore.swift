import Foundation

/// Where the clusterer reads and writes stories: declared here, beside the values it trades in, so the
/// dedupe stage never depends on a database and each store backend conforms without a translation layer.
public protocol StoryStore: Sendable {
    /// Unclustered articles, oldest first, after `position` (from the start when nil); `next` is where the
    /// batch ended, so the following one can be read before this one is placed.
    func unclusteredRows(after position: ScanPosition?, limit: Int) async throws -> (rows: [ClusterCandidate], next: ScanPosition?)
    func rows(ids: [Int64]) async throws -> [ClusterCandidate]
    /// For each key set, the clustered articles sharing an exact key, with their stories.
    func sharingKeys(_ keys: [StoryKeys]) async throws -> [[(id: Int64, story: Int64, simhash: UInt64, keep: Bool)]]
    /// Stores a batch of decisions in one transaction (stories are created as needed, ids chosen here).
    func assign(_ batch: [(articleId: Int64, storyId: Int64, isNew: Bool, keys: StoryKeys)]) async throws
    func simhashes(afterId: Int64, limit: Int) async throws -> [(id: Int64, simhash: UInt64, story: Int64)]
    func maxStoryId() async throws -> Int64
}

/// Where a scan of unclustered articles stopped: first seen (seconds) and id, the store's order.
public struct ScanPosition: Sendable, Equatable {
    public var firstSeen: Int64
    public var id: Int64

    public init(firstSeen: Int64, id: Int64) {
        self.firstSeen = firstSeen
        self.id = id
    }
}

/// An article as the clusterer sees it.
public struct ClusterCandidate: Sendable, Equatable {
    public var id: Int64
    /// For what `explain` prints; the judge does not read it.
    public var feedId: String
    public var title: String
    public var text: String
    public var url: String?
    public var storyId: Int64?
    public var regions: [String]
    /// Published (else first seen): a title shared two days apart is a recurring column, not one story.
    public var published: Date?

    public init(
        id: Int64, title: String, text: String, url: String?, storyId: Int64?, regions: [String], published: Date? = nil,
        feedId: String = ""
    ) {
        self.feedId = feedId
        self.published = published
        self.id = id
        self.title = title
        self.text = text
        self.url = url
        self.storyId = storyId
        self.regions = regions
    }
}

/// What the dedupe stage learned about an article, stored beside it so that finding its possible copies
/// is a handful of index reads.
public struct StoryKeys: Sendable, Equatable {
    public var canonicalURL: String?
    public var titleKey: String
    /// The 原标题 a reprint names, keyed like `titleKey`.
    public var originalTitleKey: String?
    public var simhash: UInt64
    /// Official document numbers (发文字号) the text cites.
    public var docNumbers: [String]

    public init(canonicalURL: String?, titleKey: String, originalTitleKey: String?, simhash: UInt64, docNumbers: [String]) {
        self.canonicalURL = canonicalURL
        self.titleKey = titleKey
        self.originalTitleKey = originalTitleKey
        self.simhash = simhash
        self.docNumbers = docNumbers
    }
}
