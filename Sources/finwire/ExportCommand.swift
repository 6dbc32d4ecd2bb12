import ArgumentParser
import FinwireDaemon
import FinwireExport
import FinwireModel
import FinwireStore
import FinwireXML
import Foundation

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write stored articles out (JSON Lines for now).",
        discussion: """
            Reads the database named in the configuration and writes one JSON object per article per line, \
            oldest first (schema: README, "JSON Lines export"). HTML bodies are sanitized unless --html raw.

            --since/--until take a duration back from now (90m, 24h, 7d) or a date (2026-11-01, \
            2026-11-01T08:00:00+08:00); they compare the article's published time, or when finwire first saw \
            it if the feed gave no date.

            Examples:
              finwire export --format jsonl --since 24h
              finwire export --format jsonl --feed sina-finance-roll --limit 20 > latest.jsonl
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl }

    @Option(name: .shortAndLong, help: "The configuration file.")
    var config: String = "config.json"

    @Option(help: "Output format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format = .jsonl

    @Option(help: "Only articles published at or after this: a duration (24h, 7d) or a date.")
    var since: String?

    @Option(help: "Only articles published before this: a duration or a date.")
    var until: String?

    @Option(name: .customLong("feed"), help: "Only this feed id (repeatable).")
    var feeds: [String] = []

    @Option(help: "At most this many articles.")
    var limit: Int?

    @Option(help: "HTML bodies: sanitized (default) or raw.")
    var html: String = "sanitized"

    @Option(help: "Time zone for dates typed without one in --since/--until.")
    var timezone: String = "Asia/Shanghai"

    func run() async throws {
        guard let zone = TimeZone(identifier: timezone) else {
            throw ValidationError("--timezone: unknown time zone '\(timezone)'")
        }
        guard let htmlMode = HTMLMode(rawValue: html) else {
            throw ValidationError("--html: expected sanitized or raw, found '\(html)'")
        }
        var query = ArticleQuery(feedIds: feeds, limit: limit)
        if let since {
            guard let d = DurationText.instant(since, timeZone: zone) else {
                throw ValidationError("--since: expected a duration like 24h or a date like 2026-11-01, found '\(since)'")
            }
            query.since = d
        }
        if let until {
            guard let d = DurationText.instant(until, timeZone: zone) else {
                throw ValidationError("--until: expected a duration like 24h or a date like 2026-11-01, found '\(until)'")
            }
            query.until = d
        }
        let config = try loadConfiguration(self.config)
        guard FileManager.default.fileExists(atPath: config.databasePath) else {
            printError("\(config.databasePath): no database yet; run `finwire fetch --config \(self.config)` first")
            throw ExitCode(1)
        }
        let store = try ArticleStore(path: config.databasePath)
        let exporter = JSONLinesExporter(html: htmlMode) { HTMLSanitizer.sanitize($0, base: $1) }
        var out = ""
        for article in try await store.articles(query) {
            out += exporter.line(article)
            out += "\n"
            if out.utf8.count > 1 << 20 {
                FileHandle.standardOutput.write(Data(out.utf8))
                out = ""
            }
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
