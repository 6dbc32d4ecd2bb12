import FinwireModel
import FinwireTestSupport
import Foundation
import Synchronization
import Testing

@testable import FinwireStore

private func article(_ n: Int, body: String = "正文") -> Article {
    Article(
        identity: "guid:item-\(n)", guid: "item-\(n)", url: "https://example.cn/\(n).html", title: "标题\(n)",
        author: nil, published: Date(timeIntervalSince1970: 1_636_455_634 + Double(n)), updated: nil,
        html: "<p>\(body)</p>", text: body, categories: ["地方金融"], imageURL: nil,
        contentHash: ContentHash.hex(["标题\(n)", body]))
}

private let feed = FeedSource(id: "sina", url: URL(string: "https://example.cn/rss.xml")!, title: "新浪财经")

private func fetched(_ v: Validators = Validators(etag: "\"v1\"")) -> FetchRecord {
    FetchRecord(startedAt: Date(), url: feed.url.absoluteString, status: 200, validatorsReceived: v, outcome: .fetched)
}

@Suite struct SQLiteStoreTests {
    @Test func freshFileIsWALAtTheLatestSchema() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("fresh.sqlite")
        let store = try SQLiteStore(path: path)
        #expect(try await store.schemaVersion() == SQLiteStore.latestSchemaVersion)
        let mode = try await store.pragma("journal_mode")
        #expect(mode == "wal")
        #expect(try await store.pragma("foreign_keys") == "1")
        #expect(FileManager.default.fileExists(atPath: path))
    }

    /// A rebuild reads the unclustered rows 500 at a time: each batch must come straight off an index, not
    /// from sorting every remaining row (which made `dedupe --rebuild` quadratic in the database size).
    @Test func unclusteredRowsComeOffThePartialIndexWithoutASort() async throws {
        let dir = try TemporaryDirectory()
        let store = try SQLiteStore(path: dir.path("plan.sqlite"))
        let plan = try await store.plan(SQLiteStore.unclusteredSQL)
        #expect(plan.contains("articles_unclustered"), "\(plan)")
        #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
    }

    /// A rebuild reads the next batch before the one before is placed: resuming after (first seen, id) must
    /// give every unclustered row once, in order, also where many rows share one first-seen second.
    @Test func unclusteredRowsResumeAfterTheLastRowRead() async throws {
        let dir = try TemporaryDirectory()
        let store = try SQLiteStore(path: dir.path("scan.sqlite"))
        try await store.syncFeeds([feed])
        let early = Date(timeIntervalSince1970: 1_700_000_000)
        try await store.record(feedId: "sina", fetch: fetched(), articles: (1...5).map { article($0) }, now: early)
        try await store.record(feedId: "sina", fetch: fetched(), articles: (6...8).map { article($0) }, now: early + 60)
        let whole = try await store.unclusteredRows(after: nil, limit: 100).rows.map(\.id)
        #expect(whole.count == 8)
        var read: [Int64] = []
        var after: ScanPosition?
        while true {
            let (rows, next) = try await store.unclusteredRows(after: after, limit: 3)
            guard !rows.isEmpty else { break }
            read += rows.map(\.id)
            after = next
        }
        #expect(read == whole)
    }

    /// The pass's one read after parsing: what would be written (so only that is tagged), and how many
    /// new GUIDs point at links already stored; then a decided switch lands with the articles.
    @Test func compareFindsChangedAndReMintedItemsAndTheSwitchLandsWithTheArticles() async throws {
        let dir = try TemporaryDirectory()
        let store = try SQLiteStore(path: dir.path("compare.sqlite"))
        try await store.syncFeeds([feed])
        try await store.record(feedId: "sina", fetch: fetched(), articles: [article(1), article(2)])
        var reminted = [article(1), article(2)]
        reminted[0].identity = "guid:new-1"
        reminted[1].identity = "guid:new-2"
        let found = try await store.compare(
            feedId: "sina", articles: [article(1), article(2, body: "改"), article(3)] + reminted, checkIdentities: true)
        #expect(found.needsSaving == [false, true, true, true, true])
        #expect(found.unstableIdentities == 2)
        #expect(try await store.compare(feedId: "sina", articles: reminted, checkIdentities: false).unstableIdentities == 0)
        let change = IdentitySwitch(note: "test", rekey: { "url:" + $0 })
        var byLink = reminted
        for i in byLink.indices { byLink[i].identity = "url:" + byLink[i].url! }
        let stored = try await store.ingest(
            feedId: "sina", fetch: fetched(), articles: byLink, identitySwitch: change, now: Date())
        #expect(stored.summary.inserted == 0)
        #expect(try await store.articleCount() == 2)
        #expect(try await store.identityMode(feedId: "sina")?.mode == "link")
    }

    @Test func databaseFromAnOlderSchemaUpgradesAndKeepsItsRows() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("old.sqlite")
        do {
            let old = try SQLiteStore(path: path, schemaVersion: 1)
            #expect(try await old.schemaVersion() == 1)
            try await old.execute(
                """
                INSERT INTO feeds (id, url, created_at, updated_at) VALUES ('sina', 'https://example.cn/rss.xml', 1, 1);
                INSERT INTO articles (feed_id, identity, title, html, text, content_hash, first_seen_at, last_seen_at)
                VALUES ('sina', 'guid:old', '旧文章', '<p>x</p>', 'x', 'h', 100, 100);
                """)
        }
        let store = try SQLiteStore(path: path)
        #expect(try await store.schemaVersion() == SQLiteStore.latestSchemaVersion)
        let rows = try await store.articles(ArticleQuery())
        #expect(rows.count == 1)
        #expect(rows[0].article.title == "旧文章")
        #expect(rows[0].changed == Date(timeIntervalSince1970: 100))  // filled by the migration
    }

    @Test func newerSchemaThanThisBuildIsRefused() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("future.sqlite")
        do {
            let store = try SQLiteStore(path: path)
            try await store.execute("PRAGMA user_version = 999")
        }
        #expect(throws: StoreError.self) { try SQLiteStore(path: path) }
    }

    @Test func insertsThenCountsUnchangedAndRevised() async throws {
        let dir = try TemporaryDirectory()
        let store = try SQLiteStore(path: dir.path("a.sqlite"))
        try await store.syncFeeds([feed])
        let first = try await store.record(feedId: "sina", fetch: fetched(), articles: [article(1), article(2)])
        #expect(first == SaveSummary(inserted: 2, updated: 0, unchanged: 0))
        let second = try await store.record(
            feedId: "sina", fetch: fetched(), articles: [article(1), article(2, body: "修订"), article(3)])
        #expect(second == SaveSummary(inserted: 1, updated: 1, unchanged: 1))
        #expect(try await store.articleCount() == 3)
        let revised = try await store.articles(ArticleQuery()).first { $0.article.guid == "item-2" }
        #expect(revised?.article.text == "修订")
        #expect(try await store.fetchState(feedId: "sina").validators.etag == "\"v1\"")
    }

    @Test func aFeedLandsWholeOrNotAtAll() async throws {
        let dir = try TemporaryDirectory()
        let store = try SQLiteStore(path: dir.path("a.sqlite"))
        try await store.syncFeeds([feed])
        try await store.record(feedId: "sina", fetch: fetched(), articles: [article(1)])
        // "ghost" is not a configured feed: the foreign key fails on the first insert and nothing of it lands.
        await #expect(throws: StoreError.self) {
            try await store.record(feedId: "ghost", fetch: fetched(), articles: [article(5), article(6)])
        }
        #expect(try await store.articleCount() == 1)
    }

    @Test func failuresKeepArticlesAndValidators() async throws {
        let dir = try TemporaryDirectory()
        let store = try SQLiteStore(path: dir.path("a.sqlite"))
        try await store.syncFeeds([feed])
        try await store.record(
            feedId: "sina", fetch: fetched(Validators(etag: "\"e\"", lastModified: "Sat, 01 Jun 2024 00:00:00 GMT")),
            articles: [article(1)])
        let failure = FetchRecord(
            startedAt: Date(), url: feed.url.absoluteString, status: 500,
            outcome: .failed(kind: "http", message: "HTTP 500"))
        try await store.record(feedId: "sina", fetch: failure)
        try await store.record(feedId: "sina", fetch: failure)
        let state = try await store.fetchState(feedId: "sina")
        #expect(state.validators == Validators(etag: "\"e\"", lastModified: "Sat, 01 Jun 2024 00:00:00 GMT"))
        #expect(state.consecutiveFailures == 2)
        #expect(state.lastError == "http: HTTP 500")
        #expect(try await store.articleCount() == 1)
        #expect(try await store.fetchLogCount(feedId: "sina") == 3)
    }

    @Test func retentionKeepsWhatTheFeedStillCarries() async throws {
        let dir = try TemporaryDirectory()
        let store = try SQLiteStore(path: dir.path("a.sqlite"))
        try await store.syncFeeds([feed])
        let longAgo = Date(timeIntervalSince1970: 1_600_000_000)
        // Both articles were published in 2021 and first seen long ago; only item-2 is still in the feed.
        try await store.record(feedId: "sina", fetch: fetched(), articles: [article(1), article(2)], now: longAgo)
        try await store.record(feedId: "sina", fetch: fetched(), articles: [article(2)], now: Date())
        let pruned = try await store.pruneArticles(before: Date().addingTimeInterval(-30 * 86_400))
        #expect(pruned == 1)
        #expect(try await store.articles(ArticleQuery()).map(\.article.guid) == ["item-2"])
        try await store.compact(vacuum: true)
        #expect(try await store.pragma("integrity_check") == "ok")
    }

    /// Big prunes go in batches, one transaction each, and say how far they are.
    @Test func pruningInBatchesReportsProgressAndLeavesTombstones() async throws {
        let dir = try TemporaryDirectory()
        let store = try SQLiteStore(path: dir.path("a.sqlite"))
        try await store.syncFeeds([feed])
        let longAgo = Date(timeIntervalSince1970: 1_600_000_000)
        try await store.record(feedId: "sina", fetch: fetched(), articles: (1...7).map { article($0) }, now: longAgo)
        try await store.record(feedId: "sina", fetch: fetched(), articles: [article(7)], now: Date())
        let seen = Mutex<[String]>([])
        let pruned = try await store.pruneArticles(before: Date().addingTimeInterval(-30 * 86_400), batch: 2) { done, total in
            seen.withLock { $0.append("\(done)/\(total)") }
        }
        #expect(pruned == 6)
        #expect(seen.withLock { $0 } == ["2/6", "4/6", "6/6"])
        #expect(try await store.articles(ArticleQuery()).map(\.article.guid) == ["item-7"])
        #expect(try await store.pragma("integrity_check") == "ok")
    }

    /// An article's time is its publication time, else when it was first seen; the filters say so in a
    /// form the indexes answer, so "the last day" of a year of articles does not read every row.
    @Test func timeFiltersUseFirstSeenForUndatedArticlesAndTheIndexes() async throws {
        let dir = try TemporaryDirectory()
        let store = try SQLiteStore(path: dir.path("a.sqlite"))
        try await store.syncFeeds([feed])
        var undated = article(9)
        undated.published = nil
        let seen = Date(timeIntervalSince1970: 1_700_000_000)
        try await store.record(feedId: "sina", fetch: fetched(), articles: [article(1), article(2), undated], now: seen)
        let dated = Date(timeIntervalSince1970: 1_636_455_634 + 2)
        #expect(try await store.articles(ArticleQuery(since: dated)).map(\.article.guid) == ["item-2", "item-9"])
        #expect(try await store.articles(ArticleQuery(until: dated)).map(\.article.guid) == ["item-1"])
        #expect(try await store.articles(ArticleQuery(since: seen.addingTimeInterval(1))).isEmpty)
        let plan = try await store.queryPlan(
            "SELECT a.id FROM articles a WHERE \(SQLiteStore.articleTime(">=", "1700000000"))")
        #expect(!plan.contains("SCAN a"), "\(plan)")
        #expect(plan.contains("articles_by_published"), "\(plan)")
        // Pruning reads the same time: the undated article was first seen in 2023.
        try await store.record(feedId: "sina", fetch: fetched(), articles: [], now: Date())
        let pruned = try await store.pruneArticles(before: seen.addingTimeInterval(1))
        #expect(pruned == 3)
    }

    /// Pruning drops the stories it empties and only those: a story with a copy left keeps it.
    @Test func pruningDropsOnlyTheStoriesItEmpties() async throws {
        let dir = try TemporaryDirectory()
        let store = try SQLiteStore(path: dir.path("a.sqlite"))
        try await store.syncFeeds([feed])
        let longAgo = Date(timeIntervalSince1970: 1_600_000_000)
        try await store.record(feedId: "sina", fetch: fetched(), articles: (1...3).map { article($0) }, now: longAgo)
        try await store.record(feedId: "sina", fetch: fetched(), articles: [article(3)], now: Date())
        let keys = StoryKeys(canonicalURL: nil, titleKey: "k", originalTitleKey: nil, simhash: 0, docNumbers: [])
        let ids = try await store.articles(ArticleQuery()).map(\.id)
        // 1 alone in story 10; 2 and 3 (still in the feed) in story 20; story 30 was already empty.
        try await store.assign([
            (ids[0], 10, true, keys), (ids[1], 20, true, keys), (ids[2], 20, false, keys), (ids[2], 30, true, keys),
        ])
        try await store.assign([(ids[2], 20, false, keys)])
        #expect(try await store.storyCount() == 3)
        // One article a batch: story 20 loses article 2 in one batch and keeps article 3.
        #expect(try await store.pruneArticles(before: Date().addingTimeInterval(-30 * 86_400), batch: 1) == 2)
        #expect(try await store.storyIds() == [20, 30])
    }

    @Test func queriesFilterByTimeAndFeed() async throws {
        let dir = try TemporaryDirectory()
        let store = try SQLiteStore(path: dir.path("a.sqlite"))
        let other = FeedSource(id: "pbc", url: URL(string: "https://example.cn/pbc.xml")!)
        try await store.syncFeeds([feed, other])
        try await store.record(feedId: "sina", fetch: fetched(), articles: [article(1), article(2), article(3)])
        try await store.record(feedId: "pbc", fetch: fetched(), articles: [article(4)])
        let since = Date(timeIntervalSince1970: 1_636_455_634 + 2)
        #expect(try await store.articles(ArticleQuery(since: since)).map(\.article.guid) == ["item-2", "item-3", "item-4"])
        #expect(try await store.articles(ArticleQuery(feedIds: ["pbc"])).count == 1)
        #expect(try await store.articles(ArticleQuery(limit: 2)).count == 2)
        let row = try #require(try await store.articles(ArticleQuery(feedIds: ["sina"])).first)
        #expect(row.feedTitle == "新浪财经")
        #expect(row.article.categories == ["地方金融"])
    }
}

