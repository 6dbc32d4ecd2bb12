import FinwireExport
import FinwireModel
import FinwireNormalize
import FinwireParse
import FinwireStore
import FinwireTestSupport
import Foundation
import Testing

/// Hexo posts, in exactly the format of the published ones.
@Suite struct HexoExporterTests {
    typealias C = ExportCorpus

    static let sina = FeedSource(
        id: "sina-finance-roll", url: URL(string: "https://feedx.example/sina/finance")!, title: "新浪财经",
        categories: ["金融", "新浪财经", "新浪财经－国內"])

    /// The RSS item carrying the seed article's title, date and body (as RSSHub serves it) goes through the
    /// real parser, normalizer and store; the post written with `--html raw` is the seed file, byte for byte.
    @Test func theSeedArticleIsRebuiltByteForByte() async throws {
        let c = try await C(feeds: [Self.sina])
        let parsed = FeedParser().parse(try Fixture.bytes("feeds/rss2/sina-seed-article.xml"))
        #expect(parsed.bozo == false)
        let articles = Normalizer().articles(from: parsed, source: Self.sina)
        try await c.add(Self.sina.id, articles, now: Date(timeIntervalSince1970: 1_636_456_000))
        let entries = try await c.entries()
        let docs = ExportRenderer.render(entries, as: .hexo, context: .test(html: .raw))
        #expect(docs.count == 1)
        let expected = try Fixture.bytes("export/seed-article.md")
        let actual = Array(docs[0].text.utf8)
        if actual != expected {
            let i = zip(actual, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(actual.count, expected.count)
            Issue.record(
                "differs at byte \(i) of \(expected.count) (got \(actual.count)): expected …\(String(decoding: expected[max(0, i - 40)..<min(expected.count, i + 40)], as: UTF8.self))…, got …\(String(decoding: actual[max(0, i - 40)..<min(actual.count, i + 40)], as: UTF8.self))…"
            )
        }
        #expect(docs[0].name == "浙江支持山区26县跨越式高质量发展-力争2025年底各项贷款余额超2万亿-\(entries[0].article.id).md")
    }

    @Test func sanitizedByDefaultBracesEscapedAndFrontMatterQuoted() async throws {
        let c = try await C()
        var a = C.article(
            "x", "It's {{ 模板 }}: a/b\\c",
            html: "<p onclick=\"x()\">{% raw %}正文{{ x }}</p><script>bad()</script><img src=\"https://img.example/a.png\">")
        a.author = "- 作者: 某某"
        a.categories = ["true", "宏观"]
        a.imageURL = "https://img.example/a.png"
        try await c.add("sina", [a])
        let post = ExportRenderer.render(try await c.entries(), as: .hexo, context: .test())[0]
        let text = post.text
        #expect(text.hasPrefix("\n---\ntitle: 'It''s {{ 模板 }}: a/b\\c'\ncategories: \n - 金融\n - 'true'\n - 宏观\n"))
        #expect(text.contains("\nheadimg: 'https://img.example/a.png'\nauthor: '- 作者: 某某'\ncomments: false\n"))
        #expect(text.contains("\ndate: Sat, 01 Nov 2025 12:26:40 GMT\nthumbnail: 'https://img.example/a.png'\n---\n\n"))
        #expect(text.contains("&#123;% raw %&#125;正文&#123;&#123; x &#125;&#125;"))
        #expect(!text.contains("script") && !text.contains("onclick"))
        #expect(text.hasSuffix("\n            "))
        // Safe file names: no separators, no reserved characters, the id last.
        #expect(post.name == "It-s-模板-a-b-c-\(post.articleId!).md")
    }

    @Test func aRetitledArticleReplacesItsOwnFileAndNothingElse() async throws {
        let c = try await C()
        let dir = try TemporaryDirectory()
        let folder = dir.url.path
        let ids = try await c.add("sina", [C.article("x", "初稿标题")])
        let write = { (docs: [ExportDocument]) in
            try AtomicWriter.write(docs, into: folder, suffix: HexoExporter.fileSuffix(articleId:), header: HexoExporter.header)
        }
        try write(ExportRenderer.render(try await c.entries(), as: .hexo, context: .test()))
        // The user's own post whose name happens to end the same way is not ours, and stays.
        let mine = try dir.write("我的文章-\(ids[0]).md", "---\ntitle: mine\n---\n")
        try await c.add("sina", [C.article("x", "改后标题", text: "新正文")], now: C.t0.addingTimeInterval(60))
        try write(ExportRenderer.render(try await c.entries(), as: .hexo, context: .test()))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(files == ["我的文章-\(ids[0]).md", "改后标题-\(ids[0]).md"].sorted())
        #expect(FileManager.default.fileExists(atPath: mine))
    }
}
