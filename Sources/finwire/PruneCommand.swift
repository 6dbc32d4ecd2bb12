import ArgumentParser
import FinwireCommandSupport
import FinwireDaemon
import FinwireStore
import Foundation
import Synchronization

struct PruneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Apply retention now: delete old articles that have left their feeds, then compact.",
        discussion: """
            Deletes articles published (or first seen) more than --days ago that their feed no longer carries \
            either (an article still in its feed is kept: the next fetch would bring it back). The default is \
            the configuration's retention_days. Articles tagged as policy are kept unless --policy-days (or \
            retention_days_policy) says how long to keep them. Then folds the WAL into the database; --vacuum also rebuilds \
            the file to give space back (slow on big databases). The daemon does the same daily.

            Example: finwire prune --config config.json --days 180 --vacuum
            """)

    @Option(name: .shortAndLong, help: "The configuration file.")
    var config: String = "config.json"

    @Option(help: "Keep this many days (default: retention_days from the configuration).")
    var days: Int?

    @Option(help: "Keep policy articles this many days (default: retention_days_policy; without it, for good).")
    var policyDays: Int?

    @Flag(help: "Also VACUUM the database file.")
    var vacuum = false

    func run() async throws {
        let config = try loadConfiguration(self.config)
        guard let keep = days ?? config.retentionDays, keep >= 1 else {
            throw ValidationError("no retention: pass --days N or set retention_days in \(self.config)")
        }
        let lock = try takeWriterLock(config)
        defer { withExtendedLifetime(lock) {} }
        let store = try openStore(config)
        let policyKeep = policyDays ?? config.policyRetentionDays
        let progress = Mutex<ProgressReporter?>(nil)
        let pruned = try await store.pruneArticles(
            before: Date().addingTimeInterval(-Double(keep) * 86_400),
            policyBefore: policyKeep.map { Date().addingTimeInterval(-Double($0) * 86_400) }
        ) { done, total in
            progress.withLock { p in
                if p == nil { p = ProgressReporter(label: "prune", unit: "articles", total: total) }
                p?.update(done)
            }
        }
        progress.withLock { $0?.finish() }
        if vacuum {
            // VACUUM cannot say how far it is; a line every few seconds says it is alive.
            let heartbeat = ProgressReporter(label: "vacuum", unit: "s", total: nil)
            let ticking = Task {
                var seconds = 0
                while !Task.isCancelled {
                    try await Task.sleep(for: .seconds(1))
                    seconds += 1
                    heartbeat.update(seconds)
                }
            }
            defer { ticking.cancel() }
            try await store.compact(vacuum: true)
            heartbeat.finish()
        } else {
            try await store.compact(vacuum: false)
        }
        print("pruned \(pruned) articles older than \(keep) days that have left their feeds\(policyKeep == nil ? " (policy articles kept)" : "")\(vacuum ? "; vacuumed" : "")")
    }
}