extension SQLiteStore {
    func queryPlan(_ sql: String) throws -> String {
        let s = try db.statement("EXPLAIN QUERY PLAN " + sql)
        defer { s.reset() }
        var lines: [String] = []
        while try s.step() { lines.append(s.text(3) ?? "") }
        return lines.joined(separator: "\n")
    }

    func storyIds() throws -> [Int64] {
        let s = try db.statement("SELECT id FROM stories ORDER BY id")
        defer { s.reset() }
        var out: [Int64] = []
        while try s.step() { out.append(Int64(s.int(0))) }
        return out
    }

    func pragma(_ name: String) throws -> String? {
        let s = try db.statement("PRAGMA \(name)")
        return try s.step() ? s.text(0) : nil
    }

    func execute(_ sql: String) throws { try db.execute(sql) }

    /// `EXPLAIN QUERY PLAN`'s details, one per line.
    func plan(_ sql: String) throws -> String {
        let s = try db.statement("EXPLAIN QUERY PLAN " + sql)
        defer { s.reset() }
        var lines: [String] = []
        while try s.step() { lines.append(s.text(3) ?? "") }
        return lines.joined(separator: "\n")
    }

    func fetchLogCount(feedId: String) throws -> Int {
        let s = try db.statement("SELECT count(*) FROM fetch_log WHERE feed_id = ?1")
        s.bind([.text(feedId)])
        return try s.step() ? s.int(0) : 0
    }
}
