import FinwireModel
import FinwireTag
import Foundation

/// `export --format csv`: one row per entry for spreadsheets (RFC 4180: comma-separated, CRLF line ends,
/// fields with commas, quotes or line breaks quoted). UTF-8 with a byte-order mark, so that Excel opens
/// Chinese text correctly. Lists inside a cell are separated by `;`. A text cell that begins with `=`, `+`,
/// `-`, `@` or a tab is prefixed with `'` so a spreadsheet shows it instead of running it as a formula.
public struct CSVExporter: Sendable {
    public var context: ExportContext

    public static let columns = [
        "id", "story", "copies", "outlets", "feed", "feed_title", "published", "first_seen", "title", "url",
        "author", "regions", "region_names", "groupings", "agencies", "topics", "doc_types", "custom", "policy_score",
        "is_policy", "kind", "revised", "lead",
    ]

    public init(context: ExportContext) { self.context = context }

    public func render(_ entries: [ExportEntry]) -> String { TextSink.collect { try write(entries, to: $0) } }

    public func write(_ entries: [ExportEntry], to out: TextSink) throws {
        let w = try writer(to: out)
        for e in entries { try w.add(e) }
        try w.finish()
    }

    /// A writer taking entries oldest first: the header at once, then a row per entry as it comes.
    public func writer(to out: TextSink) throws -> any EntryWriter {
        try out.write("\u{FEFF}" + Self.columns.joined(separator: ",") + "\r\n")
        // Rows are rendered on every core, a group behind the reading, and written in order.
        let rows = OrderedParallelMap<ExportEntry, String>(transform: { row($0).joined(separator: ",") + "\r\n" }) {
            try out.write($0)
        }
        return EntryStream(add: rows.add, finish: rows.finish)
    }

    func row(_ e: ExportEntry) -> [String] {
        let s = e.article
        let a = s.article
        let t = e.tags
        let zone = context.timeZone
        func list(_ xs: [String]?) -> String { text((xs ?? []).joined(separator: ";")) }
        return [
            String(s.id), s.storyId.map(String.init) ?? "", String(e.copies.count), list(e.outlets), text(s.feedId),
            text(s.feedTitle ?? ""), a.published.map { LocalTime.iso($0, zone) } ?? "", LocalTime.iso(s.firstSeen, zone),
            text(a.title), text(a.url ?? ""), text(a.author ?? ""), list(t?.regions.map(\.code)),
            list(t?.regions.map(\.name)), list(t?.groupings.map(\.id)), list(t?.agencies.map(\.id)),
            list(t?.topics.map(\.id)), list(t?.docTypes.map(\.id)), list(t?.custom.map(\.id)),
            s.policyScore.map { String(($0 * 1000).rounded() / 1000) } ?? "", s.isPolicy.map { $0 ? "true" : "false" } ?? "", s.kind ?? "",
            e.revised ? "true" : "false", text(Lead.lines(a).joined(separator: " ")),
        ]
    }

    /// A text cell: defused against formula injection, then quoted when it must be.
    func text(_ raw: String) -> String {
        var v = raw
        if let first = v.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { v = "'" + v }
        guard v.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || v.hasPrefix(" ") || v.hasSuffix(" ")
        else { return v }
        return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
