import FinwireExport
import FinwireModel
@testable import FinwireStore
import FinwireTag
import FinwireTestSupport
import Foundation
import Testing

/// The store's export query over real SQLite files: filters on `article_tags`, FTS5, feeds and dates, and
/// one entry per story.
@Suite struct ExportSelectionTests {
    typealias C = ExportCorpus

    func filter(_ build: (inout ExportFilter) throws -> Void) rethrows -> ExportFilter {
        var f = ExportFilter()
        try build(&f)
        return f
    }

    /// `--region` as the CLI resolves it.
    func region(_ names: String...) throws -> ExportFilter {
        let args = FilterArguments()
        return try filter { f in
            for n in names {
                let r = try args.region(n)
                f.regionCodes += r.codes
                if let g = r.grouping { f.groupingIds.append(g) }
            }
        }
    }

    @Test func aProvinceIncludesItsCitiesAndCounties() async throws {
        let c = try await C()
        try await c.add("sina", [
            C.article("longyou", "龙游县发布普惠金融方案", tags: C.tags(regions: ["330825"])),
            C.article("hangzhou", "杭州市绿色金融", tags: C.tags(regions: ["330100"])),
            C.article("jiangsu", "江苏省科技金融", tags: C.tags(regions: ["320000"])),
            C.article("none", "央行开展逆回购", tags: C.tags()),
        ])
        #expect(try await Set(c.titles(region("浙江"))) == ["龙游县发布普惠金融方案", "杭州市绿色金融"])
        #expect(try await c.titles(region("衢州市")) == ["龙游县发布普惠金融方案"])
        #expect(try await c.titles(region("330825")) == ["龙游县发布普惠金融方案"])
        #expect(try await Set(c.titles(region("浙江", "江苏"))).count == 3)
        // A county does not include its province: an article about Zhejiang as a whole is not about 龙游.
        try await c.add("gov", [C.article("zj", "浙江省金融工作会议", tags: C.tags(regions: ["330000"]))])
        #expect(try await c.titles(region("龙游县")) == ["龙游县发布普惠金融方案"])
    }

    @Test func aGroupingMatchesItsMembersAndItsOwnTag() async throws {
        let c = try await C()
        try await c.add("sina", [
            C.article("tagged", "山区26县跨越式发展", tags: C.tags(groupings: ["zj-26-mountain-counties"])),
            C.article("member", "龙游县农商行", tags: C.tags(regions: ["330825"])),
            C.article("outside", "杭州市银行", tags: C.tags(regions: ["330100"])),
        ])
        #expect(try await Set(c.titles(region("山区26县"))) == ["山区26县跨越式发展", "龙游县农商行"])
    }

    @Test func agencyTopicTagPolicyAndScoreFilters() async throws {
        let c = try await C()
        try await c.add("sina", [
            C.article("a", "浙江金融监管局通知", tags: C.tags(agencies: ["nfra@330000"], topics: ["inclusive"], docTypes: ["tongzhi"], policy: 0.9)),
            C.article("b", "国家金融监督管理总局答记者问", tags: C.tags(agencies: ["nfra"], topics: ["green"], policy: 0.6)),
            C.article("c", "人民银行公开市场操作", tags: C.tags(agencies: ["pboc"], custom: ["omo"], policy: 0.2)),
        ])
        let args = FilterArguments()
        #expect(try await Set(c.titles(filter { $0.agencies = [try args.agency("nfra")] })).count == 2)
        #expect(try await c.titles(filter { $0.agencies = [try args.agency("nfra@浙江")] }) == ["浙江金融监管局通知"])
        #expect(try await c.titles(filter { $0.topics = [try args.topic("普惠金融")] }) == ["浙江金融监管局通知"])
        #expect(try await c.titles(filter { $0.tags = [.init(kind: "custom", value: "omo")] }) == ["人民银行公开市场操作"])
        let docType = try args.tag("doc_type:tongzhi")
        #expect(try await c.titles(filter { $0.tags = [.init(kind: docType.kind, value: docType.value)] }) == ["浙江金融监管局通知"])
        #expect(try await c.titles(filter { $0.policyOnly = true }).count == 2)
        #expect(try await c.titles(filter { $0.minPolicyScore = 0.8 }) == ["浙江金融监管局通知"])
        // Different filters narrow each other.
        #expect(try await c.titles(filter { $0.policyOnly = true; $0.agencies = ["pboc"] }).isEmpty)
    }

