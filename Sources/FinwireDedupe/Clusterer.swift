import FinwireModel
import Foundation

/// A just-stored article as the ingest path hands it over: its id and the features it computed on its
/// own task (in parallel with other feeds), so clustering neither reads the row back nor recomputes them.
public struct Placement: Sendable {
    public var id: Int64
    public var features: TextFeatures
    public var regions: Set<String>

    public init(id: Int64, features: TextFeatures, regions: Set<String>) {
        self.id = id
        self.features = features
        self.regions = regions
    }
}

/// The dedupe stage in the ingest path: every article not yet in a story is compared with the stories
/// that share an exact key or a near SimHash, and joins the first the judge accepts — or starts its own.
/// An actor, because the in-memory index is shared by every feed that completes.
public actor Clusterer {
    let store: any StoryStore
    /// Pure and `Sendable`: the ingest path computes features with it on its own task.
    public nonisolated let extractor: FeatureExtractor
    let judge: DuplicateJudge
    var index = SimHashIndex()
    var loaded = false
    /// An actor is re-entrant at every await: a second call while one runs only asks the first to go round
    /// again, so no article is ever placed twice.
    var running = false
    var again = false
    /// Placements handed over by the ingest path while a batch was being placed: the running call takes
    /// them before it returns.
    var queue: [Placement] = []
    var queued = Set<Int64>()
    /// Callers that found the queue full: they resume when it is empty, so ingest cannot run far ahead of
    /// clustering and pile up features in memory.
    var waiters: [CheckedContinuation<Void, Never>] = []
    /// About 4 KB of features an article.
    static let queueLimit = 2_000
    /// Features of recently placed articles: candidates are mostly recent, and recomputing shingles is the
    /// expensive part of a comparison. Bounded (~3 KB an entry).
    var recent: [Int64: Recent] = [:]
    var recentOrder: [Int64] = []
    /// Entries read as a candidate since they were cached: at eviction they get a second turn. An older
    /// article that a document number or a title keeps bringing back (the first reports of a notice that
    /// hundreds cite) then stays, instead of being read and shingled again for each.
    var reused = Set<Int64>()
    let recentCapacity: Int
    /// The ingest path's bound (~12 MB): the daemon runs for months beside other work.
    public static let defaultRecentCapacity = 4096
    /// SimHash bits beyond which two texts are too far apart for any rule but the canonical URL (text
    /// Jaccard under ~0.3 puts a quarter or more of the 64 bits apart).
    static let farBits = 22
    /// Story of every clustered article the index holds (about 40 bytes an article, beside the index's ~50).
    var storyOf: [Int64: Int64] = [:]
    /// A recently placed article as the judge needs it: features and tagged regions.
    struct Recent {
        var features: TextFeatures
        var regions: Set<String>
    }
    var nextStory: Int64 = 1

    /// - Parameter recentCapacity: how many articles' features are kept; a batch job (`dedupe --rebuild`)
    ///   trades memory for not shingling the same older articles again.
    public init(
        store: any StoryStore, extractor: FeatureExtractor = FeatureExtractor(), judge: DuplicateJudge = DuplicateJudge(),
        recentCapacity: Int = Clusterer.defaultRecentCapacity
    ) {
        self.recentCapacity = max(16, recentCapacity)
        self.store = store
        self.extractor = extractor
        self.judge = judge
    }

    public struct Summary: Sendable, Equatable {
        public var clustered = 0
        public var joined = 0
        public var bySignal: [String: Int] = [:]
    }

    /// Places articles the ingest path just stored, with the features it computed: the normal path.
    /// Articles that never get here (a crash between the feed's transaction and this call) stay
    /// unclustered in the store, and `clusterPending` — at startup, or `finwire dedupe` — places them.
    @discardableResult
    public func place(_ items: [Placement], batch: Int = 500) async throws -> Summary {
        guard !items.isEmpty else { return Summary() }
        for item in items where queued.insert(item.id).inserted { queue.append(item) }
        if running {
            // The running call places these too; wait only when the queue is long, so ingest keeps both
            // cores busy while clustering catches up, yet never piles up more than a few MB of features.
            if queue.count > Self.queueLimit { await withCheckedContinuation { waiters.append($0) } }
            return Summary()
        }
        running = true
        defer { running = false }
        if !loaded { try await load() }
        var summary = Summary()
        try await drainQueue(batch: batch, into: &summary)
        return summary
    }

    /// Clusters everything the store holds unclustered (recovery at startup, `finwire dedupe`, a rebuild);
    /// `progress` hears how many articles have been placed so far, after each batch.
    @discardableResult
    public func clusterPending(batch: Int = 500, progress: (@Sendable (Int) -> Void)? = nil) async throws -> Summary {
        if running {
            again = true
            return Summary()
        }
        running = true
        defer { running = false }
        // The recovery scan at the start of every pass usually finds nothing: then the index (every stored
        // SimHash, a second at 100,000 articles) is not loaded for it — an all-304 pass never needs it.
        if !loaded, queue.isEmpty, try await store.unclusteredRows(after: nil, limit: 1).rows.isEmpty { return Summary() }
        if !loaded { try await load() }
        var summary = Summary()
        repeat {
            again = false
            try await drainQueue(batch: batch, into: &summary)
            try await drain(batch: batch, into: &summary, progress: progress)
        } while again || !queue.isEmpty
        return summary
    }

    private func drainQueue(batch: Int, into summary: inout Summary) async throws {
        defer {
            // On an error too: what was not placed stays unclustered in the store for the recovery scan.
            let resume = waiters
            waiters = []
            for w in resume { w.resume() }
        }
        while !queue.isEmpty {
            let take = Array(queue.prefix(batch))
            queue.removeFirst(take.count)
            defer { for p in take { queued.remove(p.id) } }
            try await placeBatch(take, into: &summary)
        }
    }

    /// The next batch is read and its features computed (on the other cores) while this one is placed: the
    /// placing loop is the one serial stage, and a rebuild otherwise left a core idle while it read.
    private func drain(batch: Int, into summary: inout Summary, progress: (@Sendable (Int) -> Void)?) async throws {
        var next: Task<Prepared, any Error>? = Self.prepare(after: nil, batch: batch, store: store, extractor: extractor)
        defer { next?.cancel() }
        while let pending = next {
            let prepared = try await pending.value
            next = prepared.full ? Self.prepare(after: prepared.next, batch: batch, store: store, extractor: extractor) : nil
            // Rows handed over by the ingest path meanwhile are placed from the queue, not twice; and while
            // these are placed, `place` leaves them to this call.
            let items = prepared.items.filter { queued.insert($0.id).inserted }
            defer { for p in items { queued.remove(p.id) } }
            guard !items.isEmpty else { continue }
            try await placeBatch(items, into: &summary)
            progress?(summary.clustered)
        }
    }

    struct Prepared: Sendable {
        var items: [Placement]
        var next: ScanPosition?
        var full: Bool
    }

    static func prepare(after: ScanPosition?, batch: Int, store: any StoryStore, extractor: FeatureExtractor) -> Task<Prepared, any Error> {
        Task.detached {
            let (rows, next) = try await store.unclusteredRows(after: after, limit: batch)
            let computed = await recentFeatures(of: rows, extractor: extractor)
            let items = rows.compactMap { row in
                computed[row.id].map { Placement(id: row.id, features: $0.features, regions: $0.regions) }
            }
            return Prepared(items: items, next: next, full: rows.count == batch && next != nil)
        }
    }

    /// Forgets the in-memory state (after the store's stories were reset).
    public func reset() {
        index = SimHashIndex()
        storyOf = [:]
        recent = [:]
        recentOrder = []
        reused = []
        queue = []
        queued = []
        nextStory = 1
        loaded = true
    }

    private func load() async throws {
        var after: Int64 = 0
        while true {
            let rows = try await store.simhashes(afterId: after, limit: 10_000)
            guard let last = rows.last else { break }
            for r in rows {
                index.insert(id: r.id, simhash: r.simhash)
                storyOf[r.id] = r.story
            }
            after = last.id
        }
        nextStory = try await store.maxStoryId() + 1
        loaded = true
    }

    func keys(_ f: TextFeatures) -> StoryKeys {
        StoryKeys(
            canonicalURL: f.canonicalURL, titleKey: f.titleKey, originalTitleKey: f.originalTitleKey, simhash: f.simhash,
            docNumbers: f.docNumbers)
    }

    static func exactKeys(_ k: StoryKeys) -> [String] {
        var out = [k.titleKey, k.originalTitleKey].compactMap { $0 }.filter { $0.count >= 6 }.map { "t:" + $0 }
        if let u = k.canonicalURL { out.append("u:" + u) }
        return out + k.docNumbers.map { "d:" + $0 }
    }

    /// One batch: features for all, exact-key candidates from the store in one call, candidate texts in
    /// one call, decisions in memory (so a copy can join a story begun earlier in the same batch), and one
    /// transaction to store them.
    private func placeBatch(_ rows: [Placement], into summary: inout Summary) async throws {
        let features = rows.map(\.features)
        let keyList = features.map(keys)
        // An exact key shared by texts whose SimHashes are far apart (a routine title, a reused document
        // number) cannot pass the judge's text test: those candidates are neither read nor shingled.
        let near = try await store.sharingKeys(keyList).enumerated().map { i, shared in
            shared.filter {
                $0.keep || features[i].isSummary || ($0.simhash ^ features[i].simhash).nonzeroBitCount <= Self.farBits
            }
        }
        var wanted = Set<Int64>()
        // The index is read once per row, before the batch is inserted; the batch's own earlier rows are
        // added below by comparing hashes directly. Reading it twice was an eighth of a million-article
        // rebuild, whose buckets hold thousands of templated texts.
        let maxDistance = judge.thresholds.simhashDistance
        let indexed = features.map { index.candidates(of: $0.simhash, maxDistance: maxDistance) }
        for i in features.indices {
            for s in near[i] {
                storyOf[s.id] = s.story
                if recent[s.id] == nil { wanted.insert(s.id) }
            }
            for c in indexed[i] where recent[c.id] == nil { wanted.insert(c.id) }
        }
        // What this batch compares with is held here until the batch ends: the cache may evict an entry
        // while the batch places its rows (each fetched candidate and placed row enters it), and an
        // evicted candidate must still be compared, not skipped.
        var held: [Int64: Recent] = [:]
        for i in features.indices {
            for id in near[i].lazy.map(\.id) + indexed[i].lazy.map(\.id) { if let r = recent[id] { held[id] = r } }
        }
        let fetched = try await store.rows(ids: Array(wanted))
        for o in fetched { if let s = o.storyId { storyOf[o.id] = s } }
        let others = await Self.recentFeatures(of: fetched, extractor: extractor)
        // Exact keys of this batch's earlier rows, which the store has not seen yet.
        var batchKeys: [String: [Int64]] = [:]
        var decisions: [(articleId: Int64, storyId: Int64, isNew: Bool, keys: StoryKeys)] = []
        for (i, row) in rows.enumerated() {
            let f = features[i]
            var ids = near[i].map(\.id)
            for key in Self.exactKeys(keyList[i]) { ids += batchKeys[key] ?? [] }
            // The batch's earlier rows are the index's newest slots: merged by distance, then first shared
            // band, after the older ones (a stable sort) — the order one index read after them would give.
            var nearest = indexed[i]
            for j in 0..<i {
                let d = (features[j].simhash ^ f.simhash).nonzeroBitCount
                if d <= maxDistance, let band = SimHashIndex.firstSharedBand(features[j].simhash, f.simhash) {
                    nearest.append((rows[j].id, d, band))
                }
            }
            if nearest.count > indexed[i].count { nearest.sort { ($0.distance, $0.band) < ($1.distance, $1.band) } }
            ids += nearest.prefix(SimHashIndex.defaultLimit).map(\.id)
            var joined: (Int64, String)?
            let mine = row.regions
            var tried = Set<Int64>()
            for id in ids where id != row.id && tried.insert(id).inserted && tried.count <= 40 {
                guard let story = storyOf[id] else { continue }
                let other: Recent
                if let cached = held[id] ?? recent[id] {
                    other = cached
                    if recent[id] != nil { reused.insert(id) }
                } else if let o = others[id] {
                    // Kept like a placed article's: a document number or title shared by a dozen reports
                    // would otherwise bring the same older copies back, and recompute them, for each.
                    remember(id, o)
                    held[id] = o
                    other = o
                } else {
                    continue
                }
                let v = judge.judge(f, other.features, regionsA: mine, regionsB: other.regions)
                if v.same {
                    joined = (story, v.signal)
                    break
                }
            }
            let story: Int64
            if let joined {
                story = joined.0
                summary.joined += 1
                summary.bySignal[joined.1, default: 0] += 1
            } else {
                story = nextStory
                nextStory += 1
            }
            summary.clustered += 1
            decisions.append((row.id, story, joined == nil, keyList[i]))
            storyOf[row.id] = story
            index.insert(id: row.id, simhash: f.simhash)
            let placed = Recent(features: f, regions: mine)
            remember(row.id, placed)
            held[row.id] = placed
            for key in Self.exactKeys(keyList[i]) { batchKeys[key, default: []].append(row.id) }
        }
        try await store.assign(decisions)
    }

    /// Features of stored candidates, computed off the actor on every core: this is the one expensive step
    /// the clusterer cannot avoid (an older copy's features are not kept), and the actor is the pipeline's
    /// only serial stage.
    static func recentFeatures(of rows: [ClusterCandidate], extractor: FeatureExtractor) async -> [Int64: Recent] {
        let chunk = max(16, (rows.count + 3) / 4)
        return await withTaskGroup(of: [(Int64, Recent)].self) { group in
            for start in stride(from: 0, to: rows.count, by: chunk) {
                let part = rows[start..<min(rows.count, start + chunk)]
                group.addTask {
                    part.map { o in
                        (o.id, Recent(
                            features: extractor.features(title: o.title, text: o.text, url: o.url, published: o.published),
                            regions: Set(o.regions)))
                    }
                }
            }
            var out: [Int64: Recent] = [:]
            out.reserveCapacity(rows.count)
            for await part in group { for (id, r) in part { out[id] = r } }
            return out
        }
    }

    private func remember(_ id: Int64, _ r: Recent) {
        recent[id] = r
        recentOrder.append(id)
        guard recentOrder.count > recentCapacity else { return }
        // Half goes at once; of that half, entries read again since they came in stay (up to a quarter of
        // the capacity), so the cache never holds more than `recentCapacity`.
        let drop = recentOrder.count - recentCapacity / 2
        var kept: [Int64] = []
        for old in recentOrder.prefix(drop) {
            if reused.remove(old) != nil, kept.count < recentCapacity / 4 {
                kept.append(old)
            } else {
                recent[old] = nil
            }
        }
        recentOrder.removeFirst(drop)
        recentOrder.append(contentsOf: kept)
    }
}
