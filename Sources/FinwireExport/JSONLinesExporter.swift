import FinwireModel
import Foundation

/// How HTML bodies are written by HTML-bearing formats.
public enum HTMLMode: String, Sendable, CaseIterable {
    /// Allow-listed markup only: no scripts, handlers, styles or unsafe URLs (the default).
    case sanitized
    /// The body exactly as the feed sent it; only for consumers that sanitize themselves.
    case raw
}

/// `export --format jsonl`: one JSON object per article per line, for data pipelines.
/// The schema (README, "JSON Lines export") is stable: keys are only ever added, never renamed.
public struct JSONLinesExporter: Sendable {
    public var html: HTMLMode
    /// Sanitizes HTML for output; injected so the export stage does not depend on libxml2.
    public var sanitize: @Sendable (String, URL?) -> String

    public init(html: HTMLMode = .sanitized, sanitize: @escaping @Sendable (String, URL?) -> String) {
        self.html = html
        self.sanitize = sanitize
    }

    /// One entry's line: the shown copy's keys, then its story, outlets and copies.
    public func line(_ e: ExportEntry) -> String {
        String(decoding: lineBytes(e).dropLast(), as: UTF8.self)
    }

    /// The line as UTF-8, newline included: what the export writes.
    func lineBytes(_ e: ExportEntry) -> [UInt8] {
        var o = JSONLine()
        object(e.article, into: &o)
        if let story = e.storyId {
            o.int("story", Int(story))
            // The same id under the name the dedupe documentation uses.
            o.int("cluster", Int(story))
        }
        o.bool("revised", e.revised)
        o.strings("outlets", e.outlets)
        o.array("copies", e.copies) { x, c in
            x.int("id", Int(c.id))
            x.string("feed", c.feedId)
            x.string("feed_title", c.feedTitle)
            x.string("url", c.article.url)
            x.string("published", c.article.published.map(ISODate.string))
            x.string("first_seen", ISODate.string(c.firstSeen))
        }
        return o.finishedLine()
    }

    /// Writes entries as they come, rendered on every core a group behind the reading (see
    /// `OrderedParallelMap`), in order.
    public func writer(to sink: TextSink) -> any EntryWriter {
        let lines = OrderedParallelMap<ExportEntry, [UInt8]>(transform: { self.lineBytes($0) }) { try sink.write(utf8: $0) }
        return EntryStream(add: lines.add, finish: lines.finish)
    }

    public func line(_ s: StoredArticle) -> String {
        var o = JSONLine()
        object(s, into: &o)
        return String(decoding: o.finishedLine().dropLast(), as: UTF8.self)
    }

    /// The keys absent values leave out, in the schema's order (what `JSONObjectBuilder` wrote before).
    func object(_ s: StoredArticle, into o: inout JSONLine) {
        let a = s.article
        o.int("id", Int(s.id))
        o.string("feed", s.feedId)
        o.string("feed_title", s.feedTitle)
        o.string("identity", a.identity)
        o.string("guid", a.guid)
        o.string("url", a.url)
        o.string("title", a.title)
        o.string("author", a.author)
        o.string("published", a.published.map(ISODate.string))
        o.string("updated", a.updated.map(ISODate.string))
        o.string("first_seen", ISODate.string(s.firstSeen))
        o.string("last_seen", ISODate.string(s.lastSeen))
        o.string("changed", ISODate.string(s.changed))
        o.strings("categories", a.categories)
        o.strings("feed_categories", s.feedCategories)
        o.string("image", a.imageURL)
        o.string("html", html == .raw ? a.html : sanitize(a.html, a.url.flatMap(URL.init(string:))))
        o.string("text", a.text)
        o.string("content_hash", a.contentHash)
        // The tagger's result with its evidence (see `finwire tag --json`); absent until tagged.
        if let tags = s.tagsJSON { o.raw("tags", tags) }
        if let score = s.policyScore { o.raw("policy_score", score.isFinite ? String(score) : "null") }
        if let policy = s.isPolicy { o.bool("is_policy", policy) }
        o.string("kind", s.kind)
    }
}

/// One JSON object written straight into UTF-8 bytes: the same text as `JSONValue.serialized()` (compact,
/// `/` unescaped, non-ASCII as UTF-8, U+2028/U+2029 escaped), without building a `JSONValue` tree and
/// without escaping scalar by scalar, which took most of a large JSON Lines export's time. Keys with a nil
/// value are left out, as `JSONObjectBuilder` does.
struct JSONLine {
    private var bytes: [UInt8] = [UInt8(ascii: "{")]
    private var empty = true

    init(capacity: Int = 8192) { bytes.reserveCapacity(capacity) }

    private mutating func key(_ k: StaticString) {
        if !empty { bytes.append(UInt8(ascii: ",")) }
        empty = false
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount))
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    mutating func string(_ k: StaticString, _ value: String?) {
        guard let value else { return }
        key(k)
        Self.escape(value, into: &bytes)
    }

    mutating func int(_ k: StaticString, _ value: Int) {
        key(k)
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func bool(_ k: StaticString, _ value: Bool) { raw(k, value ? "true" : "false") }

    mutating func raw(_ k: StaticString, _ json: String) {
        key(k)
        bytes.append(contentsOf: json.utf8)
    }

    mutating func strings(_ k: StaticString, _ values: [String]) {
        key(k)
        bytes.append(UInt8(ascii: "["))
        for (i, v) in values.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            Self.escape(v, into: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func array<T>(_ k: StaticString, _ values: [T], _ element: (inout JSONLine, T) -> Void) {
        key(k)
        bytes.append(UInt8(ascii: "["))
        for (i, v) in values.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            var o = JSONLine(capacity: 256)
            element(&o, v)
            o.bytes.append(UInt8(ascii: "}"))
            bytes.append(contentsOf: o.bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// The object and its newline, as bytes: they are UTF-8 by construction (keys are static, values
    /// come from Swift strings), so they are not decoded into a `String` again.
    mutating func finishedLine() -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// A JSON string: runs that need no escape are copied whole.
    static func escape(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { u in
            var run = 0
            var i = 0
            func flush() {
                if run < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: u[run..<i])) }
            }
            while i < u.count {
                let b = u[i]
                // Most bytes need nothing: one test for them before the cases.
                if b >= 0x20 && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") && b != 0xE2 {
                    i += 1
                    continue
                }
                let escaped: String?
                var width = 1
                switch b {
                case UInt8(ascii: "\""): escaped = "\\\""
                case UInt8(ascii: "\\"): escaped = "\\\\"
                case 0x0A: escaped = "\\n"
                case 0x0D: escaped = "\\r"
                case 0x09: escaped = "\\t"
                case 0..<0x20:
                    let hex = String(b, radix: 16)
                    escaped = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                case 0xE2 where i + 2 < u.count && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9):
                    escaped = u[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    width = 3
                default: escaped = nil
                }
                if let escaped {
                    flush()
                    out.append(contentsOf: escaped.utf8)
                    i += width
                    run = i
                } else {
                    i += 1
                }
            }
            flush()
        }
        out.append(UInt8(ascii: "\""))
    }
}
