import ArgumentParser
import FinwireCommandSupport
import FinwireDaemon
import FinwireExport
import FinwireModel
import FinwireStore
import FinwireTag
import FinwireXML
import Foundation

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write stored articles out: JSON Lines, a Markdown or HTML digest, Atom, CSV or Hexo posts.",
        discussion: """
            Selects stored articles and writes them in one format. By default each story (the copies of one \
            piece of news from several outlets) is one entry; --all-copies lists every copy.

            Filters narrow each other; a repeated filter widens itself:
              --region   浙江, 衢州市, 330000, or a grouping: 山区26县, 长三角
                         (a province includes its cities and counties)
              --agency   pboc nfra csrc safe mof ndrc state-council lfb gov;
                         nfra also matches local bodies, nfra@浙江 only one
              --topic    inclusive, green, local_debt… or a label: 普惠金融
              --tag      a user rule's tag, or kind:value (doc_type:fangan)
              --query    words that must all occur in title or text
              --since, --until   24h, 7d, 2026-11-01, 2026-11-01T08:00+08:00
                         (the published time; first seen when undated)

            --out FILE is written atomically (temporary file, then rename). \
            --out DIR/ writes DIR/<cursor or finwire>-<date>.<ext>, never over \
            an earlier file; hexo writes one file per article there (and needs \
            a folder unless one article is selected). No --out, or -: stdout.

            --cursor NAME exports only what is new or revised since the last \
            successful export with that name; the cursor moves only after the \
            output is written, so a daily timer gets every story once even \
            when a run fails. A new copy of an exported story does not bring \
            it back; a revision does.

            Examples:
              finwire export --format jsonl --since 24h
              finwire export --feed sina-finance-roll --limit 20 > latest.jsonl
              finwire export --format markdown --region 浙江 --policy-only \\
                --since 7d --out digest.md
              finwire export --format html --cursor daily --out digests/
              finwire export --format atom --region 山区26县 --out 26.atom
              finwire export --format csv --agency nfra --topic 普惠金融 \\
                --query 贷款 --out loans.csv
              finwire export --format hexo --html raw --feed sina \\
                --cursor blog --out ~/blog/source/_posts/
            """)

    @Option(name: .shortAndLong, help: "The configuration file.")
    var config: String = "config.json"

    @Option(help: "Output format: \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: String = "jsonl"

    @Option(help: "Only articles published at or after this: a duration (24h, 7d) or a date.")
    var since: String?

    @Option(help: "Only articles published before this: a duration or a date.")
    var until: String?

    @Option(name: .customLong("feed"), help: "Only this feed id (repeatable).")
    var feeds: [String] = []

    @Option(name: .customLong("region"), help: "Only articles about this region or grouping (repeatable).")
    var regions: [String] = []

    @Option(name: .customLong("agency"), help: "Only articles naming this agency (repeatable).")
    var agencies: [String] = []

    @Option(name: .customLong("topic"), help: "Only articles on this topic (repeatable).")
    var topics: [String] = []

    @Option(name: .customLong("tag"), help: "Only articles with this tag: a user rule's tag or kind:value (repeatable).")
    var tags: [String] = []

    @Flag(help: "Only policy articles (policy score ≥ 0.5).")
    var policyOnly = false

    @Option(help: "Only articles whose policy score is at least this (0–1).")
    var minScore: Double?

    @Option(name: .customLong("kind"), help: "Only articles of these kinds, comma-separated: policy, enforcement, data, market, company, commentary, other (repeatable).")
    var kinds: [String] = []

    @Option(help: "Full-text search: words that must all occur in the title or text.")
    var query: String?

    @Option(help: "At most this many entries: the newest ones (written in the format's usual order).")
    var limit: Int?

    @Flag(help: "One entry per copy instead of one per story.")
    var allCopies = false

    @Option(help: "HTML bodies: sanitized (default) or raw (jsonl, html, atom, hexo).")
    var html: String = "sanitized"

    @Option(help: "Write here: a file, a folder (ending in / or existing), or - for standard output.")
    var out: String?

    @Option(help: "Export only what is new or revised since the last export with this cursor name.")
    var cursor: String?

    @Option(help: "Time zone for displayed times and for dates typed without one (default: the configuration's timezone, else Asia/Shanghai).")
    var timezone: String?

    @Option(help: "Title of a digest or Atom feed.")
    var title: String?

    func run() async throws {
        let config = try loadConfiguration(self.config)
        let options = try validated(defaultZone: config.timeZone)
        let filter = try makeFilter(zone: options.zone, extraTopics: Array(config.extraTopics.keys))
        guard FileManager.default.fileExists(atPath: config.databasePath) else {
            printError("\(config.databasePath): no database yet; run `finwire fetch --config \(self.config)` first")
            throw ExitCode(1)
        }
        let store = try openStore(config)
        var after: Int64?
        if let cursor { after = try await store.cursorPosition(cursor) ?? 0 }
        let context = ExportContext(
            timeZone: options.zone, html: options.html, title: title ?? defaultTitle(options.format),
            selection: selectionText()
        ) { HTMLSanitizer.sanitize($0, base: $1) }
        let job = ExportJob(
            filter: filter, after: after, stories: !allCopies, limit: limit, format: options.format, context: context,
            target: out ?? "-", cursor: cursor)
        let position: Int64
        do {
            position = try await job.run(in: store)
        } catch let error as AtomicWriter.WriteError {
            printError(error.description + (cursor.map { " (cursor '\($0)' not moved)" } ?? ""))
            throw ExitCode(1)
        }
        if let cursor { try await store.advanceCursor(cursor, to: position) }
    }

    struct Options {
        var format: ExportFormat
        var html: HTMLMode
        var zone: TimeZone
    }

    func validated(defaultZone: TimeZone) throws -> Options {
        guard let format = ExportFormat(rawValue: format) else {
            throw ValidationError(
                "--format: expected one of \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")), found '\(self.format)'")
        }
        let zone: TimeZone
        if let timezone {
            guard let named = TimeZone(identifier: timezone) else {
                throw ValidationError("--timezone: unknown time zone '\(timezone)' (try Asia/Shanghai or UTC)")
            }
            zone = named
        } else {
            zone = defaultZone
        }
        guard let htmlMode = HTMLMode(rawValue: html) else {
            throw ValidationError("--html: expected sanitized or raw, found '\(html)'")
        }
        if htmlMode == .raw && !format.carriesHTML {
            throw ValidationError("--html raw: \(format.rawValue) carries no article HTML (--html applies to jsonl, html, atom, hexo)")
        }
        if let limit, limit < 0 { throw ValidationError("--limit: expected 0 or more, found \(limit)") }
        if limit != nil && cursor != nil {
            throw ValidationError("--limit cannot be used with --cursor: what the limit left out would never be exported")
        }
        if let minScore, !(0...1).contains(minScore) {
            throw ValidationError("--min-score: expected a policy score from 0 to 1, found \(minScore)")
        }
        if let cursor, cursor.isEmpty || cursor.contains("/") {
            throw ValidationError("--cursor: expected a name like daily-digest, found '\(cursor)'")
        }
        if let query, query.split(whereSeparator: \.isWhitespace).isEmpty {
            throw ValidationError("--query: expected words to search for, found '\(query)'")
        }
        return Options(format: format, html: htmlMode, zone: zone)
    }

    func makeFilter(zone: TimeZone, extraTopics: [String]) throws -> ExportFilter {
        var f = ExportFilter()
        func instant(_ flag: String, _ value: String) throws -> Date {
            guard let d = DurationText.instant(value, timeZone: zone) else {
                throw ValidationError("\(flag): expected a duration like 24h or a date like 2026-11-01, found '\(value)'")
            }
            return d
        }
        f.since = try since.map { try instant("--since", $0) }
        f.until = try until.map { try instant("--until", $0) }
        var selection = Selection()
        selection.regions = regions
        selection.agencies = agencies
        selection.topics = topics
        selection.tags = tags
        selection.kinds = kinds
        selection.policyOnly = policyOnly
        selection.minScore = minScore
        selection.feeds = feeds
        selection.query = query
        let since = f.since, until = f.until
        do {
            f = try selection.exportFilter(extraTopics: extraTopics)
        } catch {
            throw ValidationError(error.description)
        }
        f.since = since
        f.until = until
        return f
    }

    func defaultTitle(_ format: ExportFormat) -> String {
        format == .atom ? "finwire" : "finwire digest"
    }

    /// The filters in words, for a digest's subtitle.
    func selectionText() -> String {
        var parts: [String] = []
        if !regions.isEmpty { parts.append("region " + regions.joined(separator: ", ")) }
        if !agencies.isEmpty { parts.append("agency " + agencies.joined(separator: ", ")) }
        if !topics.isEmpty { parts.append("topic " + topics.joined(separator: ", ")) }
        if !tags.isEmpty { parts.append("tag " + tags.joined(separator: ", ")) }
        if policyOnly { parts.append("policy only") }
        if !kinds.isEmpty { parts.append("kind " + kinds.joined(separator: ", ")) }
        if let minScore { parts.append("policy score ≥ \(minScore)") }
        if !feeds.isEmpty { parts.append("feed " + feeds.joined(separator: ", ")) }
        if let query { parts.append("“\(query)”") }
        if let since { parts.append("since \(since)") }
        if let until { parts.append("until \(until)") }
        if let cursor { parts.append("new since the last '\(cursor)' export") }
        return parts.joined(separator: " · ")
    }
}

