@testable import FinwireExport
import FinwireModel
import FinwireStore
import FinwireTag
import FinwireTestSupport
@testable import FinwireXML
import Foundation
import Testing

/// The export streams: entries leave the store one at a time and are written as they come, stories stay
/// whole across many rows, and what the digests park on disk comes back in their order.
@Suite struct ExportStreamingTests {
    typealias C = ExportCorpus

    /// 40 stories of three copies (one per feed, published minutes apart in an order unlike their ids) and
    /// 30 articles of their own, interleaved in time.
    static func manyStories() async throws -> (C, stories: [[Int64]], singles: [Int64]) {
        let c = try await C()
        var stories: [[Int64]] = []
        var singles: [Int64] = []
        for i in 0..<40 {
            let base = C.t0.addingTimeInterval(Double((i * 7) % 40) * 600)
            var ids: [Int64] = []
            for (k, feed) in ["gov", "sina", "chinanews"].enumerated() {
                let at = base.addingTimeInterval(Double(k * 60))
                ids += try await c.add(feed, [C.article("s\(i)-\(feed)", "故事\(i)（\(feed)）", published: at)], now: at)
            }
            try await c.cluster(ids)
            stories.append(ids)
            if i < 30 {
                let at = base.addingTimeInterval(300)
                singles += try await c.add("sina", [C.article("single\(i)", "单条\(i)", published: at)], now: at)
            }
        }
        return (c, stories, singles)
    }

