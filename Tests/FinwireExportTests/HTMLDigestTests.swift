import FinwireExport
import FinwireModel
import FinwireStore
import FinwireTestSupport
import Foundation
import Testing

/// The HTML digest: one self-contained page, its summary table and chart, and nothing from a hostile feed
/// that could run or load.
@Suite struct HTMLDigestTests {
    typealias C = ExportCorpus

    @Test func onePageWithASummaryTableAChartAndTheStoriesByRegion() async throws {
        let (_, entries) = try await ExportFormatTests.corpus()
        let page = HTMLDigest(context: .test()).render(entries)
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"))
        #expect(page.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(page.contains("Content-Security-Policy\" content=\"default-src 'none'"))
        // Self-contained: no stylesheet, script, frame or image fetched from anywhere.
        for tag in ["<link", "<script", "<iframe", "<img", "src=\"http"] { #expect(!page.contains(tag), "\(tag)") }
        // The summary table: one row per region, with story and policy counts.
        #expect(page.contains("<tr><td><a href=\"#r0\">浙江省</a></td><td>2</td><td>2</td><td>普惠金融 1、绿色金融 1</td></tr>"))
        #expect(page.contains("<tr><td><a href=\"#r1\">Other / national</a></td><td>1</td><td>0</td><td></td></tr>"))
        // The chart: policy stories per region per day, both days drawn, 浙江省 in the legend with 2.
        #expect(page.contains("<svg class=\"chart\""))
        #expect(page.contains(">10-31</text>") && page.contains(">11-01</text>"))
        #expect(page.contains(">浙江省 (2)</text>"))
        // A story: link, revised marker, outlets, tags, lead, folded full text.
        #expect(page.contains("<a href=\"https://example.cn/qz\" rel=\"noopener noreferrer nofollow\">衢州发布普惠金融支持山区26县方案</a> <span class=\"revised\">revised</span>"))
        #expect(page.contains("新浪财经, 中新网财经 · <span class=\"pol\">policy</span>"))
        #expect(page.contains("<p class=\"lead\">衢州市地方金融监管局近日印发《方案》（修订）。</p>"))
        #expect(page.contains("<details><summary>Full text</summary>"))
        #expect(page.hasSuffix("</body>\n</html>\n"))
    }

    @Test func scriptsHandlersAndJavascriptURLsNeverReachThePage() async throws {
        let c = try await C()
        try await c.add("sina", [
            C.article(
                "evil", "<script>alert('title')</script>标题",
                text: "正文第一段",
                html: """
                    <p onclick="alert(1)">正文第一段</p><script>alert(2)</script>\
                    <img src="https://e.cn/x.png" onerror="alert(3)"><a href="javascript:alert(4)">链接</a>\
                    <iframe src="https://e.cn/"></iframe><style>body{display:none}</style>\
                    <a href="JaVaScRiPt:alert(5)">二</a><svg onload="alert(6)"></svg>
                    """,
                url: "javascript:alert(7)", tags: C.tags(regions: ["330100"], policy: 0.9))
        ])
        let entries = try await c.entries()
        let page = HTMLDigest(context: .test()).render(entries)
        let lower = page.lowercased()
        #expect(!lower.contains("<script"))
        #expect(!lower.contains("onerror") && !lower.contains("onclick") && !lower.contains("onload"))
        #expect(!lower.contains("javascript:"))
        #expect(!lower.contains("<iframe") && !lower.contains("display:none"))
        #expect(page.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;标题"))  // shown, inert
        #expect(page.contains("<h4>&lt;script&gt;"))  // a javascript: link is not linked at all
        // Markdown, Atom, JSON Lines and Hexo bodies are sanitized the same way by default.
        for format in [ExportFormat.jsonl, .atom, .hexo] {
            let text = ExportRenderer.render(entries, as: format, context: .test()).map(\.text).joined().lowercased()
            #expect(!text.contains("alert(2)") && !text.contains("alert(3)") && !text.contains("alert(4)"), "\(format)")
        }
        // --html raw is the user's explicit choice; even then the page's policy forbids scripts.
        let raw = HTMLDigest(context: .test(html: .raw)).render(entries)
        #expect(raw.contains("<script>alert(2)</script>") && raw.contains("script-src") == false)
        #expect(raw.contains("default-src 'none'"))
    }
}
