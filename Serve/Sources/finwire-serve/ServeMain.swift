import ArgumentParser
import FinwireCommandSupport
import FinwireDaemon
import FinwireServe
import Foundation
import Logging

/// finwire-serve, which `finwire serve` runs (Sources/finwire/ServeCommand.swift says why it is its own program).
@main
struct ServeMain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finwire serve",
        abstract: "A read-only live view and JSON API over the database, beside the daemon.",
        discussion: """
            Pages: / (stories newest first, filters, a province map and a daily chart of policy stories) and \
            /stories/ID (every outlet's copy, the tags with their evidence marked in the text). API: \
            /api/stories (the export filters as query parameters: region, kind, topic, agency, tag, feed, q, \
            min_score, since, until, limit, cursor), /api/stories/ID, /api/feeds, /metrics (Prometheus), \
            /api/openapi.json. No route changes what is stored.

            Listens on 127.0.0.1:8080 unless --listen or serve.listen says otherwise. Any address other \
            machines can reach needs a bearer token (serve.token_file or serve.token_env), or serve refuses to \
            start (exit 78). Runs beside `finwire run` on the same database (SQLite WAL readers).

            Example: finwire serve --config config.json --listen 127.0.0.1:8080
            """)

    @Option(name: .shortAndLong, help: "The configuration file.")
    var config: String = "config.json"

    @Option(help: "Address and port: 127.0.0.1:8080, [::1]:8080, 0.0.0.0:8080 (the last needs a token).")
    var listen: String?

    @Option(help: "Log level on standard error: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .notice

    func run() async throws {
        let config = try loadConfiguration(self.config)
        let text = listen ?? config.serveListen ?? "127.0.0.1:8080"
        guard let address = ListenAddress(text) else {
            printError("--listen: expected host:port like 127.0.0.1:8080, found '\(text)'")
            throw ExitCode(64)
        }
        do {
            try LiveView.check(address, token: config.serveToken)
        } catch {
            printError("\(self.config): \(error)")
            throw ExitCode(ConfigurationError.exitCode)
        }
        guard FileManager.default.fileExists(atPath: config.databasePath) else {
            printError("\(config.databasePath): no database yet; run `finwire fetch --config \(self.config)` first")
            throw ExitCode(1)
        }
        // One read connection per core (at least two).
        let stores = try (0..<max(2, ProcessInfo.processInfo.activeProcessorCount)).map { _ in try openStore(config) }
        let logger = makeLogger(label: "finwire.serve", level: logLevel)
        let view = LiveView(stores: stores, versions: try openStore(config), config: config, token: config.serveToken, logger: logger)
        try await view.run(listen: address) { port in
            printError("finwire serve: listening on http://\(address.host.contains(":") ? "[\(address.host)]" : address.host):\(port)/")
        }
    }
}