    @Test func storiesStayWholeAndInOrderAcrossManyRows() async throws {
        let (c, stories, singles) = try await Self.manyStories()
        let entries = try await c.entries()
        #expect(entries.count == stories.count + singles.count)
        // Oldest first by the shown copy's time, then id.
        let keys = entries.map { ($0.time, $0.article.id) }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 })
        // Every story is one entry with its three copies, first seen first, shown by its canonical copy.
        for ids in stories {
            let entry = try #require(entries.first { e in e.copies.contains { $0.id == ids[0] } })
            #expect(entry.copies.map(\.id) == ids)
            #expect(entry.outlets == ["浙江省人民政府", "新浪财经", "中新网财经"])
            #expect(entry.article.id == (try await c.store.canonicalArticle(ofStory: try #require(entry.storyId))))
            #expect(!entry.article.article.text.isEmpty)
            #expect(entry.copies.filter { $0.id != entry.article.id }.allSatisfy { $0.article.text.isEmpty })
        }
        #expect(Set(entries.filter { $0.copies.count == 1 }.map(\.article.id)) == Set(singles))
        // One feed selected: its copy is shown, the other outlets still listed.
        var gov = ExportFilter()
        gov.feedIds = ["gov"]
        let govEntries = try await c.entries(gov)
        #expect(govEntries.map(\.article.id).sorted() == stories.map { $0[0] }.sorted())
        #expect(govEntries.allSatisfy { $0.copies.count == 3 })
        // --all-copies: each copy an entry, with its story's copies; a limit keeps the newest.
        let copies = try await c.entries(stories: false)
        #expect(copies.count == stories.count * 3 + singles.count)
        let limited = try await c.entries(stories: false, limit: 5)
        #expect(limited.map(\.article.id) == copies.suffix(5).map(\.article.id))
        let newestStories = try await c.entries(limit: 3)
        #expect(newestStories.map(\.article.id) == entries.suffix(3).map(\.article.id))
    }

    /// The first line reaches the output while the store is still reading: when the sink first writes,
    /// one entry of 70 has left the store.
    @Test func entriesAreWrittenAsTheStoreReadsThem() async throws {
        let (c, stories, singles) = try await Self.manyStories()
        let probe = try await c.store.firstWrite()
        #expect(probe.total == stories.count + singles.count)
        // JSON Lines are rendered a group behind the reading (groups of 1, 2, 4…): the first line is
        // written once the second group is full, long before the selection ends.
        #expect(probe.readWhenFirstWritten == 3)
        #expect(probe.total > 10)
        #expect(probe.read == probe.total)
    }

    @Test func anErrorFromTheWriterEndsTheReadAndItsTransaction() async throws {
        let (c, _, _) = try await Self.manyStories()
        struct Stop: Error {}
        await #expect(throws: Stop.self) { try await c.store.stopAfterOne(Stop()) }
        // The read transaction was rolled back: the store writes again at once.
        try await c.store.advanceCursor("daily", to: 1)
        #expect(try await c.store.cursorPosition("daily") == 1)
    }

    @Test func spooledChainsComeBackNewestFirst() throws {
        let spool = try Spool()
        var last: [Int64?] = [nil, nil, nil]
        // Enough bytes to cross the write buffer more than once.
        let filler = String(repeating: "正文", count: 20_000)
        for i in 0..<150 { last[i % 3] = try spool.append("\(i)|" + (i % 10 == 0 ? filler : ""), after: last[i % 3]) }
        for chain in 0..<3 {
            var seen: [Int] = []
            try spool.readBackwards(from: last[chain]) { text in
                seen.append(Int(text.prefix { $0 != "|" })!)
                if seen.last! % 10 == 0 { #expect(text.hasSuffix(filler)) }
            }
            #expect(seen == Array(stride(from: 149 - (149 - chain) % 3, through: 0, by: -3)))
        }
        try spool.readBackwards(from: nil) { _ in Issue.record("an empty chain has no records") }
    }

    @Test func digestsGroupManyEntriesWithCountsFirstAndNewestFirstInEachTopic() async throws {
        let c = try await C()
        let regions = ["330800", "330100", "320000", "110000"]
        let topics = ["inclusive", "green", "credit"]
        for i in 0..<60 {
            let at = C.t0.addingTimeInterval(Double(i) * 60)
            try await c.add("sina", [
                C.article(
                    "a\(i)", "文章\(i)", published: at,
                    tags: C.tags(regions: i % 5 == 4 ? [] : [regions[i % 4]], topics: [topics[i % 3]], policy: i % 2 == 0 ? 0.9 : 0.1))
            ], now: at)
        }
        let md = MarkdownDigest(context: .test()).render(try await c.entries())
        #expect(md.contains("*60 stories (30 policy) · published "))
        var counts: [String: Int] = [:]
        var heading = ""
        var times: [String: [Int]] = [:]
        for line in md.split(separator: "\n") {
            if line.hasPrefix("## ") || line.hasPrefix("### ") {
                heading = line.hasPrefix("## ") ? String(line) : heading.components(separatedBy: " ▸ ")[0] + " ▸ " + line
                counts[heading] = Int(line.split(separator: " ").last!)!
            } else if line.hasPrefix("- **[文章") {
                let n = Int(line.dropFirst("- **[文章".count).prefix { $0.isNumber })!
                times[heading, default: []].append(n)
            }
        }
        let topicHeadings = counts.keys.filter { $0.contains(" ▸ ") }
        #expect(topicHeadings.reduce(0) { $0 + counts[$1]! } == 60)
        for h in topicHeadings {
            #expect(times[h]?.count == counts[h], "\(h)")
            #expect(times[h] == times[h]?.sorted(by: >), "\(h): newest first")
        }
        // Regions by story count, "Other / national" last.
        let regionLines = md.split(separator: "\n").filter { $0.hasPrefix("## ") }.map(String.init)
        #expect(regionLines.last?.hasPrefix("## Other / national · 12") == true)
        let regionCounts = regionLines.dropLast().map { Int($0.split(separator: " ").last!)! }
        #expect(regionCounts == regionCounts.sorted(by: >))
    }

    @Test func jsonLinesAreTheBytesJSONValueWrote() async throws {
        let (_, entries) = try await ExportFormatTests.corpus()
        let exporter = JSONLinesExporter(sanitize: { h, _ in h })
        var odd = entries[0]
        odd.article.article.title = "引号\"反斜杠\\换行\n回车\r制表\t控制\u{1}\u{1F}分隔\u{2028}\u{2029}/斜杠\u{7F}😀"
        odd.article.feedTitle = nil
        odd.article.policyScore = 0.1 + 0.2
        odd.article.tagsJSON = nil
        for e in entries + [odd] { #expect(exporter.line(e) == Self.lineAsBefore(e)) }
        #expect(exporter.line(odd).contains("引号\\\"反斜杠\\\\换行\\n回车\\r制表\\t控制\\u0001\\u001f分隔\\u2028\\u2029/斜杠\u{7F}😀"))
    }

    /// The line as `JSONLinesExporter` built it before it wrote bytes itself (sanitizer left out).
    static func lineAsBefore(_ e: ExportEntry) -> String {
        let s = e.article
        let a = s.article
        var o = JSONObjectBuilder()
        o.set("id", .int(Int(s.id)))
        o.set("feed", s.feedId)
        o.set("feed_title", s.feedTitle)
        o.set("identity", a.identity)
        o.set("guid", a.guid)
        o.set("url", a.url)
        o.set("title", a.title)
        o.set("author", a.author)
        o.set("published", a.published.map(ISODate.string))
        o.set("updated", a.updated.map(ISODate.string))
        o.set("first_seen", ISODate.string(s.firstSeen))
        o.set("last_seen", ISODate.string(s.lastSeen))
        o.set("changed", ISODate.string(s.changed))
        o.set("categories", .array(a.categories.map { .string($0) }))
        o.set("feed_categories", .array(s.feedCategories.map { .string($0) }))
        o.set("image", a.imageURL)
        o.set("html", a.html)
        o.set("text", a.text)
        o.set("content_hash", a.contentHash)
        o.set("tags", s.tagsJSON.map { JSONValue.raw($0) } ?? .null)
        o.set("policy_score", s.policyScore.map { JSONValue.double($0) } ?? .null)
        o.set("is_policy", s.isPolicy.map { JSONValue.bool($0) } ?? .null)
        o.set("kind", s.kind.map { JSONValue.string($0) } ?? .null)
        o.set("story", e.storyId.map { JSONValue.int(Int($0)) })
        o.set("cluster", e.storyId.map { JSONValue.int(Int($0)) })
        o.set("revised", .bool(e.revised))
        o.set("outlets", .array(e.outlets.map { .string($0) }))
        o.set(
            "copies",
            .array(
                e.copies.map { c in
                    var x = JSONObjectBuilder()
                    x.set("id", .int(Int(c.id)))
                    x.set("feed", c.feedId)
                    x.set("feed_title", c.feedTitle)
                    x.set("url", c.article.url)
                    x.set("published", c.article.published.map(ISODate.string))
                    x.set("first_seen", ISODate.string(c.firstSeen))
                    return x.value
                }))
        return o.value.serialized()
    }

    @Test func leadsAreWhatTheWholeTextSplitGave() {
        func before(_ a: Article) -> [String] {
            var out: [String] = []
            for raw in a.text.split(whereSeparator: \.isNewline) {
                let line = raw.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\u{3000}\u{00A0}")))
                if line.isEmpty || line.hasPrefix("原标题") || line == a.title { continue }
                out.append(Lead.cut(line, 80))
                if out.count == 2 { break }
            }
            return out
        }
        let texts = [
            "", "一段", "\n\n", "标题\n原标题：x\n　　第一段。\r\n\t第二段\u{2028}第三段",
            "\u{A0} 前后空白 \u{3000}\n\u{85}" + String(repeating: "很长的一段文字。", count: 30) + "\r\n 结尾 ",
            " \u{301}组合符\u{000B}换页\u{000C}末段",
            "\u{200B}零宽空格\u{200B}\n\u{200B}\n\u{2009}第二段\u{FEFF}",
        ]
        for t in texts {
            let a = C.article("x", "标题", text: t)
            var raw = a
            raw.text = t
            #expect(Lead.lines(raw) == before(raw), "\(Array(t.unicodeScalars))")
        }
    }

    @Test func theSanitizersTrimIsFoundations() {
        let spaces = ["", " ", "\t\n\r\u{0B}\u{0C}", "\u{85}", "\u{A0}", "\u{3000}", "\u{2028}\u{2029}", "\u{200B}", "\u{FEFF}", "\u{1680}\u{202F}"]
        for a in spaces {
            for b in spaces {
                for core in ["", "x", "<p>正文</p>", "a \u{3000} b"] {
                    let s = a + core + b
                    #expect(HTMLSanitizer.trimmed(s) == s.trimmingCharacters(in: .whitespacesAndNewlines), "\(Array(s.unicodeScalars))")
                }
            }
        }
    }
}

extension SQLiteStore {
    /// Writes a JSON Lines export into a sink that flushes every line, noting how many entries the store had
    /// handed over when the first bytes were written.
    func firstWrite() throws -> (total: Int, read: Int, readWhenFirstWritten: Int?) {
        var read = 0
        var readWhenFirstWritten: Int?
        let sink = TextSink(flushingEvery: 1) { _ in
            if readWhenFirstWritten == nil { readWhenFirstWritten = read }
        }
        let writer = try ExportRenderer.writer(.jsonl, context: .test(), to: sink)
        let info = try readExport(ExportFilter()) { g in
            read += 1
            try writer.add(.of(shown: g.shown, copies: g.copies, revised: g.revised, tags: false))
        }
        try writer.finish()
        return (info.total, read, readWhenFirstWritten)
    }

    /// An export whose writer fails on the first entry.
    func stopAfterOne(_ error: some Error) throws {
        try readExport(ExportFilter()) { _ in throw error }
    }
}
