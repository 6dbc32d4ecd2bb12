import FinwireModel
import Foundation

/// The output formats of `finwire export`.
public enum ExportFormat: String, CaseIterable, Sendable {
    case jsonl, markdown, html, atom, csv, hexo

    public var fileExtension: String {
        switch self {
        case .jsonl: "jsonl"
        case .markdown, .hexo: "md"
        case .html: "html"
        case .atom: "atom"
        case .csv: "csv"
        }
    }

    /// Whether the format carries article bodies as HTML (and so takes `--html sanitized|raw`).
    public var carriesHTML: Bool { self == .jsonl || self == .html || self == .atom || self == .hexo }
}

/// What every renderer needs besides the entries: the reader's time zone, when the export runs, how bodies
/// are written, and a title.
public struct ExportContext: Sendable {
    public var timeZone: TimeZone
    public var now: Date
    public var html: HTMLMode
    /// Sanitizes HTML for output; injected so the export stage does not depend on libxml2.
    public var sanitize: @Sendable (String, URL?) -> String
    /// The digest's or feed's title.
    public var title: String
    /// What was selected, in words (`--region 浙江 --policy-only`), shown under digest titles.
    public var selection: String?

    public init(
        timeZone: TimeZone = FeedSource.defaultTimeZone, now: Date = Date(), html: HTMLMode = .sanitized,
        title: String = "finwire digest", selection: String? = nil,
        sanitize: @escaping @Sendable (String, URL?) -> String
    ) {
        self.timeZone = timeZone
        self.now = now
        self.html = html
        self.title = title
        self.selection = selection
        self.sanitize = sanitize
    }

    /// A digest's subtitle, in parts: how many stories (and policy stories), the time span in the reader's
    /// zone, the zone, and the selection.
    public func summary(_ entries: [ExportEntry]) -> [String] {
        summary(
            count: entries.count, policy: entries.filter(\.isPolicy).count, first: entries.map(\.time).min(),
            last: entries.map(\.time).max())
    }

    /// The same from counts kept while entries streamed past.
    func summary(count: Int, policy: Int, first: Date?, last: Date?) -> [String] {
        var parts = ["\(count) \(count == 1 ? "story" : "stories") (\(policy) policy)"]
        if let first, let last {
            parts.append("published \(LocalTime.minute(first, timeZone)) – \(LocalTime.minute(last, timeZone))")
        }
        parts.append(timeZone.identifier)
        if let selection, !selection.isEmpty { parts.append(selection) }
        return parts
    }

    /// `YYYY-MM-DD` in the reader's zone.
    public func day(_ date: Date) -> String { LocalTime.day(date, timeZone) }

    /// An article's body as this export writes it: sanitized (relative URLs resolved against its link)
    /// unless `--html raw`.
    public func body(_ a: Article) -> String {
        html == .raw ? a.html : sanitize(a.html, a.url.flatMap(URL.init(string:)))
    }
}

/// One file an export writes: its name when written into a folder, and its bytes.
public struct ExportDocument: Sendable, Equatable {
    public var name: String
    public var text: String
    /// The article it was made from, for one-file-per-article formats (hexo); nil for whole documents.
    public var articleId: Int64?

    public init(name: String, text: String, articleId: Int64? = nil) {
        self.name = name
        self.text = text
        self.articleId = articleId
    }
}

/// Where a renderer writes: pieces are gathered as UTF-8 bytes and handed on about a megabyte at a time, so
/// a large export streams to its file or to standard output instead of being built whole in memory. Bytes,
/// not a `String`: a renderer that builds its output as bytes (JSON Lines) hands them over without their
/// being checked as UTF-8 again, which was a tenth of a large export.
public final class TextSink {
    private var buffer: [UInt8] = []
    private let threshold: Int
    private let emit: ([UInt8]) throws -> Void

