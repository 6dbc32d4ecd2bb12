// What every finwire program (`finwire`, `finwire-serve`) does the same way at its edges: logging to standard
// error, loading the configuration, opening the store, and the exit codes for each failure.
import ArgumentParser
import FinwireDaemon
import FinwireStore
import Foundation
import Logging

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// Logs to standard error: the CLI and the daemon are the only places logging is bootstrapped.
public func makeLogger(label: String, level: Logger.Level) -> Logger {
    var logger = Logger(label: label) { StreamLogHandler.standardError(label: $0) }
    logger.logLevel = level
    return logger
}

public func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Loads the configuration or exits 78 with every problem on standard error.
public func loadConfiguration(_ path: String) throws -> Configuration {
    do {
        return try Configuration.load(path: path)
    } catch let error as ConfigurationError {
        printError(error.description)
        throw ExitCode(ConfigurationError.exitCode)
    }
}

/// Takes the database's writer lock, or exits saying which failure it was: 75 when another finwire (the
/// daemon, usually) holds it, 73 when the lock file or the database's folder cannot be created. Keep the
/// returned lock alive for as long as the command writes.
public func takeWriterLock(_ config: Configuration) throws -> WriterLock {
    do {
        return try WriterLock(database: config.databasePath)
    } catch {
        printError(error.description)
        throw ExitCode(error.exitCode)
    }
}

/// Opens (and migrates) the configured database; a folder that cannot be created exits 73 naming it.
public func openStore(_ config: Configuration) throws -> SQLiteStore {
    do {
        return try SQLiteStore(path: config.databasePath)
    } catch let error as DatabaseFolderError {
        printError(error.description)
        throw ExitCode(DatabaseFolderError.exitCode)
    }
}

