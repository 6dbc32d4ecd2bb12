import ArgumentParser
import FinwireCommandSupport
import FinwireDaemon
import FinwireModel
import FinwireStore
import Foundation

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each feed's health from the live database.",
        discussion: """
            Per feed: articles stored, last attempt and success, last HTTP status and error, consecutive \
            failures, when it is next due, whether it is disabled (410 Gone) and whether its host asked us to \
            wait (Retry-After). Reads the database named in the configuration; safe while fetches run.

            Examples:
              finwire status --config config.json
              finwire status --config config.json --json | jq '.[] | select(.consecutive_failures > 0)'
            """)

    @Option(name: .shortAndLong, help: "The configuration file.")
    var config: String = "config.json"

    @Flag(help: "Print a JSON array, one object per feed.")
    var json = false

    func run() async throws {
        let config = try loadConfiguration(self.config)
        guard FileManager.default.fileExists(atPath: config.databasePath) else {
            printError("\(config.databasePath): no database yet; run `finwire fetch --config \(self.config)` first")
            throw ExitCode(1)
        }
        let store = try openStore(config)
        let rows = try await store.feedStatuses()
        if json {
            print(JSONValue.array(rows.map(FeedStatusJSON.json)).serialized())
            return
        }
        let width = max(4, rows.map(\.feedId.count).max() ?? 0)
        print("feed".padding(toLength: width, withPad: " ", startingAt: 0) + "  status  fails  articles  last success          next due              note")
        for r in rows {
            var note = r.disabledReason.map { "DISABLED: \($0)" } ?? r.lastError ?? ""
            if let pause = r.hostPause { note = "host paused until \(ISODate.string(pause.until)); " + note }
            if !r.enabled { note = "disabled in config; " + note }
            let cells = [
                r.feedId.padding(toLength: width, withPad: " ", startingAt: 0),
                (r.lastStatus.map(String.init) ?? "---").padding(toLength: 6, withPad: " ", startingAt: 0),
                String(r.consecutiveFailures).padding(toLength: 5, withPad: " ", startingAt: 0),
                String(r.articles).padding(toLength: 8, withPad: " ", startingAt: 0),
                (r.lastSuccess.map(ISODate.string) ?? "never").padding(toLength: 20, withPad: " ", startingAt: 0),
                (r.nextDue.map(ISODate.string) ?? "now").padding(toLength: 20, withPad: " ", startingAt: 0),
                note,
            ]
            print(cells.joined(separator: "  "))
        }
        try await printOutbox(store, config)
    }

    /// The alerts outbox per watch: what is waiting, what went out, what was parked and why.
    func printOutbox(_ store: SQLiteStore, _ config: Configuration) async throws {
        let summaries = try await store.outboxSummaries()
        let watches = Set(config.watches.map(\.id)).union(summaries.map(\.watchId)).sorted()
        guard !watches.isEmpty else { return }
        let width = max(5, watches.map(\.count).max() ?? 0)
        print("")
        print("watch".padding(toLength: width, withPad: " ", startingAt: 0) + "  pending  delivered  parked  last delivered        last error")
        for id in watches {
            let s = summaries.first { $0.watchId == id } ?? OutboxSummary(watchId: id)
            var note = s.lastError ?? ""
            if !config.watches.contains(where: { $0.id == id }) { note = "no longer configured; " + note }
            func cell(_ text: String, _ n: Int) -> String { text.padding(toLength: n, withPad: " ", startingAt: 0) }
            let last: String = s.lastDelivered.map(ISODate.string) ?? "never"
            let cells: [String] = [
                cell(id, width), cell(String(s.pending), 7), cell(String(s.delivered), 9), cell(String(s.parked), 6),
                cell(last, 20), note,
            ]
            print(cells.joined(separator: "  "))
        }
    }
}