    @Test func fullTextSearchFindsChineseTermsOfAnyLength() async throws {
        let c = try await C()
        try await c.add("sina", [
            C.article("bond", "浙江发行专项债", text: "浙江省今日发行专项债券300亿元，用于基础设施建设。"),
            C.article("loan", "衢州普惠贷款余额增长", text: "衢州市普惠小微贷款余额同比增长20%。"),
            C.article("stock", "沪指收涨", text: "A股三大指数集体收涨，成交额放大。"),
        ])
        func q(_ s: String) -> ExportFilter { filter { $0.terms = s.split(separator: " ").map(String.init) } }
        #expect(try await c.titles(q("专项债")) == ["浙江发行专项债"])  // FTS5 trigram
        #expect(try await c.titles(q("贷款")) == ["衢州普惠贷款余额增长"])  // two characters: LIKE
        #expect(try await c.titles(q("普惠 余额")) == ["衢州普惠贷款余额增长"])  // every term must occur
        #expect(try await c.titles(q("基础设施建设 专项债")) == ["浙江发行专项债"])
        #expect(try await c.titles(q("A股")) == ["沪指收涨"])
        // FTS5 syntax in a query is literal text, never an error.
        #expect(try await c.titles(q("\"专项 OR NEAR(")).isEmpty)
        #expect(try await c.titles(q("100%")).isEmpty)
    }

    @Test func searchFollowsRevisionsDeletionsAndReusedRowIds() async throws {
        let c = try await C()
        func q(_ s: String) async throws -> [String] {
            var f = ExportFilter()
            f.terms = [s]
            return try await c.titles(f)
        }
        let ids = try await c.add("sina", [
            C.article("a", "第一篇", text: "杭州发行绿色债券"), C.article("b", "第二篇", text: "宁波发行科创债券"),
            C.article("c", "第三篇", text: "温州发行乡村振兴债券"),
        ])
        #expect(try await q("发行绿色") == ["第一篇"])
        try await c.add("sina", [C.article("a", "第一篇", text: "杭州发行蓝色债券")], now: C.t0.addingTimeInterval(60))
        #expect(try await q("发行绿色").isEmpty)
        #expect(try await q("发行蓝色") == ["第一篇"])
        // The newest rows go, the lower one first; SQLite then hands their ids out again.
        #expect(try await c.store.deleteArticles(ids: [ids[1]]) == 1)
        #expect(try await c.store.deleteArticles(ids: [ids[2]]) == 1)
        let reused = try await c.add("chinanews", [C.article("d", "第四篇", text: "嘉兴发行科创票据")], now: C.t0.addingTimeInterval(120))
        #expect(reused[0] == ids[1])  // the id came back
        #expect(try await q("科创票据") == ["第四篇"])
        #expect(try await q("科创债").isEmpty)
        #expect(try await q("乡村振兴").isEmpty)
    }

    @Test func feedAndDateFilters() async throws {
        let c = try await C()
        try await c.add("sina", [C.article("old", "旧闻", published: C.t0.addingTimeInterval(-3 * 86_400))])
        try await c.add("chinanews", [C.article("new", "新闻", published: C.t0)])
        #expect(try await c.titles(filter { $0.feedIds = ["chinanews"] }) == ["新闻"])
        #expect(try await c.titles(filter { $0.since = C.t0.addingTimeInterval(-86_400) }) == ["新闻"])
        #expect(try await c.titles(filter { $0.until = C.t0.addingTimeInterval(-86_400) }) == ["旧闻"])
    }

