import FinwireModel
import FinwireParse
import FinwireTestSupport
import FinwireXML
import Foundation
import Testing

private let shanghai = TimeZone(identifier: "Asia/Shanghai")!

private func parse(_ fixture: String, zone: TimeZone = shanghai, url: String? = nil, contentType: String? = nil)
    throws -> ParsedFeed
{
    let options = ParseOptions(url: url.flatMap(URL.init(string:)), contentType: contentType, timeZone: zone)
    return FeedParser(options: options).parse(try Fixture.bytes(fixture))
}

private func iso(_ d: Date?) -> String? { d.map(ISODate.string) }

/// The same bytes through a streaming session, `size` bytes a push.
private func pushed(_ bytes: [UInt8], inChunksOf size: Int) -> ParsedFeed {
    let session = FeedParser(options: ParseOptions(timeZone: shanghai)).makeSession()
    var i = 0
    while i < bytes.count {
        session.push(Array(bytes[i..<min(i + size, bytes.count)]))
        i += size
    }
    return session.finish()
}

/// The parser's entity-expansion budget (FinwireXML.SAXReader.expansionBudget), restated for the test.
private enum SAXReaderBudget { static let bytes = 1 << 20 }

@Suite struct FeedParserTests {
    @Test func rss2ItemsComeOutInOrderWithBeijingTimeForZonelessDates() throws {
        let feed = try parse("feeds/rss2/sina-finance-roll.xml")
        #expect(!feed.bozo)
        #expect(feed.version == "rss20")
        #expect(feed.feed.title?.value == "新浪财经-国内财经")
        #expect(feed.feed.ttlMinutes == 15)
        #expect(feed.entries.count == 3)
        let first = feed.entries[0]
        #expect(first.id == "sina-iktzscyy4469123")
        #expect(first.link == "https://finance.sina.com.cn/china/2021-11-09/doc-iktzscyy4469123.shtml")
        // "2021-11-09 19:00:34" has no zone: read in the feed's zone (Beijing, +08:00).
        #expect(iso(first.published?.date) == "2021-11-09T11:00:34Z")
        #expect(first.published?.raw == "2021-11-09 19:00:34")
        #expect(first.summary?.value.contains("原标题：") == true)
        #expect(first.authors.first?.name == "21世纪经济报道")
        #expect(first.tags.first?.term == "地方金融")
        #expect(iso(feed.entries[1].published?.date) == "2021-11-09T10:30:00Z")
    }

    @Test func cstAndZonelessDatesInAChinaZoneFeedAreBeijingTime() throws {
        let china = try parse("feeds/rss2/cst-and-zoneless-dates.xml")
        #expect(iso(china.entries[0].published?.date) == "2021-11-09T11:00:34Z")  // CST = +08:00
        #expect(iso(china.entries[1].published?.date) == "2021-11-09T00:15:00Z")  // no zone: Beijing
        // Outside China's zones, CST keeps its US meaning (-06:00) and a zone-less date is read in that zone.
        let utc = try parse("feeds/rss2/cst-and-zoneless-dates.xml", zone: TimeZone(identifier: "UTC")!)
        #expect(iso(utc.entries[0].published?.date) == "2021-11-10T01:00:34Z")
        #expect(iso(utc.entries[1].published?.date) == "2021-11-09T08:15:00Z")
    }

    @Test func zonelessDatesUseTheConfiguredZone() throws {
        // Neither the parser's default (UTC) nor Beijing, so that a zone lost on the way would show.
        let tokyo = try parse("feeds/rss2/sina-finance-roll.xml", zone: TimeZone(identifier: "Asia/Tokyo")!)
        #expect(iso(tokyo.entries[0].published?.date) == "2021-11-09T10:00:34Z")
        let newYork = try parse("feeds/rss2/sina-finance-roll.xml", zone: TimeZone(identifier: "America/New_York")!)
        #expect(iso(newYork.entries[0].published?.date) == "2021-11-10T00:00:34Z")
    }

