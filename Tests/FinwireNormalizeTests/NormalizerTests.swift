import FinwireModel
import FinwireNormalize
import FinwireXML
import Foundation
import Testing

private func entry(
    id: String? = nil, link: String? = nil, title: String = "标题", summary: String? = nil, content: String? = nil
) -> ParsedEntry {
    var e = ParsedEntry()
    e.id = id
    e.link = link
    e.title = TextConstruct(type: "text/plain", value: title)
    e.summary = summary.map { TextConstruct(type: "text/html", value: $0) }
    if let content { e.content = [TextConstruct(type: "text/html", value: content)] }
    e.published = FeedDate(raw: "2021-11-09 19:00:34", date: Date(timeIntervalSince1970: 1_636_455_634))
    return e
}

@Suite struct NormalizerTests {
    let normalizer = Normalizer()

    @Test func identityPrefersGuidThenLinkThenHash() {
        #expect(normalizer.article(from: entry(id: " g-1 ", link: "https://a.cn/1"), feed: ParsedFeed()).identity == "guid:g-1")
        #expect(
            normalizer.article(from: entry(link: "HTTPS://A.CN/1.html#top"), feed: ParsedFeed()).identity
                == "url:https://a.cn/1.html")
        let hashed = normalizer.article(from: entry(title: "无链接"), feed: ParsedFeed()).identity
        #expect(hashed.hasPrefix("hash:"))
        #expect(hashed == normalizer.article(from: entry(title: "无链接"), feed: ParsedFeed()).identity)
        #expect(hashed != normalizer.article(from: entry(title: "另一条"), feed: ParsedFeed()).identity)
    }

    @Test func contentOutranksSummaryAndTextIsExtracted() {
        let a = normalizer.article(
            from: entry(
                id: "1", link: "https://a.cn/x/1.html", summary: "<p>摘要</p>",
                content: "<p>正文&nbsp;第一段</p><script>track()</script><p>第二段<img src=\"../i.png\"></p>"),
            feed: ParsedFeed())
        #expect(a.html.hasPrefix("<p>正文"))
        #expect(a.text == "正文 第一段\n第二段")  // NBSP collapses to a space in plain text
        #expect(a.imageURL == "https://a.cn/i.png")
        #expect(a.published == Date(timeIntervalSince1970: 1_636_455_634))
    }

    @Test func contentHashChangesWithTheBodyOnly() {
        let one = normalizer.article(from: entry(id: "1", summary: "<p>a</p>"), feed: ParsedFeed())
        let same = normalizer.article(from: entry(id: "1", summary: "<p>a</p>"), feed: ParsedFeed())
        let revised = normalizer.article(from: entry(id: "1", summary: "<p>b</p>"), feed: ParsedFeed())
        #expect(one.contentHash == same.contentHash)
        #expect(one.contentHash != revised.contentHash)
    }

    @Test func sanitizerKeepsStructureAndDropsScriptsHandlersAndUnsafeURLs() {
        let html = """
            <p onclick="x()">文<b>本</b><script>evil()</script><a href="javascript:alert(1)">坏</a>\
            <a href="/ok">好</a><img src="data:image/png;base64,xx"><iframe src="https://x"></iframe></p>
            """
        let out = HTMLSanitizer.sanitize(html, base: URL(string: "https://a.cn/news/1.html"))
        // Unsafe URLs are emptied rather than dropped, as feed readers have always done.
        #expect(out == "<p>文<b>本</b><a href=\"\">坏</a><a href=\"https://a.cn/ok\">好</a><img src=\"\" /></p>")
    }
}
