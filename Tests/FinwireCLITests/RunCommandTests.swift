import FinwireTestSupport
import Foundation
import Testing

/// The daemon as systemd runs it: a subprocess with a NOTIFY_SOCKET the test reads, driven by signals.
@Suite struct RunCommandTests {
    @Test func readyReloadRejectedReloadAndCleanStop() throws {
        let dir = try TemporaryDirectory()
        let server = try LoopbackHTTPServer()
        server.route("/a.xml", LoopbackHTTPServer.staticFeed(try Fixture.bytes("feeds/rss2/sina-finance-roll.xml")))
        server.route("/b.rdf", LoopbackHTTPServer.staticFeed(try Fixture.bytes("feeds/rdf/stats-releases.rdf")))
        func config(_ paths: [String], userAgent: String = "finwire-test/1") -> String {
            let feeds = paths.enumerated().map { #"{"id": "f\#($0.offset)", "url": "\#(server.url($0.element))"}"# }
            return #"{"database": "d.sqlite", "metrics_textfile": "finwire.prom", "fetch": {"user_agent": "\#(userAgent)"}, "feeds": [\#(feeds.joined(separator: ","))]}"#
        }
        let configPath = try dir.write("config.json", config(["/a.xml"]))
        let notify = try NotifySocket(path: dir.path("notify.sock"))

        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["run", "--config", configPath, "--log-level", "debug"]
        process.environment = ProcessInfo.processInfo.environment.merging(["NOTIFY_SOCKET": notify.path]) { $1 }
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        #expect(notify.wait { $0.hasPrefix("READY=1") } != nil)
        #expect(notify.wait { $0.contains("3 new") } != nil)  // the first pass stored feed a
        let metrics = try String(contentsOfFile: dir.path("finwire.prom"), encoding: .utf8)
        #expect(metrics.contains("finwire_fetches_total{result=\"ok\"} 1\n"))
        #expect(metrics.contains("finwire_articles_total{change=\"new\"} 3\n"))
        #expect(metrics.contains("finwire_feed_last_success_timestamp_seconds{feed=\"f0\"}"))
        #expect(metrics.contains("# TYPE finwire_fetch_duration_seconds histogram"))

        #expect(server.requests(to: "/a.xml").first?.headers["user-agent"] == "finwire-test/1")

        // SIGHUP with a feed added and fetch settings changed: RELOADING, READY, and the new feed is fetched
        // with the new settings (a reload applies fetch.*, not only the feed list).
        _ = try dir.write("config.json", config(["/a.xml", "/b.rdf"], userAgent: "finwire-test/2"))
        kill(process.processIdentifier, SIGHUP)
        #expect(notify.next() == "RELOADING=1")
        #expect(notify.next()?.hasPrefix("READY=1") == true)
        #expect(notify.wait { $0.contains("2 new") } != nil)
        #expect(server.requests(to: "/b.rdf").count == 1)
        #expect(server.requests(to: "/b.rdf").first?.headers["user-agent"] == "finwire-test/2")

        // A broken configuration on SIGHUP is rejected; the daemon keeps running the old one.
        _ = try dir.write("config.json", #"{"feeds": [}"#)
        kill(process.processIdentifier, SIGHUP)
        #expect(notify.next() == "RELOADING=1")
        #expect(notify.next()?.hasPrefix("READY=1") == true)
        #expect(process.isRunning)

        // One writer at a time: a manual fetch while the daemon runs says so and exits 75.
        let busy = try CLI.run(["fetch", "--config", try dir.write("fetch.json", config(["/a.xml"]))])
        #expect(busy.status == 75)
        #expect(busy.stderr.contains("another finwire (pid \(process.processIdentifier) since "))

        // SIGTERM: STOPPING, exit 0, everything committed.
        kill(process.processIdentifier, SIGTERM)
        #expect(notify.wait { $0 == "STOPPING=1" } != nil)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let status = try CLI.run(["status", "--config", try dir.write("status.json", config(["/a.xml", "/b.rdf"])), "--json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["articles"] as? Int } == [3, 2])
    }
}
