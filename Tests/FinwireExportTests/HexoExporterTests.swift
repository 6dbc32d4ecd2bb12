@testable import FinwireExport
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
        #expect(docs[0].name == "浙江支持山区26县跨越式高质量发展：力争2025年底各项贷款余额超2万亿.md")
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
        // Named as the seed's bot named its posts: ASCII reserved characters become _, . and # go.
        #expect(post.name == "It's {{ 模板 }}_ a_b_c.md")
    }

    @Test func postNamesFollowTheSeedBot() {
        #expect(HexoExporter.postName(title: "浙江支持山区26县跨越式高质量发展：力争2025年底各项贷款余额超2万亿")
            == "浙江支持山区26县跨越式高质量发展：力争2025年底各项贷款余额超2万亿.md")
        #expect(HexoExporter.postName(title: #"A: b/c\d?e*f"g<h>i|j[k]l“m”n.o#p"#) == "A_ b_c_d_e_f_g_h_i_j_k_l_m_nop.md")
        #expect(HexoExporter.postName(title: "第一行\n第二行") == "第一行_第二行.md")
        #expect(HexoExporter.postName(title: "...") == "untitled.md")
        #expect(HexoExporter.postName(title: String(repeating: "长", count: 200)).utf8.count <= 243)
    }

    @Test func aRetitledArticleReplacesItsOwnFileAndSameTitlesAreNumbered() async throws {
        let c = try await C()
        let dir = try TemporaryDirectory()
        let folder = dir.url.path
        let write = { (docs: [ExportDocument]) in
            try AtomicWriter.write(docs, into: folder, header: HexoExporter.header)
        }
        // The user's own post that happens to have the same name is not ours: it stays, ours is numbered.
        let mine = try dir.write("初稿标题.md", "---\ntitle: mine\n---\n")
        _ = try await c.add("sina", [C.article("x", "初稿标题")])
        try write(ExportRenderer.render(try await c.entries(), as: .hexo, context: .test()))
        var files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }.sorted()
        #expect(files == ["初稿标题-2.md", "初稿标题.md"])
        // Retitled: its new file replaces its own old one, nothing else.
        try await c.add("sina", [C.article("x", "改后标题", text: "新正文")], now: C.t0.addingTimeInterval(60))
        try write(ExportRenderer.render(try await c.entries(), as: .hexo, context: .test()))
        files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }.sorted()
        #expect(files == ["初稿标题.md", "改后标题.md"])
        #expect(try String(contentsOfFile: mine, encoding: .utf8) == "---\ntitle: mine\n---\n")
        // Another article with the same title gets a number; exporting both again changes no name.
        try await c.add("sina", [C.article("y", "改后标题", text: "另一篇")], now: C.t0.addingTimeInterval(120))
        try write(ExportRenderer.render(try await c.entries(), as: .hexo, context: .test()))
        try write(ExportRenderer.render(try await c.entries(), as: .hexo, context: .test()))
        files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }.sorted()
        #expect(files == ["初稿标题.md", "改后标题-2.md", "改后标题.md"])
    }

    /// The manifest is written by hand (streamed, in key order): names a title can give — quotes,
    /// backslashes, slashes, control characters, Chinese — must read back as they were written.
    @Test func theManifestReadsBackWhatWasWritten() throws {
        let dir = try TemporaryDirectory()
        let folder = dir.url.path
        let names = ["普通标题.md", #"引"号\反斜杠.md"#, "a/b.md", "控制\u{1}\u{1F}\u{2028}.md", "😀.md"]
        let posts = try PostFolder(folder, header: HexoExporter.header)
        for i in names.indices {
            try posts.write(ExportDocument(name: "p\(i).md", text: HexoExporter.header + "\n", articleId: Int64(i + 1)))
        }
        try posts.finish()
        var manifest = PostFolder.readManifest(folder + "/" + PostFolder.manifestName)
        #expect(manifest == Dictionary(uniqueKeysWithValues: names.indices.map { (String($0 + 1), "p\($0).md") }))
        // Odd names, written through the same writer, come back unchanged; so does an empty manifest.
        let odd = PostFolder.manifestText(Dictionary(uniqueKeysWithValues: names.enumerated().map { (String($0.offset), $0.element) }))
        try odd.write(toFile: folder + "/odd.json", atomically: true, encoding: .utf8)
        manifest = PostFolder.readManifest(folder + "/odd.json")
        #expect(manifest == Dictionary(uniqueKeysWithValues: names.enumerated().map { (String($0.offset), $0.element) }))
        #expect(try JSONSerialization.jsonObject(with: Data(odd.utf8)) as? [String: String] == manifest)
        #expect(PostFolder.manifestText([:]) == "{\n\n}\n")
    }
}
