import ArgumentParser
import FinwireModel
import FinwireParse
import FinwireXML
import Foundation

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure finwire's stages on local files (see BENCHMARKS.md).",
        subcommands: [ParseBench.self, TagBench.self, DedupeBench.self])
}

struct ParseBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse-only throughput: MB/s and items/s over feed files already read into memory.",
        discussion: """
            Each file is read first (not timed), then parsed by finwire's parser (timed): the same measure as \
            ../shared/bench/xmlprobe.c gives for raw libxml2. --chunk pushes each file in chunks of N bytes, \
            as the fetcher does while bytes arrive; --with-text also extracts every entry's plain text.

            Example: finwire bench parse /tmp/fw/f2000
            """)

    @Argument(help: "Feed files, or folders whose *.xml files are parsed.")
    var paths: [String]

    @Option(help: "Push each document in chunks of this many bytes (0 = whole document).")
    var chunk = 0

    @Flag(help: "Also extract each entry's plain text (as ingest does).")
    var withText = false

    @Flag(help: "Stream: read each file in 64 KiB chunks and hand entries over as they complete (flat memory; file reading is timed).")
    var stream = false

    func run() throws {
        let files = try TagBench.files(paths)
        var bytes = 0
        var items = 0
        var bozo = 0
        var elapsed = Duration.zero
        let parser = FeedParser(options: ParseOptions(timeZone: TimeZone(identifier: "Asia/Shanghai")!))
        for file in files {
            if stream {
                let start = ContinuousClock.now
                guard let handle = FileHandle(forReadingAtPath: file) else { throw ValidationError("\(file): cannot read") }
                var count = 0
                let session = parser.makeStreamingSession { e in
                    count += 1
                    if withText, let body = e.content.first ?? e.summary { _ = HTMLText(html: body.value) }
                }
                while true {
                    let chunk = handle.readData(ofLength: 65536)
                    if chunk.isEmpty { break }
                    bytes += chunk.count
                    chunk.withUnsafeBytes { session.push($0) }
                }
                if session.finish().bozo { bozo += 1 }
                items += count
                elapsed += ContinuousClock.now - start
                continue
            }
            let data = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
            let start = ContinuousClock.now
            let feed: ParsedFeed
            if chunk > 0 {
                let session = parser.makeSession()
                var i = 0
                while i < data.count {
                    data[i..<min(i + chunk, data.count)].withUnsafeBytes { session.push($0) }
                    i += chunk
                }
                feed = session.finish()
            } else {
                feed = parser.parse(data)
            }
            if withText {
                for e in feed.entries {
                    if let body = e.content.first ?? e.summary { _ = HTMLText(html: body.value) }
                }
            }
            elapsed += ContinuousClock.now - start
            bytes += data.count
            items += feed.entries.count
            if feed.bozo { bozo += 1 }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print(
            String(
                format: "finwire-parse files=%d bytes=%d items=%d bozo=%d seconds=%.3f MB/s=%.1f items/s=%.0f maxrss_mb=%d",
                files.count, bytes, items, bozo, seconds, Double(bytes) / 1e6 / seconds, Double(items) / seconds,
                usage.ru_maxrss / 1024))
    }
}