    @Test func atomResolvesXMLBaseAndUnwrapsXHTMLContent() throws {
        let feed = try parse("feeds/atom/pbc-news.atom")
        #expect(!feed.bozo)
        #expect(feed.version == "atom10")
        #expect(feed.feed.link == "https://www.pbc.gov.cn/goutongjiaoliu/113456/index.html")
        #expect(feed.feed.language == nil || feed.feed.language == "zh-CN")
        #expect(feed.feed.authors.first?.name == "中国人民银行")
        #expect(feed.entries.count == 2)
        let e = feed.entries[0]
        #expect(e.link == "https://www.pbc.gov.cn/goutongjiaoliu/113456/2021111016000012345/index.html")
        #expect(e.language == "zh-CN")
        #expect(iso(e.published?.date) == "2021-11-09T08:00:00Z")
        #expect(iso(e.updated?.date) == "2021-11-09T09:30:00Z")
        let content = try #require(e.content.first)
        #expect(content.type == "application/xhtml+xml")
        #expect(!content.value.contains("<div"))
        #expect(content.value.contains("<a href=\"https://www.pbc.gov.cn/goutongjiaoliu/113456/report.pdf\">全文</a>"))
        #expect(feed.entries[1].title?.type == "text/html")
        #expect(feed.entries[1].tags.first?.term == "货币政策")
    }

    @Test func rdfReadsDublinCoreAndRDFAbout() throws {
        let feed = try parse("feeds/rdf/stats-releases.rdf")
        #expect(!feed.bozo)
        #expect(feed.version == "rss10")
        #expect(feed.feed.title?.value == "国家统计局 最新发布")
        #expect(feed.entries.count == 2)
        #expect(feed.entries[0].id == "https://www.stats.gov.cn/sj/zxfb/202111/t20211110_1824456.html")
        #expect(iso(feed.entries[0].updated?.date) == "2021-11-10T01:30:00Z")
        #expect(feed.entries[0].authors.first?.name == "国家统计局城市司")
        #expect(feed.entries[1].content.first?.value.contains("13.5%") == true)
    }

    @Test func gb2312DeclaredFeedKeepsGBKOnlyCharacters() throws {
        // libxml2 decoding "gb2312" strictly would cut the title at 镕; GB18030 keeps it whole.
        let feed = try parse("feeds/encoding/gb2312-declared-gbk-bytes.xml")
        #expect(feed.encoding == "gb18030")
        #expect(feed.entries.count == 2)
        #expect(feed.entries[0].title?.value == "朱镕基与王喆谈金融改革：温州金融综合改革试验区")
        #expect(feed.entries[0].summary?.value == "温州金融改革，陶喆。")
        #expect(feed.entries[1].title?.value == "第二条：上海证监局")
    }

    @Test(arguments: ["utf-8", "gb2312"])
    func invalidBytesAreReplacedNeverCutTheRest(encoding: String) {
        // One stray byte (0xFF is invalid in both encodings) in the middle of the first title.
        let head = Array("<?xml version=\"1.0\" encoding=\"\(encoding)\"?><rss version=\"2.0\"><channel><item><title>".utf8)
        let tail = Array("after</title></item><item><title>second</title></item></channel></rss>".utf8)
        let feed = FeedParser().parse(head + Array("before".utf8) + [0xFF] + tail)
        #expect(feed.entries.count == 2)
        #expect(feed.entries.first?.title?.value == "before\u{FFFD}after")
        #expect(feed.entries.last?.title?.value == "second")
        #expect(feed.bozo)
        #expect(feed.bozoReason?.contains("replaced with U+FFFD") == true)
    }