    public init(flushingEvery threshold: Int = 1 << 20, _ emit: @escaping ([UInt8]) throws -> Void) {
        self.threshold = threshold
        self.emit = emit
    }

    public func write(_ s: String) throws {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= threshold { try flush() }
    }

    /// Bytes that are UTF-8 already (a renderer's own output).
    public func write(utf8 bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= threshold { try flush() }
    }

    public func flush() throws {
        guard !buffer.isEmpty else { return }
        let piece = buffer
        buffer = []
        try emit(piece)
    }

    /// Runs `body` into a string (for tests and small outputs).
    static func collect(_ body: (TextSink) throws -> Void) -> String {
        var out = ""
        let sink = TextSink(flushingEvery: .max) { out += String(decoding: $0, as: UTF8.self) }
        do {
            try body(sink)
            try sink.flush()
        } catch {
            preconditionFailure("writing into a string cannot fail: \(error)")
        }
        return out
    }
}

/// Takes a document's entries one at a time, oldest first (the store's order), so that an export of any size
/// is written while it is read.
public protocol EntryWriter: AnyObject {
    func add(_ entry: ExportEntry) throws
    /// Writes what had to wait for the last entry (a digest's counts, Atom's newest-first order).
    func finish() throws
}

/// An `EntryWriter` made of two closures.
final class EntryStream: EntryWriter {
    private let addEntry: (ExportEntry) throws -> Void
    private let finishDocument: () throws -> Void

    init(add: @escaping (ExportEntry) throws -> Void, finish: @escaping () throws -> Void = {}) {
        addEntry = add
        finishDocument = finish
    }

    func add(_ entry: ExportEntry) throws { try addEntry(entry) }
    func finish() throws { try finishDocument() }
}

/// Renders entries in a format: one document, or (hexo) one per entry.
public enum ExportRenderer {
    /// A writer streaming a one-document format into `sink` (hexo: the posts one after another, which is
    /// what a single post is). `finish` flushes the sink.
    public static func writer(_ format: ExportFormat, context: ExportContext, to sink: TextSink) throws -> any EntryWriter {
        let w: any EntryWriter
        switch format {
        case .jsonl: w = JSONLinesExporter(html: context.html, sanitize: context.sanitize).writer(to: sink)
        case .markdown: w = try MarkdownDigest(context: context).writer(to: sink)
        case .html: w = try HTMLDigest(context: context).writer(to: sink)
        case .atom: w = try AtomExporter(context: context).writer(to: sink)
        case .csv: w = try CSVExporter(context: context).writer(to: sink)
        case .hexo:
            let hexo = HexoExporter(html: context.html, sanitize: context.sanitize)
            w = EntryStream { try sink.write(hexo.render($0.article)) }
        }
        return EntryStream(add: w.add) {
            try w.finish()
            try sink.flush()
        }
    }

    /// Streams a one-document format (every format but hexo) into `sink`.
    public static func write(_ entries: [ExportEntry], as format: ExportFormat, context: ExportContext, to sink: TextSink)
        throws
    {
        let w = try writer(format, context: context, to: sink)
        for e in entries { try w.add(e) }
        try w.finish()
    }

    /// Whether a format reads the decoded tags (JSON Lines and Hexo write the stored JSON, or nothing).
    public static func needsTags(_ format: ExportFormat) -> Bool { format != .jsonl && format != .hexo }

    public static func render(_ entries: [ExportEntry], as format: ExportFormat, context: ExportContext)
        -> [ExportDocument]
    {
        let name = "finwire-\(LocalTime.day(context.now, context.timeZone)).\(format.fileExtension)"
        switch format {
        case .jsonl, .markdown, .html, .atom, .csv:
            return [ExportDocument(name: name, text: TextSink.collect { try write(entries, as: format, context: context, to: $0) })]
        case .hexo:
            let hexo = HexoExporter(html: context.html, sanitize: context.sanitize)
            return entries.map { hexo.document($0.article) }
        }
    }
}
