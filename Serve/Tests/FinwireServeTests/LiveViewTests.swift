import FinwireDaemon
import FinwireFetch
import FinwireModel
import FinwireServe
import FinwireStore
import FinwireTag
import FinwireTestSupport
import Foundation
import Logging
import ServiceLifecycle
import Testing

/// The live view over real HTTP: Hummingbird on a loopback port, libcurl as the client, an SQLite file
/// of tagged and clustered articles.
@Suite struct LiveViewTests {
    static let base = Date(timeIntervalSince1970: 1_764_700_000)

    static func article(_ n: Int, title: String, text: String, hoursAgo: Double) -> Article {
        Article(
            identity: "guid:\(n)", guid: "\(n)", url: "https://example.cn/\(n).html", title: title, author: nil,
            published: base.addingTimeInterval(-hoursAgo * 3600), updated: nil, html: "<p>\(text)</p>", text: text,
            categories: [], imageURL: nil, contentHash: ContentHash.hex([title, text]))
    }

    /// Four stories: two 浙江 policies (one carried by two outlets), a 江苏 statistic, and a title that
    /// tries to inject markup.
    static func makeStore(_ dir: TemporaryDirectory) async throws -> SQLiteStore {
        let store = try SQLiteStore(path: dir.path("finwire.sqlite"))
        let feeds = [FeedSource(id: "a", url: URL(string: "https://a.example/")!, title: "浙江日报"), FeedSource(id: "b", url: URL(string: "https://b.example/")!, title: "<b>outlet</b>")]
        try await store.syncFeeds(feeds, now: base)
        var a = [
            article(1, title: "浙江省印发金融支持山区26县跨越式高质量发展若干措施", text: "浙江省人民政府办公厅印发通知，支持山区26县普惠小微贷款增长。", hoursAgo: 1),
            article(2, title: "杭州市出台住房公积金贷款新政", text: "杭州市住房公积金管理委员会发布通知，调整住房公积金贷款政策。", hoursAgo: 2),
            article(3, title: "江苏省10月份居民消费价格同比下降0.2%", text: "江苏省统计局发布数据，10月份居民消费价格同比下降0.2%。", hoursAgo: 3),
            article(4, title: "<script>alert(1)</script>浙江评论", text: "一篇评论。", hoursAgo: 4),
        ]
        Tagger().tag(&a)
        var copy = [article(5, title: a[0].title, text: a[0].text, hoursAgo: 0.5)]
        Tagger().tag(&copy)
        let fetched = FetchRecord(startedAt: base, url: "https://a.example/", status: 200, validatorsSent: Validators(), outcome: .fetched)
        try await store.record(feedId: "a", fetch: fetched, articles: a, now: base)
        try await store.record(feedId: "b", fetch: fetched, articles: copy, now: base)
        let id = Dictionary(uniqueKeysWithValues: try await store.articles(ArticleQuery()).map { ($0.article.identity, $0.id) })
        let keys = StoryKeys(canonicalURL: nil, titleKey: "k", originalTitleKey: nil, simhash: 0, docNumbers: [])
        let first = try await store.assignStory(articleId: id["guid:1"]!, storyId: nil, keys: keys, now: base)
        try await store.assignStory(articleId: id["guid:5"]!, storyId: first, keys: keys, now: base)
        for n in 2...4 { try await store.assignStory(articleId: id["guid:\(n)"]!, storyId: nil, keys: keys, now: base) }
        return store
    }