    @Test func aStoryIsOneEntryWithEveryOutlet() async throws {
        let c = try await C()
        let sina = try await c.add("sina", [C.article("s", "浙江出台金融支持山区26县方案", published: C.t0)])
        let news = try await c.add("chinanews", [C.article("n", "浙江：金融支持山区26县", published: C.t0.addingTimeInterval(60))])
        let gov = try await c.add("gov", [C.article("g", "关于金融支持山区26县的实施方案", published: C.t0.addingTimeInterval(120))])
        try await c.add("sina", [C.article("other", "另一条新闻")])
        try await c.cluster(sina + news + gov)
        let entries = try await c.entries()
        #expect(entries.count == 2)
        let story = try #require(entries.first { $0.copies.count == 3 })
        #expect(story.outlets == ["新浪财经", "中新网财经", "浙江省人民政府"])
        // The copy shown is the one the dedupe stage made canonical.
        let canonical = try await c.store.canonicalArticle(ofStory: try #require(story.storyId))
        #expect(story.article.id == canonical)
        // Filtering on one feed still shows the story's other outlets, without their bodies.
        let one = try await c.entries(filter { $0.feedIds = ["gov"] })
        #expect(one.count == 1 && one[0].article.id == gov[0] && one[0].outlets.count == 3)
        #expect(one[0].copies.first { $0.id == sina[0] }?.article.html == "")
        // --all-copies: every copy is an entry, each knowing its story.
        let copies = try await c.entries(stories: false)
        #expect(copies.count == 4)
        #expect(copies.filter { $0.storyId == story.storyId }.count == 3)
        // Unclustered articles are their own stories; the newest entries survive a limit.
        let limited = try await c.entries(stories: false, limit: 2)
        #expect(limited.map(\.article.id) == [news[0], gov[0]])
    }

    @Test func aDatabaseFromBeforeExportsGainsSearchAndSequences() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("old.sqlite")
        do {
            // Rows as a schema-5 finwire wrote them (today's store writes columns that schema lacks).
            let old = try SQLiteStore(path: path, schemaVersion: 5)
            try await old.sql(
                """
                INSERT INTO feeds (id, url, created_at, updated_at) VALUES ('sina', 'https://example.cn/rss.xml', 1, 1);
                INSERT INTO articles (feed_id, identity, title, html, text, content_hash, first_seen_at, last_seen_at, changed_at)
                VALUES ('sina', 'guid:x', '浙江发行专项债', '<p>x</p>', '浙江发行专项债', 'h', 100, 100, 100);
                """)
        }
        let store = try SQLiteStore(path: path)
        #expect(try await store.schemaVersion() == SQLiteStore.latestSchemaVersion)
        var f = ExportFilter()
        f.terms = ["专项债"]
        #expect(try await store.exported(f).entries.count == 1)
        let s = try await store.exported(after: 0)
        #expect(s.entries.count == 1 && s.position >= 1)
        #expect(try await store.exported(after: s.position).entries.isEmpty)
    }

    /// Schema 7 adds the kind: a database tagged before kinds existed keeps its tags, has no kind until
    /// retagged, and the kind filter then finds what retag decided.
    @Test func aDatabaseTaggedBeforeKindsGainsThemOnRetag() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("old.sqlite")
        do {
            let old = try SQLiteStore(path: path, schemaVersion: 6)
            try await old.sql(
                """
                INSERT INTO feeds (id, url, created_at, updated_at) VALUES ('sina', 'https://example.cn/rss.xml', 1, 1);
                INSERT INTO articles (feed_id, identity, title, html, text, content_hash, first_seen_at, last_seen_at,
                    changed_at, tags, policy_score, is_policy)
                VALUES ('sina', 'guid:x', '浙江发行专项债', '<p>x</p>', '浙江发行专项债', 'h', 100, 100, 100, '{}', 0.9, 1);
                """)
        }
        let store = try SQLiteStore(path: path)
        #expect(try await store.schemaVersion() == SQLiteStore.latestSchemaVersion)
        var f = ExportFilter()
        f.kinds = ["policy"]
        #expect(try await store.exported(f).entries.isEmpty)
        let stored = try #require(try await store.exported().entries.first?.article)
        #expect(stored.kind == nil && stored.isPolicy == true)
        var t = TagResult()
        t.kind = .data
        t.policyScore = 0.1
        try await store.updateTags([(stored.id, t.articleTags)])
        f.kinds = ["data", "market"]
        #expect(try await store.exported(f).entries.map(\.article.kind) == ["data"])
    }
}

extension SQLiteStore {
    /// Raw SQL, for building databases the way an older finwire left them.
    func sql(_ text: String) throws { try db.execute(text) }
}
