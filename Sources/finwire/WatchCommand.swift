import ArgumentParser
import FinwireCommandSupport
import FinwireAlerts
import FinwireDaemon
import FinwireFetch
import FinwireModel
import FinwireStore
import Foundation
import Logging

struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Watches: alerts for what matches, delivered to webhooks, chat bots and email.",
        subcommands: [Test.self, List.self])

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send a sample alert to every target of a watch (nothing is stored or marked).",
            discussion: """
                Checks a watch's URLs, secrets and tokens before real alerts depend on them. Each target answers
                on its own line: delivered, or the error (HTTP status and the platform's message). Exit 1 when any
                target failed.

                Example: finwire watch test --config config.json zj-credit
                """)

        @Option(name: .shortAndLong, help: "The configuration file.")
        var config: String = "config.json"

        @Argument(help: "The watch's id (watches[].id in the configuration).")
        var id: String

        func run() async throws {
            let config = try loadConfiguration(self.config)
            guard config.watches.contains(where: { $0.id == id }) else {
                let known = config.watches.map(\.id)
                printError("\(self.config): no watch with id \"\(id)\"" + (known.isEmpty ? " (no watches configured)" : " (known: \(known.joined(separator: ", ")))"))
                throw ExitCode(ConfigurationError.exitCode)
            }
            let fetcher = FeedFetcher(configuration: config.fetch)
            defer { fetcher.close() }
            // The outbox is not touched: a test is sent and reported, never recorded.
            let deliverer = AlertDeliverer(
                outbox: NoAlertOutbox(), sender: fetcher, watches: config.watchTargets, logger: makeLogger(label: "finwire.watch", level: .critical))
            var failed = false
            for (target, outcome) in await deliverer.test(watchId: id) {
                switch outcome {
                case .delivered: print("\(target): delivered")
                case .retry(_, let error), .parked(let error):
                    failed = true
                    print("\(target): FAILED \(error)")
                }
            }
            if failed { throw ExitCode(1) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The configured watches: filter and targets (never secrets).")

        @Option(name: .shortAndLong, help: "The configuration file.")
        var config: String = "config.json"

        func run() async throws {
            let config = try loadConfiguration(self.config)
            if config.watches.isEmpty { print("no watches configured in \(self.config)") }
            for w in config.watches {
                var filter: [String] = []
                let s = w.selection
                if !s.regions.isEmpty { filter.append("region " + s.regions.joined(separator: ",")) }
                if !s.kinds.isEmpty { filter.append("kind " + s.kinds.joined(separator: ",")) }
                if !s.topics.isEmpty { filter.append("topic " + s.topics.joined(separator: ",")) }
                if !s.agencies.isEmpty { filter.append("agency " + s.agencies.joined(separator: ",")) }
                if !s.tags.isEmpty { filter.append("tag " + s.tags.joined(separator: ",")) }
                if let q = s.query { filter.append("query “\(q)”") }
                if let m = s.minScore { filter.append("min score \(m)") }
                if s.policyOnly { filter.append("policy only") }
                if !s.feeds.isEmpty { filter.append("feeds " + s.feeds.joined(separator: ",")) }
                let targets = w.targets.map { t in
                    if let mail = t.mail {
                        return "\(t.key) → \(mail.to.joined(separator: ", ")) via \(t.url.host ?? "")\(t.secret == nil ? "" : " (login)")"
                    }
                    return "\(t.key) → \(t.url.host ?? "")\(t.secret == nil ? "" : " (signed)")"
                }
                print("\(w.id): \(filter.isEmpty ? "everything" : filter.joined(separator: "; "))\(w.revisions ? "; revisions too" : "")")
                for t in targets { print("  \(t)") }
            }
        }
    }
}
