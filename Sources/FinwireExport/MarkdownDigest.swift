import FinwireModel
import Foundation

/// `export --format markdown`: a digest to read, grouped by region, then topic. Each story is one list item:
/// its title (linked), a *revised* marker when its content changed after it was first seen, then on its own
/// lines the time in the reader's zone, its outlets, its top tags, and a two-line lead.
///
/// Article text is escaped (no Markdown or HTML from a feed reaches a renderer) and links are http(s) only.
/// Lines end in `\`, CommonMark's visible hard line break.
public struct MarkdownDigest: Sendable {
    public var context: ExportContext

    public init(context: ExportContext) { self.context = context }

    public func render(_ entries: [ExportEntry]) -> String { TextSink.collect { try write(entries, to: $0) } }

    public func write(_ entries: [ExportEntry], to out: TextSink) throws {
        let w = try writer(to: out)
        for e in entries { try w.add(e) }
        try w.finish()
    }

    /// A writer taking entries oldest first. The heading's counts need every entry, so items are rendered
    /// as they come, parked on disk, and written at `finish`.
    public func writer(to out: TextSink) throws -> any EntryWriter {
        let file = try DigestFile()
        // Items are rendered on every core, a group behind the reading, and filed in order.
        let items = OrderedParallelMap<ExportEntry, (ExportEntry, String)>(transform: { ($0, item($0)) }) {
            _ = try file.add($0.0, rendered: $0.1)
        }
        return EntryStream(add: items.add) {
            try items.finish()
            try finish(file, out)
        }
    }

    func finish(_ file: DigestFile, _ out: TextSink) throws {
        let zone = context.timeZone
        try out.write("# \(Escape.markdown(context.title)) — \(LocalTime.day(context.now, zone))\n\n")
        let summary = context.summary(count: file.count, policy: file.policy, first: file.first, last: file.last)
        try out.write("*" + summary.map(Escape.markdown).joined(separator: " · ") + "*\n")
        if file.count == 0 { return try out.write("\nNo stories.\n") }
        for region in file.ordered {
            try out.write("\n## \(Escape.markdown(region.name)) · \(region.count)\n")
            for topic in region.ordered {
                try out.write("\n### \(Escape.markdown(topic.name)) · \(topic.count)\n")
                try file.entries(topic) { try out.write("\n" + $0) }
            }
        }
    }

    func item(_ e: ExportEntry) -> String {
        let a = e.article.article
        let title = Escape.markdown(a.title.isEmpty ? "(untitled)" : a.title)
        var head = e.link.map { "**[\(title)](<\($0.replacingOccurrences(of: "<", with: "%3C").replacingOccurrences(of: ">", with: "%3E"))>)**" } ?? "**\(title)**"
        if e.revised { head += " *(revised)*" }
        var lines = [head]
        var meta = [LocalTime.short(e.time, context.timeZone)]
        let outlets = e.outlets
        meta.append(outlets.prefix(3).joined(separator: ", ") + (outlets.count > 3 ? " +\(outlets.count - 3)" : ""))
        if let kind = e.kind { meta.append(kind) }
        lines.append(meta.map(Escape.markdown).joined(separator: " · "))
        let tags = TagLabels.top(e.tags)
        if !tags.isEmpty { lines.append(tags.map(Escape.markdown).joined(separator: " · ")) }
        lines += Lead.lines(a).map(Escape.markdown)
        return "- " + lines.joined(separator: "\\\n  ") + "\n"
    }
}