    /// Whole UTF-8 documents are first parsed without finwire's own validation (libxml2 checks every sequence)
    /// and parsed again with it when libxml2 finds a bad one: wherever the bad bytes are, the result must be
    /// the one the always-validating push session gives.
    @Test(arguments: [
        ("text", Array("<title>one".utf8) + [0xFF] + Array("two</title>".utf8)),
        ("attribute", Array("<title>t</title><enclosure type=\"audio/mpeg\" url=\"http://x.example/a".utf8) + [0xFE]
            + Array(".mp3\" length=\"1\"/>".utf8)),
        ("cdata", Array("<description><![CDATA[<p>a".utf8) + [0xC0, 0xAF] + Array("b</p>]]></description>".utf8)),
        ("cdata 3-byte overlong", Array("<description><![CDATA[a".utf8) + [0xE0, 0x80, 0xAF] + Array("b]]></description>".utf8)),
        ("cdata 4-byte overlong", Array("<description><![CDATA[a".utf8) + [0xF0, 0x80, 0x80, 0xAF] + Array("b]]></description>".utf8)),
        ("cdata surrogate", Array("<description><![CDATA[a".utf8) + [0xED, 0xB0, 0x80] + Array("b]]></description>".utf8)),
        ("cdata truncated", Array("<description><![CDATA[\u{4E2D}".utf8) + [0xE6, 0x96] + Array("x]]></description>".utf8)),
        ("cdata stray", Array("<description><![CDATA[a".utf8) + [0xFF] + Array("b]]></description>".utf8)),
        ("surrogate", Array("<title>s".utf8) + [0xED, 0xA0, 0x80] + Array("s</title>".utf8)),
        ("truncated", Array("<title>\u{4E2D}".utf8) + [0xE6, 0x96] + Array("x</title>".utf8)),
        ("c1 control", Array("<title>don".utf8) + [0xC2, 0x92] + Array("t</title>".utf8)),
    ] as [(String, [UInt8])])
    func wholeDocumentsMatchTheValidatingPath(place: String, item: [UInt8]) {
        let bytes = Array("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><item>".utf8) + item
            + Array("</item><item><title>\u{540E}\u{6765}</title></item></channel></rss>".utf8)
        let session = FeedParser().makeSession()
        session.push(bytes)
        let validated = session.finish()
        let whole = FeedParser().parse(bytes)
        #expect(whole == validated, "\(place)")
        #expect(whole.entries.count == 2, "\(place)")
        #expect(whole.entries.last?.title?.value == "\u{540E}\u{6765}", "\(place)")
        #expect(whole.bozo == (place != "c1 control"), "\(place)")
    }

    @Test func c1ControlsBecomeWindows1252Punctuation() {
        let bytes = Array("<rss version=\"2.0\"><channel><item><title>don".utf8) + [0xC2, 0x92]
            + Array("t</title></item></channel></rss>".utf8)
        #expect(FeedParser().parse(bytes).entries.first?.title?.value == "don\u{2019}t")
    }

    @Test func httpCharsetOutranksTheDeclaration() throws {
        let bytes = Array("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>caf\u{e9}</title></channel></rss>".utf8)
        // The bytes are UTF-8 but the server says latin-1: the server wins (RFC 7303), and the result says
        // what each source declared.
        let feed = FeedParser(options: ParseOptions(contentType: "text/xml; charset=iso-8859-1")).parse(bytes)
        #expect(feed.encoding == "iso-8859-1")
        #expect(feed.declaredEncoding == "utf-8")
        #expect(feed.httpEncoding == "iso-8859-1")
        #expect(feed.encodingNote?.contains("XML declaration says utf-8") == true)
    }

    @Test func htmlEntitiesWithoutDTDAreDecodedAndLaterEntitiesSurvive() throws {
        let feed = try parse("feeds/hostile/html-entities-no-dtd.xml")
        #expect(feed.feed.title?.value == "证券时报\u{00A0}快讯")
        let e = try #require(feed.entries.first)
        // &nbsp; then &amp; in one title: both decoded, nothing after the first one dropped.
        #expect(e.title?.value == "央行—降准\u{00A0}0.5个百分点 & 降息…")
        #expect(e.link == "https://example.cn/a?x=1&y=2")
        #expect(e.summary?.value == "A\u{00A0}B © C & D")
    }

    @Test func externalEntitiesAreNeverRead() throws {
        let feed = try parse("feeds/hostile/xxe-external-entity.xml")
        let e = try #require(feed.entries.first)
        #expect(!(e.title?.value.contains("root:") ?? false))
        #expect(e.link == "https://example.cn/xxe")
    }

    @Test func billionLaughsExpandsNothing() throws {
        let feed = try parse("feeds/hostile/billion-laughs.xml")
        let e = try #require(feed.entries.first)
        #expect(e.title?.value == "&lol9;")  // nested declarations are never served; the reference stays text
        #expect(e.link == "https://example.cn/lol")
        #expect(feed.bozo)
        #expect(feed.bozoReason?.contains("not expanded") == true)
    }

