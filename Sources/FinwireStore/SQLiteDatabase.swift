import CSQLite
import Foundation

/// Errors from the store, each naming the database file and, when relevant, the statement.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var code: Int32
    public var message: String
    public var sql: String?
    public var description: String {
        var s = "store: \(path): SQLite error \(code): \(message)"
        if let sql { s += " — while executing `\(sql.prefix(120))`" }
        return s
    }
}

/// A thin owner of one `sqlite3*` connection. Not thread-safe: confine it to one actor or task.
///
/// Opened in WAL mode (readers never block the writer), `synchronous=NORMAL` (durable at checkpoints,
/// never corrupt), foreign keys on, and a busy timeout so that a second process waits instead of failing.
final class SQLiteDatabase {
    let path: String
    private(set) var handle: OpaquePointer?
    private var statements: [String: SQLiteStatement] = [:]

    init(path: String, busyTimeoutMilliseconds: Int32 = 10_000) throws {
        self.path = path
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        handle = db
        guard rc == SQLITE_OK else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close_v2(db)
            handle = nil
            throw StoreError(path: path, code: rc, message: message, sql: nil)
        }
        sqlite3_busy_timeout(db, busyTimeoutMilliseconds)
        sqlite3_extended_result_codes(db, 1)
        try execute("PRAGMA journal_mode=WAL")
        try execute("PRAGMA synchronous=NORMAL")
        try execute("PRAGMA foreign_keys=ON")
        // Checkpoint every ~64 MiB of WAL instead of every 4 MiB: each checkpoint ends in an fsync, and at
        // ingest rates the default made the writer spend most of its time in them. The WAL file is then
        // truncated back to that size.
        try execute("PRAGMA wal_autocheckpoint=16384")
        try execute("PRAGMA journal_size_limit=67108864")
        // 16 MiB of page cache (the default is 2 MiB): dedupe and tag lookups read index pages constantly.
        try execute("PRAGMA cache_size=-16384")
    }

    deinit {
        statements.removeAll()
        if let handle { sqlite3_close_v2(handle) }
    }

    func error(_ rc: Int32, sql: String?) -> StoreError {
        StoreError(path: path, code: rc, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    /// Runs one or more statements that return no rows.
    func execute(_ sql: String) throws {
        var errmsg: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errmsg)
        if rc != SQLITE_OK {
            let message = errmsg.map { String(cString: $0) } ?? "error"
            sqlite3_free(errmsg)
            throw StoreError(path: path, code: rc, message: message, sql: sql)
        }
    }

    /// A cached prepared statement, reset and ready to bind.
    func statement(_ sql: String) throws -> SQLiteStatement {
        if let cached = statements[sql] {
            cached.reset()
            return cached
        }
        let stmt = try SQLiteStatement(database: self, sql: sql)
        statements[sql] = stmt
        return stmt
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction: it commits whole or rolls back whole.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    var userVersion: Int {
        get throws {
            let s = try statement("PRAGMA user_version")
            defer { s.reset() }
            return try s.step() ? s.int(0) : 0
        }
    }

    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    var changes: Int32 { sqlite3_changes(handle) }
    var lastInsertRowid: Int64 { sqlite3_last_insert_rowid(handle) }
}

/// A prepared statement with 1-based binds and 0-based columns, as in the C API.
final class SQLiteStatement {
    private unowned let database: SQLiteDatabase
    private let stmt: OpaquePointer
    let sql: String

    init(database: SQLiteDatabase, sql: String) throws {
        self.database = database
        self.sql = sql
        var s: OpaquePointer?
        let rc = sqlite3_prepare_v3(database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &s, nil)
        guard rc == SQLITE_OK, let s else { throw database.error(rc, sql: sql) }
        stmt = s
    }

    deinit { sqlite3_finalize(stmt) }

    func reset() {
        sqlite3_reset(stmt)
        sqlite3_clear_bindings(stmt)
    }

    @discardableResult
    func bind(_ values: [SQLiteValue]) -> SQLiteStatement {
        for (i, v) in values.enumerated() {
            let index = Int32(i + 1)
            switch v {
            case .null: sqlite3_bind_null(stmt, index)
            case .int(let x): sqlite3_bind_int64(stmt, index, x)
            case .real(let x): sqlite3_bind_double(stmt, index, x)
            case .text(let s): sqlite3_bind_text(stmt, index, s, -1, fw_sqlite_transient())
            }
        }
        return self
    }

    /// Advances; true when a row is available.
    func step() throws -> Bool {
        let rc = sqlite3_step(stmt)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw database.error(rc, sql: sql)
        }
    }

    /// Runs a statement that returns no rows.
    func run(_ values: [SQLiteValue] = []) throws {
        bind(values)
        _ = try step()
        sqlite3_reset(stmt)
    }

    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(stmt, column)) }
    func double(_ column: Int32) -> Double { sqlite3_column_double(stmt, column) }
    func int64OrNil(_ column: Int32) -> Int64? {
        sqlite3_column_type(stmt, column) == SQLITE_NULL ? nil : sqlite3_column_int64(stmt, column)
    }
    func text(_ column: Int32) -> String? {
        guard let p = sqlite3_column_text(stmt, column) else { return nil }
        return String(cString: p)
    }
}

enum SQLiteValue {
    case null
    case int(Int64)
    case real(Double)
    case text(String)

    static func of(_ s: String?) -> SQLiteValue { s.map { .text($0) } ?? .null }
    static func of(_ i: Int?) -> SQLiteValue { i.map { .int(Int64($0)) } ?? .null }
    static func of(_ d: Date?) -> SQLiteValue { d.map { .int(Int64($0.timeIntervalSince1970.rounded(.down))) } ?? .null }
}
