import FinwireModel
import FinwireTag
import Foundation

/// `export --format atom`: the selection as an Atom 1.0 feed (RFC 4287), newest first, for feed readers and
/// for other finwires. Entry ids are stable URNs built from the feed id and the item's identity, so a
/// re-export of a revised story is the same entry with a later `updated`. Tags become categories whose
/// `scheme` names their kind (`urn:finwire:region`, …) and whose `label` is the readable name.
///
/// Every string is escaped, characters XML forbids are dropped, and bodies are sanitized unless
/// `--html raw`, so the document always parses (finwire's own parser and Python's feedparser read it
/// without `bozo`).
public struct AtomExporter: Sendable {
    public var context: ExportContext

    public init(context: ExportContext) { self.context = context }

    public func render(_ entries: [ExportEntry]) -> String { TextSink.collect { try write(entries, to: $0) } }

    public func write(_ entries: [ExportEntry], to out: TextSink) throws {
        let w = try writer(to: out)
        for e in entries { try w.add(e) }
        try w.finish()
    }

    /// A writer taking entries oldest first. The feed is newest first and its `updated` is the latest
    /// entry's, so entries are rendered as they come, parked on disk, and written backwards at `finish`.
    public func writer(to out: TextSink) throws -> any EntryWriter {
        let spool = try Spool()
        var last: Int64?
        var updated: Date?
        // Entries are rendered on every core, a group behind the reading, and spooled in order.
        let entries = OrderedParallelMap<ExportEntry, (ExportEntry, String)>(transform: { ($0, entry($0)) }) { e, text in
            last = try spool.append(text, after: last)
            updated = max(updated ?? self.updated(e), self.updated(e))
        }
        return EntryStream(
            add: entries.add,
            finish: {
                try entries.finish()
                try out.write(head(updated: updated ?? context.now))
                try spool.readBackwards(from: last) { try out.write($0) }
                try out.write("</feed>\n")
            })
    }

    func head(updated: Date) -> String {
        var x = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
            <id>urn:finwire:feed:\(ContentHash.hex([context.title, context.selection ?? ""]))</id>
            <title>\(Escape.xml(context.title))</title>

            """
        if let s = context.selection, !s.isEmpty { x += "<subtitle>\(Escape.xml(s))</subtitle>\n" }
        x += """
            <updated>\(ISODate.string(updated))</updated>
            <author><name>finwire</name></author>
            <generator version="0.1.0">finwire</generator>

            """
        return x
    }

    /// When the entry last changed: its feed's own dates or finwire's revision time, whichever is latest.
    func updated(_ e: ExportEntry) -> Date {
        [e.article.article.published, e.article.article.updated, e.article.changed].compactMap { $0 }.max()!
    }

    func entry(_ e: ExportEntry) -> String {
        let s = e.article
        let a = s.article
        var x = "<entry>\n"
        x += "<id>urn:finwire:article:\(Escape.xml(s.feedId)):\(ContentHash.hex([a.identity]))</id>\n"
        x += "<title type=\"text\">\(Escape.xml(a.title.isEmpty ? "(untitled)" : a.title))</title>\n"
        if let link = e.link { x += "<link rel=\"alternate\" type=\"text/html\" href=\"\(Escape.xml(link))\"/>\n" }
        if let p = a.published { x += "<published>\(ISODate.string(p))</published>\n" }
        x += "<updated>\(ISODate.string(updated(e)))</updated>\n"
        let author = a.author.flatMap { $0.isEmpty ? nil : $0 } ?? e.outlets.first
        if let author { x += "<author><name>\(Escape.xml(author))</name></author>\n" }
        for c in categories(e) {
            x += "<category term=\"\(Escape.xml(c.term))\" scheme=\"urn:finwire:\(c.kind)\" label=\"\(Escape.xml(c.label))\"/>\n"
        }
        for c in a.categories { x += "<category term=\"\(Escape.xml(c))\"/>\n" }
        let lead = Lead.lines(a)
        if !lead.isEmpty { x += "<summary type=\"text\">\(Escape.xml(lead.joined(separator: "\n")))</summary>\n" }
        if !a.html.isEmpty {
            x += "<content type=\"html\">\(Escape.xml(context.body(a)))</content>\n"
        } else if e.link == nil {
            // RFC 4287 4.1.2: an entry without content needs an alternate link; without either, its text.
            x += "<content type=\"text\">\(Escape.xml(a.text.isEmpty ? a.title : a.text))</content>\n"
        }
        return x + "</entry>\n"
    }

    func categories(_ e: ExportEntry) -> [(kind: String, term: String, label: String)] {
        guard let t = e.tags else { return [] }
        var out: [(String, String, String)] = t.regions.map { ("region", $0.code, $0.name) }
        out += t.groupings.map { ("grouping", $0.id, $0.name) }
        out += t.agencies.map { ("agency", $0.id, $0.name.replacingOccurrences(of: " ", with: "")) }
        out += t.topics.map { ("topic", $0.id, TagLabels.topic($0.id)) }
        out += t.docTypes.map { ("doc_type", $0.id, TagLabels.docType($0.id)) }
        out += t.custom.map { ("custom", $0.id, $0.name) }
        if t.isPolicy { out.append(("policy", "policy", "政策")) }
        if let kind = e.kind { out.append(("kind", kind, kind)) }
        return out
    }
}
