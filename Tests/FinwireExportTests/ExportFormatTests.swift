import FinwireExport
import FinwireModel
import FinwireParse
import FinwireStore
import FinwireTestSupport
import Foundation
import Testing

/// Each format's structure, over entries read from a real database.
@Suite struct ExportFormatTests {
    typealias C = ExportCorpus

    /// A small day of news: a policy story in 衢州 carried by two outlets and later revised, a 杭州 story,
    /// and a national market story.
    static func corpus() async throws -> (C, [ExportEntry]) {
        let c = try await C()
        let quzhou = try await c.add("sina", [
            C.article(
                "qz", "衢州发布普惠金融支持山区26县方案",
                text: "原标题：衢州发布普惠金融支持山区26县方案\n　　衢州市地方金融监管局近日印发《方案》，力争到2025年普惠贷款余额超2000亿元。\n　　《方案》提出18项举措。\n　　第三段不进导语。",
                published: C.t0, tags: C.tags(regions: ["330800"], groupings: ["zj-26-mountain-counties"], agencies: ["lfb@330800"], topics: ["inclusive"], docTypes: ["fangan"], policy: 0.92))
        ])
        let copy = try await c.add("chinanews", [
            C.article("qz2", "衢州：普惠金融方案出台", text: "衢州市出台方案。", published: C.t0.addingTimeInterval(600),
                      tags: C.tags(regions: ["330800"], topics: ["inclusive"], policy: 0.8))
        ])
        try await c.cluster(quzhou + copy)
        try await c.add("sina", [
            C.article("qz", "衢州发布普惠金融支持山区26县方案", text: "原标题：衢州发布普惠金融支持山区26县方案\n　　衢州市地方金融监管局近日印发《方案》（修订）。", published: C.t0,
                      tags: C.tags(regions: ["330800"], groupings: ["zj-26-mountain-counties"], agencies: ["lfb@330800"], topics: ["inclusive"], docTypes: ["fangan"], policy: 0.92))
        ], now: C.t0.addingTimeInterval(3600))
        try await c.add("gov", [
            C.article("hz", "杭州市绿色金融改革", text: "杭州市推进绿色金融改革创新。", published: C.t0.addingTimeInterval(-86_400),
                      tags: C.tags(regions: ["330100"], topics: ["green"], policy: 0.7))
        ])
        try await c.add("sina", [
            C.article("mkt", "A股三大指数收涨", text: "沪指涨1%，成交额放大。", published: C.t0.addingTimeInterval(1200), tags: C.tags(policy: 0.1))
        ])
        return (c, try await c.entries())
    }

    @Test func jsonLinesCarryTheStoryItsOutletsAndTagsWithEvidence() async throws {
        let (_, entries) = try await Self.corpus()
        let text = ExportRenderer.render(entries, as: .jsonl, context: .test())[0].text
        let lines = text.split(separator: "\n")
        #expect(lines.count == 3)
        let objects = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        let story = try #require(objects.first { ($0["outlets"] as? [String])?.count == 2 })
        #expect(story["outlets"] as? [String] == ["新浪财经", "中新网财经"])
        #expect(story["story"] as? Int != nil && story["cluster"] as? Int == story["story"] as? Int && story["revised"] as? Bool == true)
        #expect((story["copies"] as? [[String: Any]])?.map { $0["feed"] as? String } == ["sina", "chinanews"])
        let tags = try #require(story["tags"] as? [String: Any])
        let region = try #require((tags["regions"] as? [[String: Any]])?.first)
        #expect(region["code"] as? String == "330800")
        #expect((region["evidence"] as? [[String: Any]])?.first?["rule"] as? String == "test")
        // The keys every line had before stories existed are all still there.
        for key in ["id", "feed", "feed_title", "identity", "title", "url", "published", "first_seen", "changed", "html", "text", "content_hash", "is_policy"] {
            #expect(story[key] != nil, "missing \(key)")
        }
        // Oldest first.
        #expect(objects.first?["title"] as? String == "杭州市绿色金融改革")
    }

