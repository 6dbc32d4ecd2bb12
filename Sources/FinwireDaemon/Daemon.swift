import FinwireAlerts
import FinwireDedupe
import FinwireFetch
import FinwireIngest
import FinwireModel
import FinwireStore
import FinwireTag
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// `finwire run`: keeps every feed current until told to stop.
///
/// One loop: fetch the feeds that are due (the fetch policy's schedule, stored per feed), then sleep until
/// the next one is due (at most `maxSleep`). SIGHUP reloads the configuration between passes (an invalid
/// file is rejected with its problems logged, and the running configuration stays); SIGTERM/SIGINT stop
/// scheduling, let the current pass finish (transfers are bounded by the fetch timeouts) and return.
/// systemd hears READY, RELOADING/READY, STATUS, WATCHDOG and STOPPING through `SystemdNotifier`.
public final class Daemon: Service, Sendable {
    private let configPath: String
    private let logger: Logger
    private let notifier: SystemdNotifier
    private let state: Mutex<Configuration>
    /// Built from the configuration at start and at each accepted reload (its automaton takes ~0.1 s).
    private let taggerState: Mutex<Tagger?>
    /// Set by a reload to wake the loop early.
    private let woken = Mutex(false)
    /// The fetcher and clusterer of the running configuration: a reload that changes `fetch.*` or
    /// `dedupe.*` replaces them, and the loop picks the new ones up at its next pass.
    private let fetcherState: Mutex<FeedFetcher?> = Mutex(nil)
    private let clustererState: Mutex<Clusterer?> = Mutex(nil)
    /// The log level the handlers read; a reload applies `log_level` to it.
    private let logLevel: LogLevelControl?
    public let maxSleep: Duration

    public init(
        configPath: String, configuration: Configuration, logger: Logger, notifier: SystemdNotifier = SystemdNotifier(),
        maxSleep: Duration = .seconds(30), logLevel: LogLevelControl? = nil
    ) {
        self.logLevel = logLevel
        self.configPath = configPath
        self.logger = logger
        self.notifier = notifier
        self.state = Mutex(configuration)
        self.taggerState = Mutex(configuration.makeTagger())
        self.maxSleep = maxSleep
    }

    public var configuration: Configuration { state.withLock { $0 } }

    public func run() async throws {
        // Trap SIGHUP first: its default action would kill the process.
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        let config = configuration
        let lock = try WriterLock(database: config.databasePath)
        defer { withExtendedLifetime(lock) {} }
        let store = try SQLiteStore(path: config.databasePath)
        try await store.syncFeeds(config.feeds)
        await store.setAlertRules(config.alertRules, withStories: config.dedupeEnabled)
        fetcherState.withLock { $0 = FeedFetcher(configuration: config.fetch) }
        defer { fetcherState.withLock { $0?.close() } }
        clustererState.withLock { $0 = config.makeClusterer(store: store) }
        notifier.notify("READY=1\nSTATUS=watching \(config.feeds.filter(\.enabled).count) feeds")
        logger.info("daemon ready", metadata: ["feeds": "\(config.feeds.count)", "database": "\(config.databasePath)"])

        try await withThrowingDiscardingTaskGroup { group in
            group.addTask {
                for await _ in hangups.cancelOnGracefulShutdown() {
                    await self.reload(store: store)
                }
            }
            group.addTask { await self.deliverAlerts(store: store) }
            await self.schedule(store: store)
            group.cancelAll()
        }
        notifier.notify("STOPPING=1")
        logger.info("daemon stopped")
    }

