import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// The same question answered once while the database stays as it was. A dashboard polled by a team, or
/// a link passed around, asks `/api/stories?region=浙江&kind=policy` again and again; on a million
/// articles each answer costs tens of milliseconds of both cores, while a repeat costs a lookup. An entry
/// holds the database's change counter (SQLite's `PRAGMA data_version`, which moves whenever any other
/// connection — the daemon's, say — commits) and is served only while that counter is unchanged and for
/// at most `maxAge`, since `since=1d` slides with the clock. So a cached answer is the answer a fresh
/// query would give, give or take `maxAge` on relative time windows.
final class ResponseCache: Sendable {
    struct Entry: Sendable {
        var version: Int64
        var at: Date
        var answer: Rendered
    }

    private struct State: Sendable {
        var entries: [String: Entry] = [:]
        /// Keys oldest first, for eviction.
        var order: [String] = []
        var bytes = 0
        var hits = 0
        var misses = 0
    }

    let maxAge: TimeInterval
    let maxBytes: Int
    private let state = Mutex(State())

    init(maxAge: TimeInterval = 10, maxBytes: Int = 16 << 20) {
        self.maxAge = maxAge
        self.maxBytes = maxBytes
    }

    func get(_ key: String, version: Int64, now: Date) -> Entry? {
        state.withLock { s in
            if let e = s.entries[key], e.version == version, now.timeIntervalSince(e.at) < maxAge, now >= e.at {
                s.hits += 1
                return e
            }
            s.misses += 1
            return nil
        }
    }

    func set(_ key: String, _ entry: Entry) {
        guard entry.answer.body.readableBytes <= maxBytes / 8 else { return }
        state.withLock { s in
            if let old = s.entries.removeValue(forKey: key) {
                s.bytes -= old.answer.body.readableBytes
                s.order.removeAll { $0 == key }
            }
            s.entries[key] = entry
            s.order.append(key)
            s.bytes += entry.answer.body.readableBytes
            while s.bytes > maxBytes, let oldest = s.order.first {
                s.order.removeFirst()
                if let e = s.entries.removeValue(forKey: oldest) { s.bytes -= e.answer.body.readableBytes }
            }
        }
    }

    /// Answers from the cache and from queries, for `/metrics`.
    var counts: (hits: Int, misses: Int) { state.withLock { ($0.hits, $0.misses) } }
}

/// A response whose bytes are still at hand, so that it can be kept and sent again.
struct Rendered: Sendable {
    var status: HTTPResponse.Status
    var contentType: String
    var body: ByteBuffer

    var response: Response {
        Response(status: status, headers: [.contentType: contentType], body: .init(byteBuffer: body))
    }
}
