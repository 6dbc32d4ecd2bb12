import ArgumentParser
import FinwireDaemon
import Foundation
import Logging

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// Logs to standard error: the CLI and the daemon are the only places logging is bootstrapped.
func makeLogger(label: String, level: Logger.Level) -> Logger {
    var logger = Logger(label: label) { StreamLogHandler.standardError(label: $0) }
    logger.logLevel = level
    return logger
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Loads the configuration or exits 78 with every problem on standard error.
func loadConfiguration(_ path: String) throws -> Configuration {
    do {
        return try Configuration.load(path: path)
    } catch let error as ConfigurationError {
        printError(error.description)
        throw ExitCode(ConfigurationError.exitCode)
    }
}

/// Takes the database's writer lock, or exits 75 saying plainly that another process (the daemon) holds
/// it. Keep the returned lock alive for as long as the command writes.
func takeWriterLock(_ config: Configuration) throws -> WriterLock {
    do {
        return try WriterLock(database: config.databasePath)
    } catch let held as WriterLock.Held {
        printError(held.description)
        throw ExitCode(WriterLock.busyExitCode)
    }
}