/// One export, read and written in one pass: each entry is rendered as the store's cursor reaches it, so
/// memory stays flat however many articles are selected (the digests and Atom park rendered entries in a
/// temporary file until their order is known; see `Spool`).
struct ExportJob: Sendable {
    var filter: ExportFilter
    var after: Int64?
    var stories: Bool
    var limit: Int?
    var format: ExportFormat
    var context: ExportContext
    /// `--out`: a file, a folder, or `-`.
    var target: String
    var cursor: String?

    /// Writes the output where --out says — one document streamed to standard output or to a file
    /// (atomically), or, for hexo, one file per article — and returns the position the cursor may move to.
    /// Runs on the store's actor: the rows are read and written in the store's one read transaction.
    func run(in store: isolated any ReadStore) throws -> Int64 {
        var isDir: ObjCBool = false
        let toFolder = target != "-"
            && (target.hasSuffix("/") || (FileManager.default.fileExists(atPath: target, isDirectory: &isDir) && isDir.boolValue))
        if format == .hexo && toFolder {
            let posts = try PostFolder(target, header: HexoExporter.header)
            let hexo = HexoExporter(html: context.html, sanitize: context.sanitize)
            let position = try read(store) { try posts.write(hexo.document($0.article)) }
            try posts.finish()
            return position
        }
        if target == "-" {
            let sink = TextSink { try FileHandle.standardOutput.write(contentsOf: Data($0)) }
            return try write(store, to: sink)
        }
        var path = target
        if toFolder {
            try? FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            path = freshName(in: target)
        }
        var position: Int64 = 0
        try AtomicWriter.write(to: path) { emit in position = try write(store, to: TextSink(emit)) }
        return position
    }

