import FinwireDaemon
import FinwireIngest
@testable import FinwireDedupe
import FinwireFetch
import FinwireModel
import FinwireStore
import FinwireTestSupport
import Foundation
import Logging
import Testing

/// Dedupe in the ingest path, with real parts: a loopback server, libcurl, libxml2, the SQLite file.
@Suite struct DedupeIngestTests {
    let server: LoopbackHTTPServer
    let dir: TemporaryDirectory
    let store: SQLiteStore

    init() throws {
        server = try LoopbackHTTPServer()
        dir = try TemporaryDirectory()
        store = try SQLiteStore(path: dir.path("finwire.sqlite"))
    }

    static let body = "11月9日，浙江银保监局、浙江省地方金融监管局联合衢州市政府召开推进会，发布多项政策支持山区26县跨越式发展。力争2025年底，山区26县各项贷款余额超2万亿元，涉农贷款余额超1万亿元，普惠小微贷款余额超4000亿元。"

    static func rss(_ items: [(guid: String, title: String, link: String, body: String)]) -> [UInt8] {
        var x = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>t</title><link>https://example.cn/</link>"
        for i in items {
            x += "<item><guid isPermaLink=\"false\">\(i.guid)</guid><title>\(i.title)</title><link>\(i.link)</link>"
            x += "<pubDate>Tue, 09 Nov 2021 11:00:34 GMT</pubDate><description><![CDATA[\(i.body)]]></description></item>"
        }
        return Array((x + "</channel></rss>").utf8)
    }

