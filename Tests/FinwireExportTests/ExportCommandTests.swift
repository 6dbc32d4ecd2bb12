import FinwireExport
import FinwireTestSupport
import Foundation
import Testing

/// `finwire export` as users and timers run it: the built binary over a database filled by `finwire fetch`
/// from fixture feeds (file: URLs, no network).
@Suite struct ExportCommandTests {
    /// `swift test` builds every product next to the test bundle.
    static let binary: URL = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("finwire")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("finwire")
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
            stderr: String(decoding: e, as: UTF8.self))
    }

    /// A configuration with the Sina fixture feeds, fetched once.
    static func fetched() throws -> (TemporaryDirectory, String) {
        let dir = try TemporaryDirectory("finwire-export-cli")
        let config = try dir.write(
            "config.json",
            """
            {"database": "finwire.sqlite", "feeds": [
              {"id": "roll", "url": "\(Fixture.url("feeds/rss2/sina-finance-roll.xml").absoluteString)", "title": "新浪财经"},
              {"id": "seed", "url": "\(Fixture.url("feeds/rss2/sina-seed-article.xml").absoluteString)", "title": "新浪财经",
               "categories": ["金融", "新浪财经", "新浪财经－国內"]}
            ]}
            """)
        let fetch = try run(["fetch", "--config", config])
        #expect(fetch.status == 0, "\(fetch.stdout)\(fetch.stderr)")
        return (dir, config)
    }

    @Test func aFailedWriteExits1AndTheCursorStaysSoTheNextRunHasEverything() throws {
        let (dir, config) = try Self.fetched()
        let blocker = try dir.write("not-a-folder", "a file where a folder should be")
        let failed = try Self.run(["export", "--config", config, "--format", "markdown", "--cursor", "daily", "--out", blocker + "/digest.md"])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("cannot write") && failed.stderr.contains("cursor 'daily' not moved"))
        let all = try Self.run(["export", "--config", config, "--format", "jsonl"]).stdout
        let first = try Self.run(["export", "--config", config, "--format", "jsonl", "--cursor", "daily"])
        #expect(first.status == 0)
        #expect(first.stdout == all && !all.isEmpty)
        let second = try Self.run(["export", "--config", config, "--format", "jsonl", "--cursor", "daily"])
        #expect(second.status == 0 && second.stdout.isEmpty)
    }

    @Test func outWritesAFileAFolderOrStandardOutput() throws {
        let (dir, config) = try Self.fetched()
        let file = dir.path("digest.html")
        #expect(try Self.run(["export", "--config", config, "--format", "html", "--out", file]).status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
        let folder = dir.path("digests") + "/"
        for _ in 0..<2 {
            #expect(try Self.run(["export", "--config", config, "--format", "markdown", "--cursor", "md", "--out", folder]).status == 0)
        }
        // Two runs on one day: two files, the second never replacing the first.
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names.count == 2 && names.allSatisfy { $0.hasPrefix("md-") && $0.hasSuffix(".md") })
        #expect(!names.contains { $0.hasPrefix(".") })  // no temporary file left behind

        let posts = dir.path("posts") + "/"
        #expect(try Self.run(["export", "--config", config, "--format", "hexo", "--html", "raw", "--feed", "seed", "--out", posts]).status == 0)
        let post = try #require(try FileManager.default.contentsOfDirectory(atPath: posts).first)
        #expect(try Data(contentsOf: URL(fileURLWithPath: posts + post)) == Data(try Fixture.bytes("export/seed-article.md")))
        // One article may go to standard output; several need a folder.
        let one = try Self.run(["export", "--config", config, "--format", "hexo", "--feed", "seed"])
        #expect(one.status == 0 && one.stdout.hasPrefix("\n---\ntitle: '浙江支持山区26县"))
        let many = try Self.run(["export", "--config", config, "--format", "hexo"])
        #expect(many.status == 64 && many.stderr.contains("--out: hexo writes one file per article ("))
        #expect(many.stderr.contains("selected); give a folder, like --out posts/"))
    }

    @Test func theAtomExportRoundTripsThroughFinwireParse() throws {
        let (dir, config) = try Self.fetched()
        let atom = dir.path("all.atom")
        #expect(try Self.run(["export", "--config", config, "--format", "atom", "--all-copies", "--out", atom]).status == 0)
        let parsed = try Self.run(["parse", "--json", atom])
        #expect(parsed.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(parsed.stdout.utf8)) as? [String: Any])
        #expect(json["bozo"] as? Bool == false)
        #expect(json["version"] as? String == "atom10")
        let entries = try #require(json["entries"] as? [[String: Any]])
        #expect(entries.count == 4)
        let seed = try #require(entries.first { ($0["title"] as? String)?.hasPrefix("浙江支持山区26县") == true })
        #expect(seed["published"] as? String == "2021-11-09T11:00:34Z")
        #expect(seed["link"] as? String == "https://finance.sina.com.cn/china/2021-11-09/doc-iktzscyy4469123.shtml")
        #expect((seed["tags"] as? [[String: Any]])?.contains { $0["term"] as? String == "zj-26-mountain-counties" } == true)
    }

    @Test func filtersFromTheCommandLine() throws {
        let (dir, config) = try Self.fetched()
        defer { withExtendedLifetime(dir) {} }
        func count(_ args: [String]) throws -> Int {
            let r = try Self.run(["export", "--config", config, "--format", "jsonl"] + args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            return r.stdout.split(separator: "\n").count
        }
        #expect(try count(["--region", "山区26县"]) == 1)
        #expect(try count(["--region", "浙江", "--policy-only"]) == 1)
        let policy = try count(["--policy-only"])
        let all = try count([])
        #expect(try count(["--kind", "policy"]) == policy)
        #expect(try count(["--kind", "policy,market,data,company,commentary,enforcement,other"]) == all)
        let bad = try Self.run(["export", "--config", config, "--kind", "rumour"])
        #expect(bad.status == 64 && bad.stderr.contains("--kind: expected policy, enforcement"))
        #expect(try count(["--query", "杭州银行"]) >= 1)
        #expect(try count(["--query", "不可能出现的词语"]) == 0)
        #expect(try count(["--agency", "nfra@浙江"]) == 1)
        #expect(try count(["--limit", "1"]) == 1)
    }

    @Test func badValuesNameTheFlagAndExit64() throws {
        let (dir, config) = try Self.fetched()
        defer { withExtendedLifetime(dir) {} }
        let cases: [([String], String)] = [
            (["--format", "pdf"], "--format: expected one of jsonl, markdown, html, atom, csv, hexo, found 'pdf'"),
            (["--region", "火星"], "--region: no region or grouping named '火星'"),
            (["--agency", "fed"], "--agency: unknown agency 'fed'"),
            (["--topic", "crypto"], "--topic: unknown topic 'crypto'"),
            (["--tag", "colour:red"], "--tag: 'colour:red' is not kind:value"),
            (["--since", "yesterday"], "--since: expected a duration like 24h or a date like 2026-11-01, found 'yesterday'"),
            (["--timezone", "Mars/Base"], "--timezone: unknown time zone 'Mars/Base'"),
            (["--html", "raw", "--format", "csv"], "--html raw: csv carries no article HTML"),
            (["--min-score", "2"], "--min-score: expected a policy score from 0 to 1, found 2.0"),
            (["--cursor", "d", "--limit", "5"], "--limit cannot be used with --cursor"),
        ]
        for (args, message) in cases {
            let r = try Self.run(["export", "--config", config] + args)
            #expect(r.status == 64, "\(args)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
        }
    }

    @Test func helpTeachesWithExamples() throws {
        let r = try Self.run(["export", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Examples:") && r.stdout.contains("--cursor") && r.stdout.contains("山区26县"))
    }
}
