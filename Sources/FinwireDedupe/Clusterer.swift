import FinwireModel
import Foundation

/// Where the clusterer reads and writes: the store, seen through only what dedupe needs, so this module
/// never depends on SQLite and tests can drive it with the real store.
public protocol StoryStore: Sendable {
    func unclusteredRows(limit: Int) async throws -> [ClusterCandidate]
    func rows(ids: [Int64]) async throws -> [ClusterCandidate]
    func sharingKeys(_ keys: StoryKeys, excluding id: Int64) async throws -> [Int64]
    func assign(articleId: Int64, storyId: Int64?, keys: StoryKeys) async throws -> Int64
    func simhashes(afterId: Int64, limit: Int) async throws -> [(id: Int64, simhash: UInt64)]
}

/// An article as the clusterer sees it.
public struct ClusterCandidate: Sendable {
    public var id: Int64
    public var title: String
    public var text: String
    public var url: String?
    public var storyId: Int64?
    public var regions: [String]

    public init(id: Int64, title: String, text: String, url: String?, storyId: Int64?, regions: [String]) {
        self.id = id
        self.title = title
        self.text = text
        self.url = url
        self.storyId = storyId
        self.regions = regions
    }
}

public struct StoryKeys: Sendable, Equatable {
    public var canonicalURL: String?
    public var titleKey: String
    public var originalTitleKey: String?
    public var simhash: UInt64
    public var docNumbers: [String]
}

/// The dedupe stage in the ingest path: every article not yet in a story is compared with the stories
/// that share an exact key or a near SimHash, and joins the first the judge accepts — or starts its own.
/// An actor, because the in-memory index is shared by every feed that completes.
public actor Clusterer {
    let store: any StoryStore
    let extractor: FeatureExtractor
    let judge: DuplicateJudge
    var index = SimHashIndex()
    var loaded = false
    /// An actor is re-entrant at every await: a second call while one runs only asks the first to go round
    /// again, so no article is ever placed twice.
    var running = false
    var again = false
    /// Features of recently placed articles: candidates are mostly recent, and recomputing shingles is the
    /// expensive part of a comparison. Bounded (~3 KB an entry).
    var recent: [Int64: TextFeatures] = [:]
    var recentOrder: [Int64] = []
    static let recentCapacity = 4096

    public init(store: any StoryStore, extractor: FeatureExtractor = FeatureExtractor(), judge: DuplicateJudge = DuplicateJudge()) {
        self.store = store
        self.extractor = extractor
        self.judge = judge
    }

    public struct Summary: Sendable, Equatable {
        public var clustered = 0
        public var joined = 0
        public var bySignal: [String: Int] = [:]
    }

    /// Clusters everything pending; returns what it did.
    @discardableResult
    public func clusterPending(batch: Int = 500) async throws -> Summary {
        if running {
            again = true
            return Summary()
        }
        running = true
        defer { running = false }
        if !loaded { try await load() }
        var summary = Summary()
        repeat {
            again = false
            try await drain(batch: batch, into: &summary)
        } while again
        return summary
    }

    private func drain(batch: Int, into summary: inout Summary) async throws {
        while true {
            let rows = try await store.unclusteredRows(limit: batch)
            if rows.isEmpty { break }
            for row in rows {
                let (story, signal) = try await place(row)
                summary.clustered += 1
                if let signal {
                    summary.joined += 1
                    summary.bySignal[signal, default: 0] += 1
                }
                _ = story
            }
            if rows.count < batch { break }
        }
    }

    /// Forgets the in-memory index (after the store's stories were reset).
    public func reset() {
        index = SimHashIndex()
        loaded = true
    }

    private func load() async throws {
        var after: Int64 = 0
        while true {
            let rows = try await store.simhashes(afterId: after, limit: 10_000)
            guard let last = rows.last else { break }
            for r in rows { index.insert(id: r.id, simhash: r.simhash) }
            after = last.id
        }
        loaded = true
    }

    func keys(_ f: TextFeatures) -> StoryKeys {
        StoryKeys(
            canonicalURL: f.canonicalURL, titleKey: f.titleKey, originalTitleKey: f.originalTitleKey, simhash: f.simhash,
            docNumbers: f.docNumbers)
    }

    private func place(_ row: ClusterCandidate) async throws -> (Int64, String?) {
        let f = extractor.features(title: row.title, text: row.text, url: row.url)
        let k = keys(f)
        var ids = try await store.sharingKeys(k, excluding: row.id)
        for c in index.candidates(of: f.simhash, maxDistance: judge.thresholds.simhashDistance) where !ids.contains(c.id) {
            ids.append(c.id)
        }
        var joined: (Int64, String)?
        if !ids.isEmpty {
            let mine = Set(row.regions)
            for other in try await store.rows(ids: Array(ids.prefix(40))) {
                guard let story = other.storyId, other.id != row.id else { continue }
                let g = recent[other.id] ?? extractor.features(title: other.title, text: other.text, url: other.url)
                let v = judge.judge(f, g, regionsA: mine, regionsB: Set(other.regions))
                if v.same {
                    joined = (story, v.signal)
                    break
                }
            }
        }
        let story = try await store.assign(articleId: row.id, storyId: joined?.0, keys: k)
        index.insert(id: row.id, simhash: f.simhash)
        remember(row.id, f)
        return (story, joined?.1)
    }

    private func remember(_ id: Int64, _ f: TextFeatures) {
        recent[id] = f
        recentOrder.append(id)
        if recentOrder.count > Self.recentCapacity {
            let drop = recentOrder.count - Self.recentCapacity / 2
            for old in recentOrder.prefix(drop) { recent[old] = nil }
            recentOrder.removeFirst(drop)
        }
    }
}