    @Test func quadraticBlowupIsCappedAtTheExpansionBudget() throws {
        let feed = try parse("feeds/hostile/quadratic-blowup.xml")
        let e = try #require(feed.entries.first)
        let summary = try #require(e.summary?.value)
        #expect(summary.utf8.count < 2 * SAXReaderBudget.bytes)
        #expect(summary.hasPrefix("aaaa"))
        #expect(summary.hasSuffix("&a;"))
        #expect(feed.bozoReason?.contains("entity expansion capped") == true)
    }

    @Test func externalDTDsAreNeverFetched() throws {
        let feed = try parse("feeds/hostile/external-dtd.xml")
        #expect(feed.entries.first?.title?.value == "still here")
        #expect(!feed.bozo)  // refusing to load is our policy, not the document's fault
    }

    @Test func hundredThousandDeepNestingStopsWithAReason() {
        var doc = Array("<rss version=\"2.0\"><channel><title>deep</title><item><title>first</title></item>".utf8)
        doc += Array(repeating: Array("<x>".utf8), count: 100_000).flatMap { $0 }
        doc += Array(repeating: Array("</x>".utf8), count: 100_000).flatMap { $0 }
        doc += Array("</channel></rss>".utf8)
        let feed = FeedParser().parse(doc)
        #expect(feed.bozo)
        #expect(feed.bozoReason?.contains("depth") == true)
        #expect(feed.entries.first?.title?.value == "first")
    }

    @Test func controlCharactersAndBareAmpersandsAreRepaired() {
        let doc = Array(
            "<rss version=\"2.0\"><channel><item><title>A\u{1}B &amp; C & D</title><link>https://a.cn/?x=1&y=2</link></item></channel></rss>"
                .utf8)
        let feed = FeedParser().parse(doc)
        #expect(feed.entries.first?.title?.value == "AB & C & D")
        #expect(feed.entries.first?.link == "https://a.cn/?x=1&y=2")
        #expect(feed.bozo)
    }

    /// Regression fixtures from the fuzzer (Fuzz/run.sh): each once crashed the parser.
    @Test(arguments: ["feeds/fuzz/date-with-25-digit-number.xml"])
    func fuzzFindingsParse(fixture: String) throws {
        let feed = try parse(fixture)
        #expect(feed.entries.count == 2)
        #expect(feed.entries[0].published?.date == nil)
        #expect(iso(feed.entries[1].published?.date) == "2021-11-09T19:00:34Z")
    }

    /// Differential findings from the fuzzer: the whole-document path must give the validating session's result.
    @Test(arguments: [
        "feeds/fuzz/invalid-byte-before-the-root.xml", "feeds/fuzz/control-characters-inside-a-broken-sequence.xml",
        "feeds/hostile/truncated-mid-item.xml",
    ])
    func fuzzFindingsMatchTheValidatingPath(fixture: String) throws {
        let bytes = try Fixture.bytes(fixture)
        let session = FeedParser().makeSession()
        session.push(bytes)
        #expect(FeedParser().parse(bytes) == session.finish())
    }

    @Test func truncatedDocumentKeepsTheCompleteItems() throws {
        let feed = try parse("feeds/hostile/truncated-mid-item.xml")
        #expect(feed.bozo)
        #expect(feed.bozoReason?.isEmpty == false)
        #expect(feed.entries.count == 3)
        #expect(feed.entries[2].title?.value == "浙江山区26县金融服务共同富裕实施方案出台")
    }

    @Test(arguments: [1, 7, 64, 4096])
    func pushingInChunksGivesTheSameResult(chunkSize: Int) throws {
        let bytes = try Fixture.bytes("feeds/rss2/sina-finance-roll-later.xml")
        let whole = FeedParser(options: ParseOptions(timeZone: shanghai)).parse(bytes)
        #expect(pushed(bytes, inChunksOf: chunkSize) == whole)
        #expect(whole.entries.count == 5)
    }

