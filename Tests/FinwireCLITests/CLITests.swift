import FinwireTestSupport
import Foundation
import Synchronization
import Testing

/// Runs the built `finwire` executable, as users and scripts do, to check exit codes and output.
struct CLI {
    /// `swift test` builds every product next to the test bundle.
    static let binary: URL = {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = testBinary.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("finwire")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return testBinary.deletingLastPathComponent().appendingPathComponent("finwire")
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], in directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Both pipes drain at once: reading stdout to its end first would block forever once the child
        // fills stderr's pipe buffer (64 KiB) and waits for it to be read.
        let errData = Mutex(Data())
        let drained = DispatchGroup()
        let errHandle = err.fileHandleForReading
        DispatchQueue.global().async(group: drained) {
            let data = errHandle.readDataToEndOfFile()
            errData.withLock { $0 = data }
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData.withLock { $0 }, as: UTF8.self))
    }
}

@Suite struct CLITests {
    @Test func theBinaryWasBuilt() {
        #expect(FileManager.default.isExecutableFile(atPath: CLI.binary.path), "no finwire at \(CLI.binary.path)")
    }

    @Test func aBadConfigurationExits78AndNamesThePath() throws {
        let r = try CLI.run(["fetch", "--config", Fixture.url("config/invalid-many.json").path])
        #expect(r.status == 78)
        #expect(r.stderr.contains("invalid-many.json:7: feeds[3].url: not an http(s) or file URL"))
        #expect(r.stdout.isEmpty)
    }

    @Test func fetchPrintsALinePerFeedAndExits1WhenOneFails() throws {
        let server = try LoopbackHTTPServer()
        server.route("/sina.xml", LoopbackHTTPServer.staticFeed(try Fixture.bytes("feeds/rss2/sina-finance-roll.xml")))
        server.route("/down.xml") { _ in LoopbackHTTPServer.Response(status: 500) }
        let dir = try TemporaryDirectory()
        let config = try dir.write(
            "config.json",
            """
            {"database": "db/finwire.sqlite", "feeds": [
              {"id": "sina", "url": "\(server.url("/sina.xml"))", "title": "新浪财经", "categories": ["财经"]},
              {"id": "down", "url": "\(server.url("/down.xml"))"}
            ]}
            """)
        try FileManager.default.createDirectory(at: dir.url.appendingPathComponent("db"), withIntermediateDirectories: true)
        let first = try CLI.run(["fetch", "--config", config])
        #expect(first.status == 1)
        let lines = first.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("sina  200  new 3  updated 0  unchanged 0") })
        #expect(lines.contains { $0.hasPrefix("down  500  FAILED") && $0.contains("HTTP 500") })
        #expect(lines.last?.hasPrefix("total: 2 feeds, 1 ok, 1 failed") == true)

        let second = try CLI.run(["fetch", "--config", config, "--feed", "sina", "--json"])
        #expect(second.status == 0)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])
        let feeds = try #require(json["feeds"] as? [[String: Any]])
        #expect(feeds.count == 1)
        #expect(feeds[0]["status"] as? Int == 304)
        #expect(feeds[0]["new"] as? Int == 0)

        let export = try CLI.run(["export", "--config", config, "--format", "jsonl"])
        #expect(export.status == 0)
        let exported = export.stdout.split(separator: "\n")
        #expect(exported.count == 3)
        let row = try #require(try JSONSerialization.jsonObject(with: Data(exported[0].utf8)) as? [String: Any])
        #expect(row["feed"] as? String == "sina")
        #expect(row["feed_title"] as? String == "新浪财经")
        #expect(row["feed_categories"] as? [String] == ["财经"])
        #expect(row["published"] as? String == "2021-11-09T07:05:00Z")
        #expect(row["title"] as? String == "杭州银行股价收涨3%")

        let status = try CLI.run(["status", "--config", config, "--json"])
        #expect(status.status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [[String: Any]])
        let down = try #require(rows.first { $0["id"] as? String == "down" })
        #expect(down["last_status"] as? Int == 500)
        #expect(down["consecutive_failures"] as? Int == 1)
        #expect(down["next_due"] as? String != nil)
        let sinaRow = try #require(rows.first { $0["id"] as? String == "sina" })
        #expect(sinaRow["articles"] as? Int == 3)
        #expect(sinaRow["consecutive_failures"] as? Int == 0)
        let table = try CLI.run(["status", "--config", config])
        #expect(table.stdout.hasPrefix("feed"))
        #expect(table.stdout.contains("HTTP 500"))

        let since = try CLI.run(["export", "--config", config, "--since", "2021-11-09T18:00:00+08:00"])
        #expect(since.stdout.split(separator: "\n").count == 2)
        let unknown = try CLI.run(["fetch", "--config", config, "--feed", "nope"])
        #expect(unknown.status == 78)
    }

    @Test func parsePrintsTheNormalizedSchema() throws {
        let r = try CLI.run([
            "parse", "--json", "--timezone", "Asia/Shanghai", Fixture.url("feeds/rss2/sina-finance-roll.xml").path,
        ])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["bozo"] as? Bool == false)
        #expect(json["version"] as? String == "rss20")
        let entries = try #require(json["entries"] as? [[String: Any]])
        #expect(entries.count == 3)
        #expect(entries[0]["published"] as? String == "2021-11-09T11:00:34Z")
    }

    @Test func helpTeaches() throws {
        let r = try CLI.run(["fetch", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Exit status"))
        #expect(r.stdout.contains("--config"))
    }
}
