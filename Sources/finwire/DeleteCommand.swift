import ArgumentParser
import FinwireCommandSupport
import FinwireDaemon
import FinwireStore
import Foundation

struct DeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete articles by id; their feeds will not bring them back.",
        discussion: """
            Deletes the articles (ids as `export --format jsonl` prints them) and leaves a tombstone for each, so \
            a feed that still carries the item does not store it again. A tombstone is forgotten once its item \
            has been gone from the feed for 30 days. Takes the writer lock like fetch.

            Example: finwire delete --config config.json 1042 1043
            """)

    @Option(name: .shortAndLong, help: "The configuration file.")
    var config: String = "config.json"

    @Argument(help: "Article ids.")
    var ids: [Int64]

    func run() async throws {
        let config = try loadConfiguration(self.config)
        let lock = try takeWriterLock(config)
        defer { withExtendedLifetime(lock) {} }
        let store = try openStore(config)
        let n = try await store.deleteArticles(ids: ids)
        print("deleted \(n) of \(ids.count) articles (tombstoned)")
        if n < ids.count { throw ExitCode(1) }
    }
}
