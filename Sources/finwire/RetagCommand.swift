import ArgumentParser
import FinwireCommandSupport
import FinwireDaemon
import FinwireModel
import FinwireStore
import FinwireTag
import Foundation

struct RetagCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retag",
        abstract: "Tag stored articles again, after the rules, the dictionaries or finwire itself changed.",
        discussion: """
            Re-runs the tagger (with the configuration's tagging rules and topics) over every stored article, \
            or those published since --since (a duration like 7d or a date), and replaces their tags in \
            batches of 500, one transaction each — an interrupted run leaves every article with either its \
            old or its new tags. Takes the writer lock like fetch: it says so plainly while the daemon runs.

            Example: finwire retag --config config.json --since 30d
            """)

    @Option(name: .shortAndLong, help: "The configuration file.")
    var config: String = "config.json"

    @Option(help: "Only articles published since then: a duration (24h, 7d) or a date (2026-01-31).")
    var since: String?

    func run() async throws {
        let config = try loadConfiguration(self.config)
        var cutoff: Date?
        if let since {
            guard let d = DurationText.instant(since, timeZone: config.timeZone) else {
                throw ValidationError("--since: expected a duration like 7d or a date like 2026-01-31; found '\(since)'")
            }
            cutoff = d
        }
        let lock = try takeWriterLock(config)
        defer { withExtendedLifetime(lock) {} }
        // Feeds no longer in the configuration keep no publisher: only what their texts say.
        let tagger = Tagger(rules: config.tagRules, extraTopics: config.extraTopics, feeds: config.feeds)
        let store = try openStore(config)
        var after: Int64 = 0
        var total = 0, policy = 0
        let progress = ProgressReporter(
            label: "retag", unit: "articles", total: cutoff == nil ? try await store.articleCount() : nil)
        defer { progress.finish() }
        while true {
            let batch = try await store.articlesToTag(since: cutoff, afterId: after, limit: 500)
            guard let last = batch.last else { break }
            let tagged = batch.map { a -> (id: Int64, tags: ArticleTags) in
                (a.id, tagger.tag(title: a.title, text: a.text, feedId: a.feedId).articleTags)
            }
            try await store.updateTags(tagged)
            total += tagged.count
            policy += tagged.filter(\.tags.isPolicy).count
            after = last.id
            progress.update(total)
        }
        progress.finish()
        print("retagged \(total) articles (\(policy) policy)")
    }
}
