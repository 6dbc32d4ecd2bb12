import ArgumentParser
import FinwireDaemon
import FinwireStore
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

/// Takes the database's writer lock, or exits saying which failure it was: 75 when another finwire (the
/// daemon, usually) holds it, 73 when the lock file or the database's folder cannot be created. Keep the
/// returned lock alive for as long as the command writes.
func takeWriterLock(_ config: Configuration) throws -> WriterLock {
    do {
        return try WriterLock(database: config.databasePath)
    } catch {
        printError(error.description)
        throw ExitCode(error.exitCode)
    }
}

/// Opens (and migrates) the configured database; a folder that cannot be created exits 73 naming it.
func openStore(_ config: Configuration) throws -> SQLiteStore {
    do {
        return try SQLiteStore(path: config.databasePath)
    } catch let error as DatabaseFolderError {
        printError(error.description)
        throw ExitCode(DatabaseFolderError.exitCode)
    }
}

/// The objects of a JSON Lines file (the rebuilt corpus, a labeled set), each with its line number; a line
/// that is not a JSON object is an error naming the file and the line.
func readJSONLObjects(_ path: String) throws -> [(line: Int, object: [String: Any])] {
    let text: String
    do {
        text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
        throw ValidationError("\(path): cannot read: \(error.localizedDescription)")
    }
    var out: [(Int, [String: Any])] = []
    for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    where !line.allSatisfy(\.isWhitespace) {
        guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw ValidationError("\(path):\(n + 1): not a JSON object")
        }
        out.append((n + 1, o))
    }
    return out
}