    /// EBCDIC feeds (XML 1.0 Appendix F: "<?xm" as 4C 6F A7 94): the declaration read as IBM037 names the page.
    @Test func ebcdicFeedsAreDecoded() throws {
        let feed = try parse("feeds/encoding/ebcdic-ibm1140.xml")
        #expect(feed.encoding == "ibm1140")
        #expect(!feed.bozo)
        #expect(feed.feed.title?.value == "Zürich € Ölpreis")
        #expect(feed.entries.map { $0.title?.value } == ["Straße ¢ 1", "zwei"])
    }

    /// 8-bit code pages over their upper half, each checked at characters only that page has there.
    @Test(arguments: [
        ("windows-1251", [0x80, 0xC0, 0xFF], "ЂАя"), ("windows-1250", [0x80, 0xC0, 0xFE], "€Ŕţ"),
        ("windows-1258", [0x80, 0xC3, 0xFE], "€Ă₫"), ("koi8-r", [0x80, 0xC1, 0xFE], "─аЧ"),
        ("koi8-u", [0xA4, 0xB4], "єЄ"), ("iso-8859-5", [0xB0, 0xEF], "Ая"), ("iso-8859-7", [0xC1, 0xF9], "Αω"),
        ("macintosh", [0x80, 0xC0, 0xFE], "Ä¿˛"), ("x-mac-cyrillic", [0x80, 0xDF], "Ая"),
    ])
    func eightBitCodePagesDecodeTheirUpperHalf(page: String, bytes: [Int], expected: String) throws {
        let doc = Array("<?xml version=\"1.0\" encoding=\"\(page)\"?><rss version=\"2.0\"><channel><title>".utf8)
            + bytes.map(UInt8.init) + Array("</title></channel></rss>".utf8)
        let feed = FeedParser(options: ParseOptions(timeZone: shanghai)).parse(doc)
        #expect(feed.feed.title?.value == expected, "\(page)")
        #expect(!feed.bozo, "\(page): \(feed.bozoReason ?? "")")
    }

    /// Real CMS feeds put control characters inside CDATA, where libxml2 stops the whole document: every entry
    /// was lost. Removed before libxml2 sees them — the same whole or pushed in chunks of any size.
    @Test(arguments: [1, 3, 64, 100_000])
    func controlCharactersInsideCDATALoseNoEntry(chunkSize: Int) throws {
        let bytes = try Fixture.bytes("feeds/broken/control-characters-in-cdata.xml")
        let whole = FeedParser(options: ParseOptions(timeZone: shanghai)).parse(bytes)
        #expect(whole.entries.count == 10)
        #expect(whole.bozo && whole.bozoReason?.contains("3 bare '&', stray '<' or control characters repaired") == true)
        #expect(whole.entries[2].summary?.value.contains("第3条正文，含退格符") == true)
        #expect(whole.entries[4].title?.value == "第5条：标题里有退格符")
        #expect(whole.entries[6].summary?.value.contains("第7条正文，含设备控制符") == true)
        #expect(pushed(bytes, inChunksOf: chunkSize) == whole)
    }

    /// `<草根网>` in a title is text, not an element: no feed has elements with non-ASCII names.
    @Test func anUnescapedLessThanBeforeANonASCIINameIsText() throws {
        let feed = try parse("feeds/broken/unescaped-lt-in-title.xml")
        #expect(feed.entries.count == 3)
        #expect(feed.entries[0].title?.value == "转载自<草根网>：地方债发行提速")
        #expect(feed.entries[1].summary?.value.contains("</草根网> 结束") == true)
        #expect(feed.bozo)
    }

    @Test func seedArticleTextLeavesSinaBoilerplateOut() throws {
        let feed = try parse("feeds/rss2/sina-seed-article.xml")
        let body = try #require(feed.entries.first?.summary?.value)
        let extracted = HTMLText(html: body)
        #expect(extracted.text.hasPrefix("原标题：浙江支持山区26县跨越式高质量发展"))
        #expect(extracted.text.hasSuffix("（作者：李愿）"))
        #expect(!extracted.text.contains("责任编辑"))
        #expect(!extracted.text.contains("新浪财经APP"))
        #expect(!extracted.text.contains("appendQr"))  // the <style> block
        // The QR image still counts as the body's first image: the seed's headimg/thumbnail is that image.
        #expect(extracted.firstImage == "https://n.sinaimg.cn/finance/cece9e13/20200514/343233024.png")
    }

