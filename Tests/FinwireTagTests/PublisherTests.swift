import FinwireModel
import FinwireTag
import Foundation
import Testing

/// A local government's feed says 我省 and 全市 and means itself; a reader knows the publisher, and the
/// tagger learns it from the feed's `region` or title (`labeling.md`: the jurisdiction that acts is a region).
@Suite("Publisher: a feed's own places behind 我省, 全市 and 省财政厅")
struct PublisherTests {
    let tagger = sharedTagger

    func codes(_ r: TagResult) -> Set<String> { Set(r.regions.map(\.code)) }

    func publisher(_ title: String) throws -> Publisher {
        try #require(tagger.lexicon.publisher(feedTitle: title))
    }

    @Test("A provincial government's notice that names only 省 and 全省 is the province's, with the words as evidence")
    func provinceDeictics() throws {
        let title = "省财政厅关于做好2026年全省政府债务管理工作的通知"
        let text = "各市、州财政局：为进一步规范我省政府债务管理，现将有关事项通知如下。"
        #expect(codes(tagger.tag(title: title, text: text)).isEmpty)
        let r = tagger.tag(title: title, text: text, publisher: try publisher("湖北省人民政府"))
        let hubei = try #require(r.regions.first)
        #expect(r.regions.count == 1 && hubei.code == "420000")
        #expect(Set(hubei.evidence.map(\.match)).isSuperset(of: ["省财", "全省", "各市、州", "我省"]))
        #expect(hubei.evidence.allSatisfy { $0.rule == "publisher-deictic" })
    }

    @Test("A feed that speaks for a province and its capital: 省 means the one, 市 and 各区（县） the other")
    func nestedPublisher() throws {
        let p = try #require(tagger.lexicon.publisher(regions: ["湖北", "420100"]).publisher)
        #expect(p.codes == ["420000", "420100"])
        let city = tagger.tag(title: "市科技创新局关于组织申报2026年度科技计划项目的通知", text: "各区（县）科技部门：现将有关事项通知如下。", publisher: p)
        #expect(codes(city) == ["420100"])
        let province = tagger.tag(title: "关于印发全省数字经济发展行动方案的通知", text: "", publisher: p)
        #expect(codes(province) == ["420000"])
    }

    @Test("全市场, 市值, 区域 and 省份 are not the publisher's units")
    func lookalikes() throws {
        let p = try publisher("武汉市人民政府")
        let r = tagger.tag(
            title: "全市场成交额突破万亿", text: "沪深两市全市场成交额1.2万亿元，总市值上涨，区域板块分化，各省份资金流入。", publisher: p)
        #expect(codes(r).isEmpty)
    }

    @Test("The publisher's own measure that names no place is its jurisdiction's; a relayed national one is not")
    func fallback() throws {
        let p = try publisher("武汉市发改委")
        let own = tagger.tag(title: "关于进一步促进民间投资的若干措施", text: "为激发民间投资活力，制定以下措施。", publisher: p)
        let tag = try #require(own.regions.first)
        #expect(own.kind == .policy && tag.code == "420100" && tag.evidence.first?.rule == "publisher")
        let relayed = tagger.tag(title: "国务院关于进一步促进民间投资的若干措施", text: "为激发民间投资活力，制定以下措施。", publisher: p)
        #expect(codes(relayed).isEmpty)
        // An article that names its own place keeps it and gets nothing more.
        let named = tagger.tag(title: "深圳出台促进民间投资若干措施", text: "深圳市发展改革委印发若干措施。", publisher: p)
        #expect(!codes(named).contains("420100"))
    }

    @Test("A newspaper's or a company's title is not a publisher; a config region wins over the title; [] means none")
    func whatCounts() throws {
        #expect(tagger.lexicon.publisher(feedTitle: "浙江日报") == nil)
        #expect(tagger.lexicon.publisher(feedTitle: "上海证券报") == nil)
        #expect(tagger.lexicon.publisher(feedTitle: "湖北省/武汉市 政府部门政策通知")?.codes == ["420000", "420100"])
        var feed = FeedSource(id: "x", url: URL(string: "https://gov.example/")!, title: "湖北省人民政府")
        #expect(tagger.lexicon.publisher(for: feed)?.codes == ["420000"])
        feed.region = ["襄阳"]
        #expect(tagger.lexicon.publisher(for: feed)?.codes == ["420600"])
        feed.region = []
        #expect(tagger.lexicon.publisher(for: feed) == nil)
        #expect(tagger.lexicon.publisher(regions: ["火星"]).unknown == ["火星"])
    }

    @Test("A tagger made for a configuration knows each feed's publisher by its id")
    func byFeedId() {
        let feeds = [
            FeedSource(id: "hubei", url: URL(string: "https://gov.example/hb")!, title: "湖北省人民政府"),
            FeedSource(id: "paper", url: URL(string: "https://news.example/zj")!, title: "浙江日报"),
        ]
        let configured = Tagger(feeds: feeds)
        #expect(configured.publishers["hubei"]?.codes == ["420000"] && configured.publishers["paper"] == nil)
        let title = "省财政厅关于做好全省政府债务管理工作的通知"
        #expect(codes(configured.tag(title: title, text: "", feedId: "hubei")) == ["420000"])
        #expect(codes(configured.tag(title: title, text: "", feedId: "paper")).isEmpty)
    }
}