    @Test func theMarkdownDigestGroupsByRegionThenTopic() async throws {
        let (_, entries) = try await Self.corpus()
        let md = MarkdownDigest(context: .test()).render(entries)
        let lines = md.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "# finwire digest — 2025-11-01")
        #expect(lines[2].hasPrefix("*3 stories (2 policy) · published 2025-10-31 20:26 – 2025-11-01 20:46"))
        let headings = lines.filter { $0.hasPrefix("#") }.dropFirst()
        #expect(Array(headings) == ["## 浙江省 · 2", "### 普惠金融 · 1", "### 绿色金融 · 1", "## Other / national · 1", "### Other topics · 1"])
        let item = try #require(lines.firstIndex { $0.contains("衢州发布普惠金融支持山区26县方案") })
        #expect(lines[item].hasPrefix("- **[衢州发布普惠金融支持山区26县方案](<https://example.cn/qz>)** *(revised)*\\"))
        #expect(lines[item + 1] == "  11-01 20:26 · 新浪财经, 中新网财经 · policy\\")
        #expect(lines[item + 2].contains("衢州市 · 山区26县 · lfb@330800 · 普惠金融 · 方案"))
        // The lead: two paragraphs, the 原标题 line and the indentation left out.
        #expect(lines[item + 3] == "  衢州市地方金融监管局近日印发《方案》（修订）。")
        #expect(!md.contains("第三段"))
        #expect(MarkdownDigest(context: .test()).render([]).contains("No stories."))
    }

    @Test func markdownEscapesWhatAFeedWrites() async throws {
        let c = try await C()
        try await c.add("sina", [C.article("x", "标题 <script>alert(1)</script> *粗* [链接](javascript:alert(1))", url: "javascript:alert(2)")])
        let md = MarkdownDigest(context: .test()).render(try await c.entries())
        #expect(!md.contains("<script") && !md.contains("javascript:alert(2)"))
        #expect(md.contains("\\[链接\\](javascript:alert(1))"))  // inert text, not a link
        #expect(md.contains("\\*粗\\*"))
    }

    @Test func csvHasAHeaderAQuotedRowPerEntryAndDefusesFormulas() async throws {
        let (c, entries) = try await Self.corpus()
        let csv = CSVExporter(context: .test()).render(entries)
        #expect(csv.hasPrefix("\u{FEFF}id,story,copies,outlets,feed,"))
        let rows = csv.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 4)
        #expect(rows.contains { $0.contains(",2,新浪财经;中新网财经,sina,新浪财经,2025-11-01T20:26:40+08:00,") && $0.contains(",330800,衢州市,zj-26-mountain-counties,lfb@330800,inclusive,fangan,,0.92,true,policy,true,") })
        try await c.add("sina", [C.article("f", "=HYPERLINK(\"http://evil\",\"x\"), 公式")])
        let evil = CSVExporter(context: .test()).render(try await c.entries())
        #expect(evil.contains(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\"), 公式\","))
    }

    @Test func theAtomFeedRoundTripsThroughFinwiresParser() async throws {
        let (_, entries) = try await Self.corpus()
        let atom = AtomExporter(context: .test()).render(entries)
        let feed = FeedParser().parse(Array(atom.utf8))
        #expect(feed.bozo == false, "\(feed.bozoReason ?? "")")
        #expect(feed.version == "atom10")
        #expect(feed.entries.count == 3)
        // Newest first; ids stable URNs; tags as categories with their kind as scheme.
        #expect(feed.entries.first?.title?.value == "A股三大指数收涨")
        let story = try #require(feed.entries.first { $0.title?.value == "衢州发布普惠金融支持山区26县方案" })
        #expect(story.id?.hasPrefix("urn:finwire:article:sina:") == true)
        #expect(story.link == "https://example.cn/qz")
        #expect(story.tags.contains { $0.term == "330800" && $0.scheme == "urn:finwire:region" && $0.label == "衢州市" })
        #expect(story.content.first?.value.contains("修订") == true)
        #expect(story.published?.date == C.t0)
        // Again: the same input gives the same bytes.
        #expect(AtomExporter(context: .test()).render(entries) == atom)
    }

    @Test func atomStaysWellFormedWhateverTheFeedSent() async throws {
        let c = try await C()
        try await c.add("sina", [C.article("x", "控制字符\u{1}与 & < > \" ' ]]>", html: "<p>a\u{0B}b ]]> <![CDATA[ c</p><script>x</script>")])
        let atom = AtomExporter(context: .test()).render(try await c.entries())
        let feed = FeedParser().parse(Array(atom.utf8))
        #expect(feed.bozo == false, "\(feed.bozoReason ?? "")")
        #expect(feed.entries.first?.title?.value == "控制字符与 & < > \" ' ]]>")
        #expect(!(feed.entries.first?.content.first?.value.contains("script") ?? true))
    }
}