    @Test func streamingSessionHandsEntriesOverAndKeepsNone() throws {
        let bytes = try Fixture.bytes("feeds/rss2/sina-finance-roll-later.xml")
        var titles: [String] = []
        let session = FeedParser(options: ParseOptions(timeZone: shanghai)).makeStreamingSession { entry in
            titles.append(entry.title?.value ?? "")
        }
        var i = 0
        while i < bytes.count {
            session.push(Array(bytes[i..<min(i + 100, bytes.count)]))
            i += 100
        }
        let feed = session.finish()
        #expect(titles.count == 5)
        #expect(titles.first == "广东：粤港澳大湾区跨境理财通试点扩容")
        #expect(feed.entries.isEmpty)
        #expect(feed.feed.title?.value == "新浪财经-国内财经")
        #expect(!feed.bozo)
    }

    @Test func jsonFeedIsRead() throws {
        let feed = try parse("feeds/json/jsonfeed-11.json")
        #expect(feed.version == "json11")
        #expect(feed.entries.first?.title?.value == "沪深300指数收涨1.2%")
        #expect(iso(feed.entries.first?.published?.date) == "2021-11-10T07:00:00Z")
    }

    @Test func anItemNestedInAnItemNeitherEmptiesNorDropsEither() {
        // FeedBurner wrote an empty `<item />` inside each of PCMag's items: the outer item keeps its fields.
        let empty = FeedParser().parse(Array("""
            <rss version="2.0"><channel><item><title>one</title><description>d</description><item />\
            <link>http://x.example/1</link></item><item><title>two</title><item></item></item></channel></rss>
            """.utf8))
        #expect(empty.entries.map(\.title?.value) == ["one", "two"])
        #expect(empty.entries.first?.link == "http://x.example/1")
        #expect(empty.entries.first?.summary?.value == "d")
        // An inner item that holds something is an entry of its own, and the outer one goes on after it.
        let full = FeedParser().parse(Array("""
            <rss version="2.0"><channel><item><title>outer</title><item><title>inner</title></item>\
            <guid>o</guid></item></channel></rss>
            """.utf8))
        #expect(full.entries.map(\.title?.value) == ["inner", "outer"])
        #expect(full.entries.last?.id == "o")
    }

    @Test func anAtomFeedWrappedInAnXHTMLPageIsRead() {
        // A real Atom feed (tablix.org) came inside `<html><body>`: the page's body is not the feed's content.
        let feed = FeedParser().parse(Array("""
            <?xml version="1.0" encoding="utf-8"?>
            <html xmlns="http://www.w3.org/1999/xhtml"><body><feed xmlns="http://www.w3.org/2005/Atom">\
            <title>Blog</title><entry><title>Down time</title><id>e1</id>\
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>text</p></div></content>\
            </entry></feed></body></html>
            """.utf8))
        #expect(feed.version == "atom10")
        #expect(feed.feed.title?.value == "Blog")
        #expect(feed.entries.map(\.title?.value) == ["Down time"])
        #expect(feed.entries.first?.content.first?.value == "<p>text</p>")
        // An XHTML page with no feed in it is still no feed.
        let page = FeedParser().parse(Array("""
            <html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head><body><p>x</p></body></html>
            """.utf8))
        #expect(page.entries.isEmpty)
        #expect(page.version.isEmpty)
    }

    @Test func garbageIsBozoWithNoEntries() {
        let feed = FeedParser().parse(Array("this is not a feed".utf8))
        #expect(feed.bozo)
        #expect(feed.entries.isEmpty)
    }

    @Test func jsonOutputFollowsTheConformanceSchemaAndSanitizes() throws {
        let json = try parse("feeds/rdf/stats-releases.rdf").jsonValue().serialized()
        #expect(json.hasPrefix("{\"bozo\":false,\"encoding\":\"utf-8\",\"declared_encoding\":\"UTF-8\",\"version\":\"rss10\",\"feed\":{"))
        #expect(json.contains("\"updated\":\"2021-11-10T01:30:00Z\""))
        #expect(json.contains("\"updated_raw\":\"2021-11-10T09:30:00+08:00\""))
        #expect(!json.contains("<script"))
        #expect(json.contains("同比上涨13.5%"))
    }
}
