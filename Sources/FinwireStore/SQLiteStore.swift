import FinwireModel
import Foundation

/// The embedded store: one SQLite file, one writer. Its work is split by responsibility over
/// `SQLiteStore+FeedState` (fetch state, schedule, fetch log), `+Articles` (saving, versions, tags,
/// identities, pruning), `+Stories` (dedupe's keys and stories) and `+Reading` (exports and queries), each
/// behind the protocol in `StoreProtocols.swift` that its users see.
///
/// An actor, because the SQLite connection must be used by one task at a time; fetches and parses run
/// concurrently elsewhere and only their results queue here. Each feed's results land in one transaction.
public actor SQLiteStore {
    let db: SQLiteDatabase
    public let path: String
    /// Whether rows carry the change sequence (schema 6+; tests also open older schemas).
    let hasSequences: Bool
    /// The configured watches, applied in the transactions that store and cluster articles.
    var alertRules: [AlertRule] = []
    /// Whether new articles alert once the clusterer has given them a story (dedupe on) or at once.
    var alertsWithStories = true

    /// Opens (creating when absent) and migrates to the latest schema.
    public init(path: String) throws {
        try self.init(path: path, schemaVersion: Migrations.latest)
    }

    /// Opens and migrates only up to `schemaVersion`: how tests build a database from an older release.
    public init(path: String, schemaVersion: Int) throws {
        self.path = path
        // The configured folder may not exist yet on a fresh install (e.g. data/finwire.sqlite).
        try DatabaseFolder.ensure(forDatabase: path)
        db = try SQLiteDatabase(path: path)
        try Migrations.migrate(db, upTo: schemaVersion)
        hasSequences = try db.userVersion >= 6
    }

    public static var latestSchemaVersion: Int { Migrations.latest }

    public func schemaVersion() throws -> Int { try db.userVersion }
}

func jsonArray(_ values: [String]) -> String {
    JSONValue.array(values.map { .string($0) }).serialized()
}

func decodeArray(_ text: String?) -> [String] {
    guard let text, let data = text.data(using: .utf8),
        let array = try? JSONSerialization.jsonObject(with: data) as? [String]
    else { return [] }
    return array
}
