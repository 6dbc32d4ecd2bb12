import FinwireExport
import FinwireModel
import FinwireStore
import FinwireTestSupport
import Foundation
import Testing

/// `--cursor NAME`: what is new or revised since the last successful export, with neither repeats nor gaps.
/// The command's order is select → write → advance; these tests drive the store through the same steps.
@Suite struct ExportCursorTests {
    typealias C = ExportCorpus

    /// One cursor export: what it selects, then the cursor moves to the read's position.
    func run(_ c: C, _ name: String = "daily", stories: Bool = true) async throws -> [String] {
        let after = try await c.store.cursorPosition(name) ?? 0
        let s = try await c.store.exported(after: after, stories: stories)
        try await c.store.advanceCursor(name, to: s.position)
        return s.entries.map(\.article.article.title)
    }

    @Test func twoRunsNeverRepeatAndNewArticlesCome() async throws {
        let c = try await C()
        try await c.add("sina", [C.article("a", "第一条"), C.article("b", "第二条")])
        #expect(try await c.store.cursorPosition("daily") == nil)
        #expect(try await run(c).count == 2)
        #expect(try await run(c).isEmpty)
        try await c.add("sina", [C.article("c", "第三条")], now: C.t0.addingTimeInterval(3600))
        #expect(try await run(c) == ["第三条"])
        #expect(try await run(c).isEmpty)
        // Cursors are independent: another name starts from the beginning.
        #expect(try await run(c, "weekly").count == 3)
    }

    @Test func aRevisedArticleComesAgainButASeenUnchangedOneDoesNot() async throws {
        let c = try await C()
        try await c.add("sina", [C.article("a", "原稿"), C.article("b", "不变")])
        _ = try await run(c)
        // The feed sends both again: one revised, one the same.
        try await c.add("sina", [C.article("a", "原稿（更新）", text: "修订后的正文"), C.article("b", "不变")], now: C.t0.addingTimeInterval(600))
        let position = try #require(try await c.store.cursorPosition("daily"))
        let again = try await c.entries(after: position)
        #expect(again.map(\.article.article.title) == ["原稿（更新）"])
        #expect(again[0].revised)
        #expect(try await c.entries().first { $0.article.article.guid == "b" }?.revised == false)
        #expect(try await run(c) == ["原稿（更新）"])
        #expect(try await run(c).isEmpty)
    }

    @Test func aRevisionCommittedDuringAnExportComesWithTheNextOne() async throws {
        let c = try await C()
        try await c.add("sina", [C.article("a", "原稿")])
        // The export reads its snapshot …
        let s = try await c.store.exported(after: 0)
        #expect(s.entries.count == 1)
        // … the daemon revises the article while the export is being written …
        try await c.add("sina", [C.article("a", "改稿", text: "新的正文")], now: C.t0)  // even within the same second
        #expect(try await c.entries().first?.revised == true)
        // … and the export finishes and moves its cursor to what it read, not to what exists now.
        try await c.store.advanceCursor("daily", to: s.position)
        #expect(try await run(c) == ["改稿"])
    }

    @Test func aFailedWriteLeavesTheCursorWhereItWas() async throws {
        let c = try await C()
        try await c.add("sina", [C.article("a", "第一条")])
        let s = try await c.store.exported(after: 0)
        // The write fails (the command then exits 1 without advancing; see ExportCommandTests for the binary).
        #expect(throws: AtomicWriter.WriteError.self) {
            try AtomicWriter.write("x", to: c.dir.path("no-such-folder/digest.md"))
        }
        #expect(s.entries.count == 1)
        #expect(try await run(c) == ["第一条"])
    }

    @Test func aNewCopyOfAnExportedStoryIsNotNewsButARevisionIs() async throws {
        let c = try await C()
        let first = try await c.add("sina", [C.article("s", "浙江出台山区26县金融方案")])
        try await c.cluster(first)
        #expect(try await run(c) == ["浙江出台山区26县金融方案"])
        // Another outlet carries the same story: the story is not exported again …
        let copy = try await c.add("chinanews", [C.article("n", "浙江：山区26县金融方案出台")], now: C.t0.addingTimeInterval(60))
        try await c.cluster(first + copy)
        let position = try #require(try await c.store.cursorPosition("daily"))
        #expect(try await c.entries(after: position).isEmpty)
        // … though --all-copies lists the new copy, once.
        #expect(try await c.entries(after: position, stories: false).map(\.article.id) == copy)
        #expect(try await run(c).isEmpty)
        // A revision of any copy brings the story back, with both outlets.
        try await c.add("chinanews", [C.article("n", "浙江：山区26县金融方案出台（更新）", text: "更新")], now: C.t0.addingTimeInterval(120))
        let moved = try #require(try await c.store.cursorPosition("daily"))
        let revised = try await c.entries(after: moved)
        #expect(revised.count == 1 && revised[0].outlets == ["新浪财经", "中新网财经"] && revised[0].revised)
        #expect(try await run(c).count == 1)
        // A story whose every copy is new comes once, even when two copies arrive in one run.
        let a = try await c.add("sina", [C.article("x", "新故事")], now: C.t0.addingTimeInterval(180))
        let b = try await c.add("gov", [C.article("y", "新故事（官方）")], now: C.t0.addingTimeInterval(180))
        try await c.cluster(a + b)
        #expect(try await run(c).count == 1)
    }

    @Test func aLateCopyOfAStoryExportedLastWeekIsNotNewsEitherWithASinceWindow() async throws {
        let c = try await C()
        let old = C.t0.addingTimeInterval(-8 * 86_400)
        let first = try await c.add("sina", [C.article("s", "上周的故事", published: old)], now: old)
        try await c.cluster(first)
        var lastWeek = ExportFilter()
        lastWeek.since = old.addingTimeInterval(-86_400)
        let s1 = try await c.store.exported(lastWeek, after: 0)
        #expect(s1.entries.count == 1)
        try await c.store.advanceCursor("daily", to: s1.position)
        // Today another outlet copies it; the timer's window (--since 7d) no longer holds the first copy.
        let copy = try await c.add("chinanews", [C.article("n", "上周的故事（转载）", published: C.t0)])
        try await c.cluster(first + copy)
        var thisWeek = ExportFilter()
        thisWeek.since = C.t0.addingTimeInterval(-7 * 86_400)
        #expect(try await c.entries(thisWeek, after: s1.position).isEmpty)
    }

    @Test func theCursorNeverMovesBackwards() async throws {
        let c = try await C()
        try await c.store.advanceCursor("daily", to: 10)
        try await c.store.advanceCursor("daily", to: 4)
        #expect(try await c.store.cursorPosition("daily") == 10)
    }

    @Test func prunedArticlesDoNotGiveTheirSequenceBack() async throws {
        let c = try await C()
        let old = C.t0.addingTimeInterval(-400 * 86_400)
        try await c.add("sina", [C.article("old", "旧闻", published: old)], now: old)
        _ = try await run(c)
        #expect(try await c.store.pruneArticles(before: C.t0.addingTimeInterval(-300 * 86_400)) == 1)
        try await c.add("sina", [C.article("new", "新闻")])
        #expect(try await run(c) == ["新闻"])
    }
}