    private func schedule(store: SQLiteStore) async {
        var fetcherInUse: FeedFetcher?
        var lastHousekeeping = ContinuousClock.now - .seconds(86_400)
        var metrics: MetricsTextfile?
        var lastLogPrune = ContinuousClock.now - .seconds(3600)
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let config = configuration
            let enabled = config.feeds.filter(\.enabled)
            // Only the feeds that are due make a pass: a pass over all 2,000 feeds to skip 1,990 of them cost
            // more CPU than the fetches (each skipped feed read its state first).
            let (feeds, earliest) = due(enabled, schedule: (try? await store.schedule()) ?? [:])
            if feeds.isEmpty {
                // Nothing due yet: no pass at all. Waking a few seconds after the earliest due time gathers
                // the feeds that jitter spread around it into one pass.
                if notifier.watchdogInterval != nil { notifier.notify("WATCHDOG=1") }
                await sleepUntil(due: earliest.map { $0.addingTimeInterval(Self.gather) })
                continue
            }
            // A reload may have replaced the fetcher; the old one is idle between passes, so close it now.
            guard let fetcher = fetcherState.withLock({ $0 }) else { return }
            if let old = fetcherInUse, old !== fetcher { old.close() }
            fetcherInUse = fetcher
            let pass = IngestPass(
                store: store, fetcher: fetcher, concurrency: config.concurrency, logger: logger, policy: config.policy,
                dueOnly: true, tagger: taggerState.withLock { $0 }, clusterer: clustererState.withLock { $0 })
            // A long pass (many feeds, slow hosts) still pets the watchdog while feeds complete.
            let lastPing = Mutex(ContinuousClock.now)
            let notifier = self.notifier
            let outcomes = await pass.run(feeds) { _ in
                guard let period = notifier.watchdogInterval else { return }
                let due = lastPing.withLock { last -> Bool in
                    guard ContinuousClock.now - last >= period / 4 else { return false }
                    last = ContinuousClock.now
                    return true
                }
                if due { notifier.notify("WATCHDOG=1") }
            }
            if let path = config.metricsTextfile {
                if metrics?.path != path { metrics = MetricsTextfile(path: path) }
                metrics?.record(outcomes)
                await writeMetrics(metrics, store: store, database: config.databasePath)
            }
            let fetched = outcomes.filter { $0.skipped == nil }
            let failed = fetched.filter { !$0.succeeded }.count
            let new = fetched.reduce(0) { $0 + $1.summary.inserted }
            if !fetched.isEmpty {
                logger.info("pass done", metadata: ["feeds.fetched": "\(fetched.count)", "feeds.failed": "\(failed)", "articles.new": "\(new)"])
                notifier.notify("STATUS=\(enabled.count) feeds; last pass: \(fetched.count) fetched, \(failed) failed, \(new) new")
            }
            if notifier.watchdogInterval != nil { notifier.notify("WATCHDOG=1") }
            if ContinuousClock.now - lastHousekeeping >= .seconds(86_400) {
                lastHousekeeping = ContinuousClock.now
                await housekeeping(store: store, config: config)
            }
            // Hourly: the fetch log's retention (a full scan of a table that grows with every fetch).
            if ContinuousClock.now - lastLogPrune >= .seconds(3600) {
                lastLogPrune = ContinuousClock.now
                _ = try? await store.pruneFetchLog(
                    before: Date().addingTimeInterval(-Double(config.logRetentionDays) * 86_400))
            }
            let next = due(enabled, schedule: (try? await store.schedule()) ?? [:])
            if next.feeds.isEmpty { await sleepUntil(due: next.earliest.map { $0.addingTimeInterval(Self.gather) }) }
        }
    }

    /// Seconds the scheduler waits past the earliest due time, so that feeds falling due together (their
    /// ±10% jitter spreads a common interval) share one pass.
    static let gather: TimeInterval = 5

    /// The enabled feeds due now, and when the next of the others is due.
    func due(_ feeds: [FeedSource], schedule: [String: Date?], now: Date = Date()) -> (feeds: [FeedSource], earliest: Date?) {
        var dueNow: [FeedSource] = []
        var earliest: Date?
        for f in feeds {
            guard let entry = schedule[f.id] else {
                // Not in the schedule: disabled by the fetch policy (or not yet synced, which a pass fixes).
                if schedule.isEmpty { dueNow.append(f) }
                continue
            }
            guard let next = entry, next > now else {
                dueNow.append(f)
                continue
            }
            earliest = earliest.map { min($0, next) } ?? next
        }
        return (dueNow, earliest)
    }

    /// Sleeps until `due` (at most `maxSleep`, and half the watchdog period), a reload, or shutdown.
    private func sleepUntil(due: Date?) async {
        var sleep = maxSleep
        if let due {
            let seconds = max(0.2, due.timeIntervalSinceNow)
            sleep = min(maxSleep, .milliseconds(Int64(seconds * 1000)))
        }
        if let watchdog = notifier.watchdogInterval { sleep = min(sleep, watchdog / 2) }
        // Checked every 200 ms: a reload or a shutdown request ends the sleep early.
        let deadline = ContinuousClock.now + sleep
        while ContinuousClock.now < deadline, !Task.isShuttingDownGracefully, !Task.isCancelled {
            if woken.withLock({ w in defer { w = false }; return w }) { break }
            try? await Task.sleep(for: min(.milliseconds(200), deadline - ContinuousClock.now))
        }
    }

    private func writeMetrics(_ metrics: MetricsTextfile?, store: SQLiteStore, database: String) async {
        guard let metrics else { return }
        do {
            let size = [database, database + "-wal"].compactMap {
                (try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? NSNumber)?.intValue
            }.reduce(0, +)
            try metrics.write(statuses: try await store.feedStatuses(), databaseBytes: size)
        } catch {
            logger.warning("metrics not written", metadata: ["path": "\(metrics.path)", "error": "\(error)"])
        }
    }

    /// Daily: retention (when configured) and a WAL checkpoint.
    private func housekeeping(store: SQLiteStore, config: Configuration) async {
        do {
            if let days = config.retentionDays {
                let policyCutoff = config.policyRetentionDays.map { Date().addingTimeInterval(-Double($0) * 86_400) }
                // A big first prune (retention switched on over a year of data) says how far it is, through
                // the same reporter the commands use, into the log (a line every 5 s at most).
                let logger = self.logger
                let progress = Mutex<ProgressReporter?>(nil)
                let pruned = try await store.pruneArticles(
                    before: Date().addingTimeInterval(-Double(days) * 86_400), policyBefore: policyCutoff
                ) { done, total in
                    progress.withLock { p in
                        if p == nil {
                            p = ProgressReporter(
                                label: "retention", unit: "articles", total: total, terminal: false,
                                write: { line in logger.info("\(line.trimmingCharacters(in: .newlines))") })
                        }
                        p?.update(done)
                    }
                }
                logger.info("retention applied", metadata: ["articles.pruned": "\(pruned)", "retention.days": "\(days)"])
            }
            try await store.compact(vacuum: false)
        } catch {
            logger.error("housekeeping failed", metadata: ["error": "\(error)"])
        }
    }

    /// The watches' outbox, beside the passes: whatever a pass queued goes out within a second or two, and
    /// failures are retried when they fall due. Reads the configuration each round, so a reload's targets apply.
    private func deliverAlerts(store: SQLiteStore) async {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let config = configuration
            if !config.watches.isEmpty, let fetcher = fetcherState.withLock({ $0 }) {
                let deliverer = AlertDeliverer(outbox: store, sender: fetcher, watches: config.watchTargets, logger: logger)
                do {
                    _ = try await deliverer.deliverDue()
                } catch {
                    logger.error("alert delivery failed", metadata: ["error": "\(error)"])
                }
            }
            // One indexed read a second when watches exist: well under the daemon's idle budget.
            try? await Task.sleep(for: .seconds(1))
        }
    }

    /// Re-reads the configuration file; only a valid one replaces the running configuration.
    func reload(store: SQLiteStore) async {
        notifier.notify("RELOADING=1")
        do {
            let next = try Configuration.load(path: configPath)
            if next.databasePath != configuration.databasePath {
                logger.error("reload rejected", metadata: ["reason": "the database path cannot change while running"])
            } else {
                try await store.syncFeeds(next.feeds)
                await store.setAlertRules(next.alertRules, withStories: next.dedupeEnabled)
                let previous = configuration
                let tagger = next.makeTagger()
                var changed = ["feeds", "tagging"]
                if next.fetch != previous.fetch {
                    fetcherState.withLock { $0 = FeedFetcher(configuration: next.fetch) }
                    changed.append("fetch")
                }
                if next.dedupeEnabled != previous.dedupeEnabled || next.urls != previous.urls
                    || next.judge != previous.judge
                {
                    clustererState.withLock { $0 = next.makeClusterer(store: store) }
                    changed.append("dedupe")
                }
                if logLevel?.apply(configured: next.logLevel) == true { changed.append("log_level") }
                state.withLock { $0 = next }
                taggerState.withLock { $0 = tagger }
                logger.notice(
                    "configuration reloaded",
                    metadata: ["feeds": "\(next.feeds.count)", "applied": "\(changed.joined(separator: ","))"])
            }
        } catch let error as ConfigurationError {
            logger.error("reload rejected, keeping the running configuration", metadata: ["problems": "\(error.description)"])
        } catch {
            logger.error("reload failed", metadata: ["error": "\(error)"])
        }
        notifier.notify("READY=1\nSTATUS=watching \(configuration.feeds.filter(\.enabled).count) feeds")
        woken.withLock { $0 = true }
    }
}
