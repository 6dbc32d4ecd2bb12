import FinwireDaemon
import FinwireIngest
import FinwireFetch
import FinwireModel
import FinwireStore
import FinwireTestSupport
import Foundation
import Logging
import Testing

/// The whole ingest path with real parts: a loopback HTTP server, libcurl, libxml2 and an SQLite file.
@Suite struct IngestPassTests {
    let server: LoopbackHTTPServer
    let dir: TemporaryDirectory
    let store: SQLiteStore
    let fetcher = FeedFetcher()

    init() throws {
        server = try LoopbackHTTPServer()
        dir = try TemporaryDirectory()
        store = try SQLiteStore(path: dir.path("finwire.sqlite"))
    }

    func feed(_ id: String, _ path: String) -> FeedSource {
        FeedSource(id: id, url: server.url(path), title: id, timeZone: TimeZone(identifier: "Asia/Shanghai")!)
    }

    func pass(_ feeds: [FeedSource]) async throws -> [String: FeedOutcome] {
        try await store.syncFeeds(feeds)
        let p = IngestPass(store: store, fetcher: fetcher, concurrency: 4, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let outcomes = await p.run(feeds)
        return Dictionary(uniqueKeysWithValues: outcomes.map { ($0.feedId, $0) })
    }

    @Test func firstFetchStoresSecondIs304AndStoresNothing() async throws {
        server.route("/sina.xml", LoopbackHTTPServer.staticFeed(try Fixture.bytes("feeds/rss2/sina-finance-roll.xml")))
        server.route("/pbc.atom", LoopbackHTTPServer.staticFeed(try Fixture.bytes("feeds/atom/pbc-news.atom")))
        let feeds = [feed("sina", "/sina.xml"), feed("pbc", "/pbc.atom")]

        let first = try await pass(feeds)
        #expect(first["sina"]?.status == 200)
        #expect(first["sina"]?.summary == SaveSummary(inserted: 3))
        #expect(first["pbc"]?.summary == SaveSummary(inserted: 2))
        #expect(try await store.articleCount() == 5)

        let second = try await pass(feeds)
        #expect(second["sina"]?.status == 304)
        #expect(second["sina"]?.notModified == true)
        #expect(second["sina"]?.summary == SaveSummary())
        #expect(second["pbc"]?.status == 304)
        #expect(try await store.articleCount() == 5)
        let conditional = try #require(server.requests(to: "/sina.xml").last)
        #expect(conditional.headers["if-none-match"] != nil)
        #expect(conditional.headers["if-modified-since"] == "Sat, 01 Jun 2024 00:00:00 GMT")
    }

    @Test func aChangedFeedStoresOnlyWhatIsNewOrRevised() async throws {
        server.route("/sina.xml", LoopbackHTTPServer.staticFeed(try Fixture.bytes("feeds/rss2/sina-finance-roll.xml")))
        let feeds = [feed("sina", "/sina.xml")]
        _ = try await pass(feeds)
        server.route(
            "/sina.xml",
            LoopbackHTTPServer.staticFeed(
                try Fixture.bytes("feeds/rss2/sina-finance-roll-later.xml"), lastModified: "Sun, 02 Jun 2024 00:00:00 GMT"))
        let later = try await pass(feeds)
        #expect(later["sina"]?.status == 200)
        #expect(later["sina"]?.summary == SaveSummary(inserted: 2, updated: 1, unchanged: 2))
        #expect(try await store.articleCount() == 5)
        let stored = try await store.articles(ArticleQuery())
        let first = try #require(stored.first { $0.article.guid == "sina-iktzscyy4469123" })
        #expect(first.article.published == Date(timeIntervalSince1970: 1_636_455_634))  // 19:00:34 Beijing
        #expect(first.article.imageURL == "https://finance.sina.com.cn/img/2021/26xian.jpg")
        #expect(first.article.text.contains("原标题：浙江山区26县金融发展提速"))
        #expect(first.feedTitle == "sina")
    }

    @Test func anUnchangedBodyWithoutValidatorsIsNotParsedAgain() async throws {
        let body = try Fixture.bytes("feeds/rdf/stats-releases.rdf")
        server.route("/stats.rdf") { _ in LoopbackHTTPServer.Response(status: 200, body: body) }
        let feeds = [feed("stats", "/stats.rdf")]
        #expect(try await pass(feeds)["stats"]?.summary.inserted == 2)
        let again = try await pass(feeds)
        #expect(again["stats"]?.status == 200)
        #expect(again["stats"]?.notModified == true)
    }

    @Test func aFailingFeedNeverStopsTheOthersNorLosesItsArticles() async throws {
        server.route("/sina.xml", LoopbackHTTPServer.staticFeed(try Fixture.bytes("feeds/rss2/sina-finance-roll.xml")))
        server.route("/flaky.xml", LoopbackHTTPServer.staticFeed(try Fixture.bytes("feeds/rdf/stats-releases.rdf")))
        let feeds = [feed("sina", "/sina.xml"), feed("flaky", "/flaky.xml"), feed("missing", "/nowhere.xml")]
        let first = try await pass(feeds)
        #expect(first["flaky"]?.summary.inserted == 2)
        #expect(first["missing"]?.error?.contains("HTTP 404") == true)

        server.route("/flaky.xml") { _ in LoopbackHTTPServer.Response(status: 500) }
        server.route("/sina.xml", LoopbackHTTPServer.staticFeed(try Fixture.bytes("feeds/rss2/sina-finance-roll-later.xml")))
        let second = try await pass(feeds)
        #expect(second["flaky"]?.succeeded == false)
        #expect(second["flaky"]?.error == "fetch: HTTP 500 from \(server.url("/flaky.xml").absoluteString)")
        #expect(second["sina"]?.summary.inserted == 2)
        #expect(try await store.articleCount(feedId: "flaky") == 2)
        let state = try await store.fetchState(feedId: "flaky")
        #expect(state.consecutiveFailures == 1)
        #expect(state.validators.etag != nil)  // kept from the last good answer
    }

    @Test func notAFeedIsAParseErrorAndRecoverableFeedsAreKept() async throws {
        server.route("/html") { _ in
            LoopbackHTTPServer.Response(status: 200, headers: [("Content-Type", "text/html")], body: Array("<html>oops".utf8))
        }
        server.route("/cut.xml") { _ in
            LoopbackHTTPServer.Response(status: 200, body: (try? Fixture.bytes("feeds/hostile/truncated-mid-item.xml")) ?? [])
        }
        let outcomes = try await pass([feed("html", "/html"), feed("cut", "/cut.xml")])
        #expect(outcomes["html"]?.error?.hasPrefix("parse:") == true)
        #expect(outcomes["cut"]?.succeeded == true)
        #expect(outcomes["cut"]?.summary.inserted == 3)
        #expect(outcomes["cut"]?.warning != nil)
    }

    @Test func gb2312FeedsAreStoredWhole() async throws {
        server.route("/gb.xml") { _ in
            LoopbackHTTPServer.Response(
                status: 200, headers: [("Content-Type", "application/xml")],
                body: (try? Fixture.bytes("feeds/encoding/gb2312-declared-gbk-bytes.xml")) ?? [])
        }
        _ = try await pass([feed("gb", "/gb.xml")])
        let titles = try await store.articles(ArticleQuery()).map(\.article.title)
        #expect(titles.contains("朱镕基与王喆谈金融改革：温州金融综合改革试验区"))
    }
}
