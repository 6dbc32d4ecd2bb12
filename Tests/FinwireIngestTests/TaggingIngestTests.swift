import FinwireDaemon
import FinwireIngest
import FinwireExport
import FinwireFetch
import FinwireModel
import FinwireStore
import FinwireTag
import FinwireTestSupport
import Foundation
import Logging
import Testing

/// Tags are assigned in the ingest path (real HTTP, parser, tagger and SQLite file), re-assigned by a retag,
/// and carried by the JSON Lines export.
@Suite struct TaggingIngestTests {
    @Test func theSeedArticleIsStoredWithItsTagsAndExportedWithThem() async throws {
        let server = try LoopbackHTTPServer()
        let dir = try TemporaryDirectory()
        let store = try SQLiteStore(path: dir.path("finwire.sqlite"))
        server.route("/seed.xml", LoopbackHTTPServer.staticFeed(try Fixture.bytes("feeds/rss2/sina-seed-article.xml")))
        let feed = FeedSource(id: "sina", url: server.url("/seed.xml"), title: "新浪财经")
        try await store.syncFeeds([feed])
        let pass = IngestPass(
            store: store, fetcher: FeedFetcher(), concurrency: 1,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), tagger: Tagger())
        _ = await pass.run([feed])
        let stored = try await store.articles(ArticleQuery())
        let seed = try #require(stored.first)
        #expect(seed.isPolicy == true)
        let json = try #require(seed.tagsJSON)
        #expect(json.contains("\"330000\"") && json.contains("nfra@330000") && json.contains("zj-26-mountain-counties"))
        let line = JSONLinesExporter(sanitize: { h, _ in h }).line(seed)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let tags = try #require(obj["tags"] as? [String: Any])
        #expect((tags["regions"] as? [[String: Any]])?.contains { $0["code"] as? String == "330000" } == true)
        #expect(obj["is_policy"] as? Bool == true)
        #expect(obj["kind"] as? String == "policy")
        #expect((tags["kind_scores"] as? [String: Any])?["policy"] as? Double ?? 0 > 0.5)

        // A second pass sees the same item unchanged: no re-tagging, no rewrite.
        _ = await pass.run([feed])
        #expect(try await store.articles(ArticleQuery()).first?.tagsJSON == json)
    }

    @Test func retagReplacesTagsAndPolicyArticlesOutliveRetention() async throws {
        let dir = try TemporaryDirectory()
        let store = try SQLiteStore(path: dir.path("finwire.sqlite"))
        let feed = FeedSource(id: "f", url: URL(string: "https://example.cn/rss")!, title: "f")
        try await store.syncFeeds([feed])
        let old = Date().addingTimeInterval(-400 * 86_400)
        func article(_ id: String, _ title: String, _ text: String) -> Article {
            Article(
                identity: "guid:\(id)", guid: id, url: nil, title: title, author: nil, published: old, updated: nil,
                html: text, text: text, categories: [], imageURL: nil, contentHash: ContentHash.hex([title, text]))
        }
        var articles = [
            article("policy", "浙江银保监局印发金融支持山区26县行动方案", "浙江银保监局印发《行动方案》，力争到2025年涉农贷款余额超1万亿元。"),
            article("market", "杭州银行股价涨停", "杭州银行午后涨停，成交额放大，银行板块走强。"),
        ]
        Tagger().tag(&articles)
        let record = FetchRecord(startedAt: old, url: feed.url.absoluteString, status: 200, outcome: .fetched)
        try await store.record(feedId: "f", fetch: record, articles: articles, now: old)
        // Retag with a user rule: every article gets re-tagged, in place.
        let ruled = Tagger(rules: [try UserRule(tag: "hz-bank", keywords: ["杭州银行"])])
        let batch = try await store.articlesToTag(since: nil, afterId: 0, limit: 10)
        #expect(batch.count == 2)
        try await store.updateTags(batch.map { ($0.id, ruled.tag(title: $0.title, text: $0.text).articleTags) })
        let market = try #require(try await store.articles(ArticleQuery()).first { $0.article.guid == "market" })
        #expect(market.tagsJSON?.contains("hz-bank") == true)
        #expect(market.isPolicy == false)

        // A year of retention prunes the market story; the policy story stays (no policy retention set).
        let pruned = try await store.pruneArticles(before: Date().addingTimeInterval(-365 * 86_400))
        #expect(pruned == 1)
        #expect(try await store.articles(ArticleQuery()).map(\.article.guid) == ["policy"])
        // With a policy retention, it goes too.
        let more = try await store.pruneArticles(
            before: Date().addingTimeInterval(-365 * 86_400), policyBefore: Date().addingTimeInterval(-300 * 86_400))
        #expect(more == 1)
    }
}
