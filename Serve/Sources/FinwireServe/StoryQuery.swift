import FinwireDaemon
import FinwireExport
import FinwireModel
import FinwireStore
import Foundation

/// `/api/stories`' query parameters (and the page's form): the export filters by the same names, a time
/// window, a page size and the cursor of the next page.
struct StoryQuery: Sendable, Equatable {
    var selection = Selection()
    var since: String?
    var until: String?
    var limit = 50
    var cursor: Cursor?

    /// Where the next page starts: after the last story's newest matching copy (its time and id).
    struct Cursor: Sendable, Equatable {
        var position: SQLiteStore.PagePosition

        init(_ position: SQLiteStore.PagePosition) { self.position = position }

        /// `1700000000-1042`: seconds, then the article id.
        init?(_ text: String) {
            let parts = text.split(separator: "-", maxSplits: 1)
            guard parts.count == 2, let t = Int64(parts[0]), let id = Int64(parts[1]) else { return nil }
            position = .init(time: t, id: id)
        }

        var text: String { "\(position.time)-\(position.id)" }
    }

    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    /// From query parameters; each list parameter may repeat or be comma-separated.
    init(_ get: (String) -> [String]) throws {
        func list(_ name: String) -> [String] {
            get(name).flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        func one(_ name: String) -> String? { get(name).last.flatMap { $0.isEmpty ? nil : $0 } }
        selection.regions = list("region")
        selection.kinds = list("kind")
        selection.topics = list("topic")
        selection.agencies = list("agency")
        selection.tags = list("tag")
        selection.feeds = list("feed")
        selection.query = one("q")
        if let s = one("min_score") {
            guard let m = Double(s) else { throw Invalid(description: "min_score: expected a number from 0 to 1, found '\(s)'") }
            selection.minScore = m
        }
        since = one("since")
        until = one("until")
        if let l = one("limit") {
            guard let n = Int(l), (1...500).contains(n) else { throw Invalid(description: "limit: expected 1 to 500, found '\(l)'") }
            limit = n
        }
        if let c = one("cursor") {
            guard let parsed = Cursor(c) else { throw Invalid(description: "cursor: not a cursor this server gave ('\(c)')") }
            cursor = parsed
        }
    }

    init() {}

    /// The store's filter: the selection as `export` reads it, the window, and the cursor's bound.
    func filter(extraTopics: [String], zone: TimeZone) throws -> ExportFilter {
        var f: ExportFilter
        do {
            f = try selection.exportFilter(extraTopics: extraTopics, flag: { $0.replacingOccurrences(of: "-", with: "_") })
        } catch {
            throw Invalid(description: error.description)
        }
        func instant(_ name: String, _ value: String?) throws -> Date? {
            guard let value else { return nil }
            guard let d = DurationText.instant(value, timeZone: zone) else {
                throw Invalid(description: "\(name): expected a duration like 24h or a date like 2026-11-01, found '\(value)'")
            }
            return d
        }
        f.since = try instant("since", since)
        f.until = try instant("until", until)
        return f
    }
}