    func pass(_ feeds: [FeedSource]) async throws {
        try await store.syncFeeds(feeds)
        let p = IngestPass(
            store: store, fetcher: FeedFetcher(), concurrency: 2,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), clusterer: Clusterer(store: store))
        _ = await p.run(feeds)
    }

    func feed(_ id: String) -> FeedSource { FeedSource(id: id, url: server.url("/\(id).xml"), title: id) }

    /// The features cache only saves work: a clusterer that keeps 16 articles' features (and so reads
    /// and shingles the older ones again, with a second turn for those read again) places every article
    /// exactly as one that keeps them all. The articles are built to hit it: reports that cite a few
    /// shared document numbers, copies of them far apart, and near-identical templated texts.
    @Test func storiesDoNotDependOnHowManyFeaturesTheClustererKeeps() async throws {
        let small = try SQLiteStore(path: dir.path("small.sqlite"))
        let source = FeedSource(id: "wire", url: URL(string: "https://example.cn/wire.xml")!)
        let cities = ["杭州", "宁波", "温州", "嘉兴", "湖州", "绍兴", "金华", "衢州", "舟山", "台州", "丽水"]
        var articles: [Article] = []
        for n in 0..<160 {
            let doc = "浙政办发〔2024〕\(n % 5 + 1)号"
            let city = cities[n % cities.count]
            // Every fourth item is a copy of an item 40 earlier, retitled: the original is long out of a
            // 16-entry cache when the copy arrives.
            let source = n % 4 == 3 && n >= 40 ? n - 40 : n
            let text = "\(city)市贯彻落实\(doc)文件精神，第\(source)次推进会提出，力争年底普惠小微贷款余额增长\(source % 7 + 10)%，"
                + "涉农贷款余额超\(source * 3 + 100)亿元，首贷户新增\(source + 20)户。会议要求各金融机构加大对制造业中长期贷款的投放力度，"
                + "落实减费让利政策，推动融资成本稳中有降，更好服务实体经济高质量发展。"
            articles.append(
                Article(
                    identity: "guid:\(n)", guid: "\(n)", url: "https://example.cn/\(n).html",
                    title: n == source ? "\(city)推进会：落实\(doc)第\(source)次" : "转载：\(city)推进会 落实\(doc)第\(source)次",
                    author: nil, published: Date(timeIntervalSince1970: 1_717_000_000 + Double(n * 60)), updated: nil,
                    html: text, text: text, categories: [], imageURL: nil, contentHash: "h\(n)"))
        }
        let record = FetchRecord(startedAt: Date(), url: source.url.absoluteString, status: 200, outcome: .fetched)
        var stories: [[Int64?]] = []
        for (target, capacity) in [(store, 4096), (small, 16)] {
            try await target.syncFeeds([source])
            try await target.record(feedId: source.id, fetch: record, articles: articles)
            let clusterer = Clusterer(store: target, recentCapacity: capacity)
            try await clusterer.clusterPending(batch: 7)
            stories.append(try await target.articles(ArticleQuery()).sorted { $0.id < $1.id }.map(\.storyId))
            // The cache's own bookkeeping: bounded, one entry an id, the second-turn marks only on what it holds.
            let cached = Set(await clusterer.recent.keys)
            let order = await clusterer.recentOrder
            #expect(cached.count <= capacity)
            #expect(order.count == cached.count && Set(order) == cached)
            #expect(await clusterer.reused.isSubset(of: cached))
        }
        #expect(stories[0].allSatisfy { $0 != nil })
        #expect(Set(stories[0].compactMap { $0 }).count < articles.count, "the copies joined their originals")
        #expect(stories[0] == stories[1])
    }

    @Test func aSyndicatedCopyJoinsTheOriginalsStoryAndOtherNewsDoesNot() async throws {
        server.route("/wire.xml", LoopbackHTTPServer.staticFeed(Self.rss([
            ("w1", "浙江支持山区26县跨越式高质量发展", "https://www.21jingji.com/article/20211109/a1.html", Self.body),
            ("w2", "10月末宁波各项贷款余额同比增长10.3%", "https://www.21jingji.com/article/20211109/a2.html",
             "10月末，宁波市本外币各项贷款余额为34567亿元，同比增长10.3%，比年初增加3210亿元。"),
        ])))
        server.route("/sina.xml", LoopbackHTTPServer.staticFeed(Self.rss([
            ("s1", "力争2025年底各项贷款余额超2万亿 浙江出台方案", "https://finance.sina.cn/2021-11-09/doc-1.shtml?from=wap&amp;utm_source=wx",
             "<p>原标题：浙江支持山区26县跨越式高质量发展</p><p>" + Self.body + "</p><p>责任编辑：王翔</p>"),
            ("s2", "10月末杭州各项贷款余额同比增长12.1%", "https://finance.sina.com.cn/2021-11-09/doc-2.shtml",
             "10月末，杭州市本外币各项贷款余额为65432亿元，同比增长12.1%，比年初增加5432亿元。"),
        ])))
        try await pass([feed("wire"), feed("sina")])
        let rows = try await store.articles(ArticleQuery())
        #expect(rows.count == 4)
        let story = Dictionary(uniqueKeysWithValues: rows.map { ($0.article.guid ?? "", $0.storyId) })
        #expect(story["w1"] != nil && story["w1"] == story["s1"])
        #expect(story["w2"] != story["s2"])
        #expect(Set(story.values).count == 3)
        #expect(try await store.storyCount() == 3)
    }

    @Test func revisionsKeepTheirPreviousVersionAndDeletedArticlesStayDeleted() async throws {
        server.route("/doc.xml", LoopbackHTTPServer.staticFeed(Self.rss([
            ("d1", "浙江省人民政府办公厅关于金融支持山区26县的意见", "https://www.zj.gov.cn/a.html", Self.body),
            ("d2", "另一条新闻", "https://www.zj.gov.cn/b.html", "另一条新闻的正文，说的是别的事情。"),
        ])))
        try await pass([feed("doc")])
        server.route("/doc.xml", LoopbackHTTPServer.staticFeed(Self.rss([
            ("d1", "浙江省人民政府办公厅关于金融支持山区26县的意见", "https://www.zj.gov.cn/a.html",
             Self.body.replacingOccurrences(of: "超2万亿元", with: "超2.1万亿元")),
            ("d2", "另一条新闻", "https://www.zj.gov.cn/b.html", "另一条新闻的正文，说的是别的事情。"),
        ])))
        try await pass([feed("doc")])
        let rows = try await store.articles(ArticleQuery())
        #expect(rows.count == 2)
        let revised = try #require(rows.first { $0.article.guid == "d1" })
        #expect(revised.article.text.contains("超2.1万亿元"))
        #expect(try await store.versions(articleId: revised.id).count == 1)

        let other = try #require(rows.first { $0.article.guid == "d2" })
        #expect(try await store.deleteArticles(ids: [other.id]) == 1)
        server.route("/doc.xml", LoopbackHTTPServer.staticFeed(Self.rss([
            ("d1", "浙江省人民政府办公厅关于金融支持山区26县的意见", "https://www.zj.gov.cn/a.html", Self.body + "。"),
            ("d2", "另一条新闻", "https://www.zj.gov.cn/b.html", "另一条新闻的正文，说的是别的事情。"),
        ])))
        try await pass([feed("doc")])
        #expect(try await store.articles(ArticleQuery()).map(\.article.guid) == ["d1"])
    }

    @Test func aFeedThatMintsNewGUIDsEveryFetchSwitchesToLinksWithoutDuplicates() async throws {
        func items(_ round: Int) -> [(String, String, String, String)] {
            (1...3).map { ("r\(round)-\($0)", "第\($0)条", "https://example.cn/news/\($0).html", "正文\($0)：内容不变。") }
        }
        server.route("/unstable.xml", LoopbackHTTPServer.staticFeed(Self.rss(items(1))))
        try await pass([feed("unstable")])
        server.route("/unstable.xml", LoopbackHTTPServer.staticFeed(Self.rss(items(2))))
        try await pass([feed("unstable")])
        server.route("/unstable.xml", LoopbackHTTPServer.staticFeed(Self.rss(items(3))))
        try await pass([feed("unstable")])
        #expect(try await store.articleCount() == 3)
        let mode = try await store.identityMode(feedId: "unstable")
        #expect(mode?.mode == "link")
        #expect(mode?.note?.contains("new GUIDs") == true)
    }

    @Test func aFeedWithoutGUIDsIsRecordedAsIdentifiedByLink() async throws {
        let x = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>"
            + "<item><title>一</title><link>https://example.cn/1.html</link><description>正文一</description></item>"
            + "<item><title>二</title><link>https://example.cn/2.html</link><description>正文二</description></item>"
            + "</channel></rss>"
        server.route("/noguid.xml", LoopbackHTTPServer.staticFeed(Array(x.utf8)))
        try await pass([feed("noguid")])
        #expect(try await store.articleCount() == 2)
        #expect(try await store.identityMode(feedId: "noguid")?.note == "its items carry no GUIDs")
    }
}
