import ArgumentParser
import FinwireModel
import FinwireParse
import FinwireTag
import FinwireXML
import Foundation

struct TagBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag",
        abstract: "Tagging throughput on one core (MB/s of text), automaton build time and memory.",
        discussion: """
            Parses the feed files first and extracts each entry's title and plain text (not timed), then tags \
            every entry --repeat times on one thread (timed). Build time is the fastest of 5 builds. --dump \
            writes the corpus as JSON Lines ({"title", "text"}) so a peer can tag the very same text \
            (Benchmarks/tag-peer.py). --results writes each article's stored tag JSON, one line per article \
            (untimed, after the timed runs), so two builds can be compared byte for byte: a speed change must \
            not change a tag.

            Examples: finwire bench tag /tmp/fw/f200 --repeat 3
            finwire bench tag data/real-corpus/*.jsonl --results /tmp/tags.jsonl
            """)

    @Argument(help: "Feed files, folders whose *.xml files are read, or JSON Lines files ({\"title\", \"text\"} per line, e.g. the rebuilt real corpus).")
    var paths: [String]

    @Option(help: "Tag the corpus this many times.")
    var `repeat` = 1

    @Option(help: "Write the corpus as JSON Lines to this file.")
    var dump: String?

    @Option(help: "Write every article's tags (the stored JSON, one line each) to this file.")
    var results: String?

    func run() throws {
        let clock = ContinuousClock()
        var rssBefore = rusage()
        getrusage(RUSAGE_SELF.rawValue, &rssBefore)
        var builds: [Double] = []
        var lexicon: Lexicon?
        for _ in 0..<5 {
            let t0 = clock.now
            lexicon = Lexicon()
            builds.append(Self.seconds(clock.now - t0))
        }
        let tagger = Tagger(lexicon: lexicon!)
        var corpus: [(String, String)] = []
        let parser = FeedParser(options: ParseOptions(timeZone: TimeZone(identifier: "Asia/Shanghai")!))
        for file in try Self.files(paths) {
            if file.hasSuffix(".jsonl") {
                for (_, o) in try readJSONLObjects(file) {
                    corpus.append((o["title"] as? String ?? "", o["text"] as? String ?? ""))
                }
                continue
            }
            let feed = parser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: file))))
            for e in feed.entries {
                let body = (e.content.first ?? e.summary).map { $0.isHTML ? HTMLText(html: $0.value).text : $0.value } ?? ""
                corpus.append((e.title?.value ?? "", body))
            }
        }
        if let dump {
            var out = ""
            for (t, x) in corpus {
                out += JSONValue.object([("title", .string(t)), ("text", .string(x))]).serialized() + "\n"
            }
            try out.write(toFile: dump, atomically: true, encoding: .utf8)
        }
        let bytes = corpus.reduce(0) { $0 + $1.0.utf8.count + $1.1.utf8.count }
        var regions = 0, policy = 0
        let t0 = clock.now
        for _ in 0..<max(1, self.repeat) {
            for (t, x) in corpus {
                let r = tagger.tag(title: t, text: x)
                regions += r.regions.count
                if r.isPolicy { policy += 1 }
            }
        }
        let seconds = Self.seconds(clock.now - t0)
        if let results {
            var out = ""
            for (t, x) in corpus { out += tagger.tag(title: t, text: x).jsonString() + "\n" }
            try out.write(toFile: results, atomically: true, encoding: .utf8)
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let total = Double(bytes * max(1, self.repeat))
        print(
            String(
                format: "finwire-tag articles=%d bytes=%d repeat=%d seconds=%.3f MB/s=%.1f articles/s=%.0f "
                    + "build_ms_min=%.1f build_ms_max=%.1f patterns=%d states=%d automaton_mb=%.1f maxrss_mb=%d "
                    + "regions=%d policy=%d",
                corpus.count, bytes, self.repeat, seconds, total / 1e6 / seconds,
                Double(corpus.count * max(1, self.repeat)) / seconds, builds.min()! * 1000, builds.max()! * 1000,
                lexicon!.patternCount, lexicon!.stateCount, Double(lexicon!.automatonBytes) / 1e6,
                usage.ru_maxrss / 1024, regions / max(1, self.repeat), policy / max(1, self.repeat)))
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static func files(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".xml") }
                files += names.sorted().map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        return files
    }
}
