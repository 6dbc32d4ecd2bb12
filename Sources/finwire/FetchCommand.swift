import ArgumentParser
import FinwireCommandSupport
import FinwireAlerts
import FinwireDaemon
import FinwireFetch
import FinwireIngest
import FinwireModel
import FinwireStore
import Foundation
import Logging

struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch every enabled feed once (or the named ones), store new articles, print a summary.",
        discussion: """
            Each feed is fetched concurrently through libcurl with a conditional GET (the stored ETag and \
            Last-Modified), parsed, and stored in one transaction: a feed lands whole or not at all, and a feed \
            that fails leaves its stored articles untouched and never stops the others.

            Feeds are never fetched while disabled (the server answered 410 Gone) or while their host asked us \
            to wait (429/503 with Retry-After; the pause is stored, so it outlives this process); such feeds \
            are reported as SKIPPED. Failures back off exponentially (capped at 6 h); --due-only also skips \
            feeds whose next poll has not come yet. After three consecutive fetches that end in the same \
            permanent redirect (301/308), the feed moves to the new URL (logged; 302/307 never move it).

            Output: one line per feed as it finishes (id, HTTP status, new/updated/unchanged, milliseconds, \
            or the error), then a total. --json prints the same as one JSON object.

            Exit status: 0 every feed succeeded; 1 some failed (the others are stored); 75 the daemon \
            (finwire run) holds the database; 78 bad configuration.

            Examples:
              finwire fetch --config config.json
              finwire fetch --config config.json --feed sina-finance-roll --feed chinanews-finance
            """)

    @Option(name: .shortAndLong, help: "The configuration file.")
    var config: String = "config.json"

    @Option(name: .customLong("feed"), help: "Fetch only this feed id (repeatable). Disabled feeds can be named.")
    var feeds: [String] = []

    @Flag(help: "Print the results as one JSON object instead of lines.")
    var json = false

    @Flag(help: "Fetch only feeds whose next poll is due (as the daemon would); by default every feed is fetched.")
    var dueOnly = false

    @Option(help: "Feeds fetched at once (default: fetch.concurrency from the configuration, else 16).")
    var concurrency: Int?

    @Option(help: "Log level on standard error: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .error

    @Option(help: "Seconds to spend delivering the watches' alerts after the pass (0: leave them to the daemon).")
    var deliverTimeout: Int = 30

    func run() async throws {
        let config = try loadConfiguration(self.config)
        var selected = config.feeds.filter(\.enabled)
        if !feeds.isEmpty {
            let unknown = feeds.filter { id in !config.feeds.contains { $0.id == id } }
            if !unknown.isEmpty {
                printError("\(self.config): no feed with id \(unknown.map { "\"\($0)\"" }.joined(separator: ", "))")
                throw ExitCode(ConfigurationError.exitCode)
            }
            selected = config.feeds.filter { feeds.contains($0.id) }
        }
        let lock = try takeWriterLock(config)
        defer { withExtendedLifetime(lock) {} }
        let logger = makeLogger(label: "finwire.fetch", level: logLevel)
        let store: SQLiteStore
        do {
            store = try openStore(config)
            try await store.syncFeeds(config.feeds)
            await store.setAlertRules(config.alertRules, withStories: config.dedupeEnabled)
        } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
        var fetchConfig = config.fetch
        if let concurrency { fetchConfig.maxConnections = max(1, concurrency) }
        let fetcher = FeedFetcher(configuration: fetchConfig)
        defer { fetcher.close() }
        let pass = IngestPass(
            store: store, fetcher: fetcher, concurrency: concurrency ?? config.concurrency, logger: logger,
            policy: config.policy, dueOnly: dueOnly, tagger: config.makeTagger(),
            clusterer: config.makeClusterer(store: store))
        let started = ContinuousClock.now
        let width = selected.map(\.id.count).max() ?? 0
        let asJSON = json
        let outcomes = await pass.run(selected) { outcome in
            if !asJSON { print(FetchReport.line(outcome, idWidth: width)) }
        }
        let elapsed = ContinuousClock.now - started
        _ = try? await store.pruneFetchLog(before: Date().addingTimeInterval(-Double(config.logRetentionDays) * 86_400))
        // What this pass (or an earlier one) queued, bounded: what is still failing stays in the outbox.
        var alerts: AlertDeliverer.Report?
        if !config.watches.isEmpty, deliverTimeout > 0 {
            let deliverer = AlertDeliverer(outbox: store, sender: fetcher, watches: config.watchTargets, logger: logger)
            do {
                alerts = try await deliverer.drain(until: .now + .seconds(deliverTimeout))
            } catch {
                printError("alerts: \(error)")
            }
        }
        if json {
            print(FetchReport.json(outcomes, order: selected.map(\.id), elapsed: elapsed).serialized())
        } else {
            print(FetchReport.total(outcomes, elapsed: elapsed))
            if let alerts, alerts.attempted > 0 {
                print("alerts: \(alerts.delivered) delivered, \(alerts.retrying) to retry, \(alerts.parked) parked (finwire status shows the outbox)")
            }
        }
        if outcomes.contains(where: { !$0.succeeded }) { throw ExitCode(1) }
    }
}
