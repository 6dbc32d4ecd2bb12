import ArgumentParser
import FinwireCommandSupport
import FinwireDaemon
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run as a service: keep every feed current until stopped (systemd Type=notify).",
        discussion: """
            Fetches the feeds that are due, sleeps until the next one is due, and repeats, following each feed's \
            stored schedule (interval, server hints, backoff, host pauses). Logs go to standard error with \
            journald priority prefixes (<3> error … <7> debug).

            Signals: SIGHUP reloads the configuration — feeds, tagging, dedupe, fetch settings and log_level \
            take effect at the next pass (an invalid file is rejected and logged; the running configuration \
            stays; a changed database path needs a restart); SIGTERM or SIGINT stop scheduling, let the current pass finish and exit 0.
            Under systemd (NOTIFY_SOCKET set) it reports READY=1, RELOADING=1, STATUS=, WATCHDOG=1 and STOPPING=1.

            Example: finwire run --config /etc/finwire/config.json
            """)

    @Option(name: .shortAndLong, help: "The configuration file.")
    var config: String = "config.json"

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (default: log_level from the configuration, else info).")
    var logLevel: Logger.Level?

    func run() async throws {
        let configuration = try loadConfiguration(config)
        let level = LogLevelControl(
            logLevel ?? configuration.logLevel.flatMap(Logger.Level.init(rawValue:)) ?? .info, pinned: logLevel != nil)
        let logger = Logger(label: "finwire") { label in JournaldLogHandler(label: label, level: level) }
        let daemon = Daemon(configPath: config, configuration: configuration, logger: logger, logLevel: level)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: daemon)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch let failure as WriterLock.Failure {
            printError(failure.description)
            throw ExitCode(failure.exitCode)
        }
    }
}

/// One line per record on standard error, prefixed with the syslog priority journald understands
/// (`<3>` error … `<7>` debug), metadata as `key=value`.
struct JournaldLogHandler: LogHandler {
    let label: String
    /// Shared with the daemon, so that a reload's `log_level` reaches every logger at once.
    let level: LogLevelControl
    var metadata: Logger.Metadata = [:]

    init(label: String, level: LogLevelControl) {
        self.label = label
        self.level = level
    }

    /// Reads the shared level; a handler-local override would be lost at the next reload anyway.
    var logLevel: Logger.Level {
        get { level.level }
        set {}
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let priority: Int
        switch event.level {
        case .critical: priority = 2
        case .error: priority = 3
        case .warning: priority = 4
        case .notice: priority = 5
        case .info: priority = 6
        case .debug, .trace: priority = 7
        }
        var all = metadata.merging(event.metadata ?? [:]) { $1 }
        if let error = event.error { all["error"] = "\(error)" }
        let fields = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let text = "<\(priority)>\(event.message)" + (fields.isEmpty ? "" : " " + fields) + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }
}
