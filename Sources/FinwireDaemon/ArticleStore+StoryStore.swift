import FinwireDedupe
import FinwireStore
import Foundation

/// The store seen by the dedupe stage: the one place both modules meet, so neither depends on the other.
extension ArticleStore: StoryStore {
    public func unclusteredRows(after position: ScanPosition?, limit: Int) async throws -> (rows: [ClusterCandidate], next: ScanPosition?) {
        let rows = try unclustered(after: position.map { ($0.firstSeen, $0.id) }, limit: limit)
        let next = rows.last.map { ScanPosition(firstSeen: Int64($0.firstSeen.timeIntervalSince1970), id: $0.id) }
        return (rows.map(Self.candidate), next)
    }

    public func rows(ids: [Int64]) async throws -> [ClusterCandidate] {
        try dedupeRows(ids: ids).map(Self.candidate)
    }

    public func sharingKeys(_ keys: [StoryKeys]) async throws -> [[(id: Int64, story: Int64, simhash: UInt64, keep: Bool)]] {
        try articlesSharingKeys(keys.map(Self.dedupeKeys))
    }

    public func assign(_ batch: [(articleId: Int64, storyId: Int64, isNew: Bool, keys: StoryKeys)]) async throws {
        try assignStories(batch.map { ($0.articleId, $0.storyId, $0.isNew, Self.dedupeKeys($0.keys)) })
    }

    public func simhashes(afterId: Int64, limit: Int) async throws -> [(id: Int64, simhash: UInt64, story: Int64)] {
        try storedSimhashes(afterId: afterId, limit: limit)
    }

    public func maxStoryId() async throws -> Int64 { try maximumStoryId() }

    static func candidate(_ r: DedupeRow) -> ClusterCandidate {
        ClusterCandidate(
            id: r.id, title: r.title, text: r.text, url: r.url, storyId: r.storyId, regions: r.regions,
            published: r.published ?? r.firstSeen)
    }

    static func dedupeKeys(_ k: StoryKeys) -> DedupeKeys {
        DedupeKeys(
            canonicalURL: k.canonicalURL, titleKey: k.titleKey, originalTitleKey: k.originalTitleKey, simhash: k.simhash,
            docNumbers: k.docNumbers)
    }
}