    /// Streams a one-document format into `sink`.
    private func write(_ store: isolated any ReadStore, to sink: TextSink) throws -> Int64 {
        var writer: (any EntryWriter)?
        let position = try read(
            store,
            begin: { read in
                // Hexo is one file per article: standard output or a file takes one.
                if format == .hexo, read.total > 1 {
                    throw ValidationError(
                        "--out: hexo writes one file per article (\(read.total) selected); give a folder, like --out posts/")
                }
            }
        ) { e in
            if writer == nil { writer = try ExportRenderer.writer(format, context: context, to: sink) }
            try writer!.add(e)
        }
        // An empty selection still makes a document (a digest saying "No stories.", a CSV header).
        try (writer ?? ExportRenderer.writer(format, context: context, to: sink)).finish()
        return position
    }

    /// Reads the selection, handing each entry to `body` as it comes, with progress on standard error for
    /// long runs (as retag does); returns the snapshot's position.
    private func read(
        _ store: isolated any ReadStore, begin: (ExportRead) throws -> Void = { _ in }, _ body: (ExportEntry) throws -> Void
    ) throws -> Int64 {
        // Progress lines would land among the output on a terminal.
        let quiet = target == "-" && isatty(1) != 0
        var progress: ProgressReporter?
        defer { progress?.finish() }
        var done = 0
        let tags = ExportRenderer.needsTags(format)
        // Decoding each entry's stored tags (for the digests, CSV and Atom) runs on every core, a group
        // behind the reading; the entries still reach `body` one at a time, in order.
        return try withoutActuallyEscaping(body) { body in
            let deliver = { (entry: ExportEntry) throws in
                try body(entry)
                done += 1
                progress?.update(done)
            }
            let decoded = OrderedParallelMap<ExportGroup, ExportEntry>(
                transform: { g in ExportEntry.of(shown: g.shown, copies: g.copies, revised: g.revised, tags: true) },
                deliver: deliver)
            let read = try store.readExport(
                filter, after: after, stories: stories, limit: limit,
                begin: { read in
                    try begin(read)
                    if !quiet { progress = ProgressReporter(label: "export", unit: "entries", total: read.total) }
                },
                each: { g in
                    if tags {
                        try decoded.add(g)
                    } else {
                        try deliver(ExportEntry.of(shown: g.shown, copies: g.copies, revised: g.revised, tags: false))
                    }
                })
            try decoded.finish()
            return read.position
        }
    }

    /// `<cursor or finwire>-<date>.<ext>` in `folder`, with `-2`, `-3`… when a file of that name exists: a
    /// second run on the same day must not replace what the first one wrote.
    func freshName(in folder: String) -> String {
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        let stem = "\(cursor ?? "finwire")-\(context.day(context.now))"
        var name = "\(stem).\(format.fileExtension)"
        var n = 2
        while FileManager.default.fileExists(atPath: base + name) {
            name = "\(stem)-\(n).\(format.fileExtension)"
            n += 1
        }
        return base + name
    }
}