    /// Runs the live view on a free loopback port for `body`.
    static func serving(token: String? = nil, _ body: @Sendable (URL, SQLiteStore) async throws -> Void) async throws {
        let dir = try TemporaryDirectory()
        let store = try await makeStore(dir)
        var config = try Configuration.load(path: try dir.write("config.json", #"{"feeds": [{"id": "a", "url": "https://a.example/"}]}"#))
        config.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let view = LiveView(
            stores: [store, try SQLiteStore(path: dir.path("finwire.sqlite"))], versions: try SQLiteStore(path: dir.path("finwire.sqlite")),
            config: config, token: token, logger: Logger(label: "t", factory: { _ in SwiftLogNoOpLogHandler() }),
            now: { base })
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = view.application(listen: ListenAddress(host: "127.0.0.1", port: 0)) { continuation.yield($0) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            var it = ports.makeAsyncIterator()
            let port = try #require(await it.next())
            try await body(URL(string: "http://127.0.0.1:\(port)")!, store)
            group.cancelAll()
        }
    }

    static func get(_ url: URL, headers: [String: String] = [:]) async throws -> FetchResponse {
        let fetcher = FeedFetcher()
        defer { fetcher.close() }
        return try await fetcher.fetch(FetchRequest(url: url, access: FeedAccess(headers: headers))).get()
    }

    static func json(_ r: FetchResponse) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(r.body)) as? [String: Any])
    }

    @Test func storiesFilterAsExportDoesAndPageWithACursor() async throws {
        try await Self.serving { base, _ in
            let zj = try Self.json(try await Self.get(URL(string: "\(base)/api/stories?region=%E6%B5%99%E6%B1%9F&kind=policy")!))
            let stories = try #require(zj["stories"] as? [[String: Any]])
            let titles = stories.compactMap { $0["title"] as? String }
            #expect(titles.allSatisfy { !$0.contains("江苏") })
            #expect(titles.first == "浙江省印发金融支持山区26县跨越式高质量发展若干措施")
            #expect((stories.first?["outlets"] as? [String]) == ["浙江日报", "<b>outlet</b>"])
            // Every story once, newest first, one per page.
            var seen: [Int] = []
            var next: String? = ""
            while let cursor = next {
                let page = try Self.json(try await Self.get(URL(string: "\(base)/api/stories?limit=1" + (cursor.isEmpty ? "" : "&cursor=\(cursor)"))!))
                seen += (page["stories"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
                next = page["next"] as? String
                if seen.count > 10 { break }
            }
            #expect(seen.count == 4)
            #expect(Set(seen).count == 4)
            let bad = try await Self.get(URL(string: "\(base)/api/stories?region=%E4%BA%9A%E7%89%B9")!)
            #expect(bad.status == 400)
            #expect(String(decoding: bad.body, as: UTF8.self).contains("region: no region"))
        }
    }

    @Test func aStoryHasEveryCopyAndItsEvidence() async throws {
        try await Self.serving { base, store in
            let list = try Self.json(try await Self.get(URL(string: "\(base)/api/stories?limit=1")!))
            let id = try #require((list["stories"] as? [[String: Any]])?.first?["id"] as? Int)
            let story = try Self.json(try await Self.get(URL(string: "\(base)/api/stories/\(id)")!))
            let copies = try #require(story["copies"] as? [[String: Any]])
            #expect(copies.count == 2)
            let tags = try #require(copies.first?["tags"] as? [String: Any])
            #expect((tags["regions"] as? [[String: Any]])?.isEmpty == false)
            let page = try await Self.get(URL(string: "\(base)/stories/\(id)")!)
            let html = String(decoding: page.body, as: UTF8.self)
            #expect(html.contains("<mark>"))
            #expect(html.contains("&lt;b&gt;outlet&lt;/b&gt;"))
            #expect(try await Self.get(URL(string: "\(base)/api/stories/999999")!).status == 404)
        }
    }

    @Test func thePageEscapesAndTheHeadersConfineIt() async throws {
        try await Self.serving { base, _ in
            let page = try await Self.get(URL(string: "\(base)/")!)
            #expect(page.status == 200)
            #expect(page.headers["content-security-policy"] == "default-src 'self'")
            let html = String(decoding: page.body, as: UTF8.self)
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!html.contains("<script"))
            #expect(html.contains("class=\"tiles\""))
            #expect(html.contains("<svg class=\"chart\""))
            let filtered = String(decoding: try await Self.get(URL(string: "\(base)/?region=%E6%B1%9F%E8%8B%8F")!).body, as: UTF8.self)
            #expect(filtered.contains("江苏省10月份"))
            #expect(!filtered.contains("山区26县跨越式"))
            #expect(try await Self.get(URL(string: "\(base)/static/finwire.css")!).status == 200)
            let fetcher = FeedFetcher()
            defer { fetcher.close() }
            let post = try await fetcher.fetch(FetchRequest(url: URL(string: "\(base)/api/stories")!, post: .init(body: Array("{}".utf8)))).get()
            #expect(post.status == 405)
        }
    }

    /// Province → city → county without a script: the tree page, and a region's parent and children
    /// offered under the form with the other filters kept.
    @Test func theRegionFilterWalksProvinceCityCounty() async throws {
        try await Self.serving { base, _ in
            let tree = String(decoding: try await Self.get(URL(string: "\(base)/regions")!).body, as: UTF8.self)
            #expect(tree.contains("<details><summary><a href=\"/?region=330000\">浙江省</a>"))
            #expect(tree.contains("<a href=\"/?region=330881\">江山市</a>"))  // a county-level city of 衢州
            let zj = String(decoding: try await Self.get(URL(string: "\(base)/?region=%E6%B5%99%E6%B1%9F&kind=policy")!).body, as: UTF8.self)
            #expect(zj.contains("下辖"))
            #expect(zj.contains("<a href=\"/?region=330800&amp;kind=policy\">衢州市</a>"))
            let qz = String(decoding: try await Self.get(URL(string: "\(base)/?region=330800")!).body, as: UTF8.self)
            #expect(qz.contains("上级 <a href=\"/?region=330000\">浙江省</a>"))
            #expect(qz.contains("<a href=\"/?region=330881\">江山市</a>"))
            let county = try await Self.get(URL(string: "\(base)/?region=330881")!)
            #expect(county.status == 200)
            #expect(!String(decoding: county.body, as: UTF8.self).contains("下辖"))
        }
    }

    /// A repeated question is answered from the cache until another connection commits; then afresh.
    @Test func aRepeatedListIsCachedUntilTheDatabaseChanges() async throws {
        try await Self.serving { base, store in
            let url = URL(string: "\(base)/api/stories?limit=50")!
            let first = try #require(try Self.json(try await Self.get(url))["stories"] as? [[String: Any]])
            let again = try #require(try Self.json(try await Self.get(url))["stories"] as? [[String: Any]])
            #expect(again.count == first.count)
            let metrics = String(decoding: try await Self.get(URL(string: "\(base)/metrics")!).body, as: UTF8.self)
            #expect(metrics.contains("finwire_serve_cache{result=\"hit\"} 1"))
            let fetched = FetchRecord(startedAt: Self.base, url: "https://a.example/", status: 200, validatorsSent: Validators(), outcome: .fetched)
            try await store.record(
                feedId: "a", fetch: fetched, articles: [Self.article(9, title: "浙江省新出台的一条消息", text: "新的一条。", hoursAgo: 0.5)],
                now: Self.base)
            let after = try #require(try Self.json(try await Self.get(url))["stories"] as? [[String: Any]])
            #expect(after.count == first.count + 1)
            #expect(after.first?["title"] as? String == "浙江省新出台的一条消息")
        }
    }

    @Test func feedsMetricsAndTheOpenAPIDocument() async throws {
        try await Self.serving { base, _ in
            let feeds = try await Self.get(URL(string: "\(base)/api/feeds")!)
            let rows = try #require(JSONSerialization.jsonObject(with: Data(feeds.body)) as? [[String: Any]])
            #expect(rows.map { $0["id"] as? String } == ["a", "b"])
            let metrics = String(decoding: try await Self.get(URL(string: "\(base)/metrics")!).body, as: UTF8.self)
            #expect(metrics.contains("finwire_articles 5\n"))
            #expect(metrics.contains("finwire_stories 4\n"))
            let doc = try Self.json(try await Self.get(URL(string: "\(base)/api/openapi.json")!))
            #expect(doc["openapi"] as? String == "3.1.0")
            #expect((doc["paths"] as? [String: Any])?["/api/stories"] != nil)
        }
    }

    @Test func aTokenGuardsEveryRouteAndOtherMachinesNeedOne() async throws {
        #expect(throws: ServeError.self) { try LiveView.check(ListenAddress("0.0.0.0:8080")!, token: nil) }
        try LiveView.check(ListenAddress("0.0.0.0:8080")!, token: "t0ken")
        try LiveView.check(ListenAddress("127.0.0.1:8080")!, token: nil)
        #expect(ListenAddress("[::1]:9000")?.isLoopback == true)
        #expect(ListenAddress("nope") == nil)
        try await Self.serving(token: "t0ken") { base, _ async throws in
            #expect(try await Self.get(URL(string: "\(base)/api/stories")!).status == 401)
            #expect(try await Self.get(URL(string: "\(base)/")!, headers: ["Authorization": "Bearer wrong"]).status == 401)
            #expect(try await Self.get(URL(string: "\(base)/api/stories")!, headers: ["Authorization": "Bearer t0ken"]).status == 200)
        }
    }
}
