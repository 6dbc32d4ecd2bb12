import FinwireTestSupport
import Foundation
import Testing

/// The outbox across `kill -9`: the daemon is killed while its deliveries are in flight, and the next
/// `finwire fetch` delivers every alert — nothing lost, repeats carrying the same delivery id.
@Suite struct AlertCLITests {
    @Test func killNineDuringDeliveryLosesNoAlert() throws {
        let dir = try TemporaryDirectory()
        let server = try LoopbackHTTPServer()
        server.route("/a.xml", LoopbackHTTPServer.staticFeed(try Fixture.bytes("feeds/rss2/sina-finance-roll.xml")))
        // First the receiver answers slowly: the deliveries are still in flight when the daemon dies.
        server.route("/hook", { _ in .init(status: 200, body: Array(repeating: 0x20, count: 200), dripBytesPerSecond: 10) })
        let config = try dir.write(
            "config.json",
            #"{"database": "d.sqlite", "feeds": [{"id": "a", "url": "\#(server.url("/a.xml"))"}], "watches": [{"id": "all", "deliver": [{"type": "webhook", "url": "\#(server.url("/hook"))"}]}]}"#)
        let notify = try NotifySocket(path: dir.path("notify.sock"))
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["run", "--config", config]
        process.environment = ProcessInfo.processInfo.environment.merging(["NOTIFY_SOCKET": notify.path]) { $1 }
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        #expect(notify.wait { $0.contains("3 new") } != nil)
        // Wait (bounded by the notify socket's own timeout, not a tolerance) for the deliveries to start.
        var waited = 0
        while server.requests(to: "/hook").count < 3, waited < 300 {
            usleep(50_000)
            waited += 1
        }
        #expect(server.requests(to: "/hook").count == 3)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        server.route("/hook", { _ in .init(status: 200, body: Array("ok".utf8)) })
        let fetch = try CLI.run(["fetch", "--config", config])
        #expect(fetch.status == 0, "\(fetch.stderr)")
        #expect(fetch.stdout.contains("alerts: 3 delivered, 0 to retry, 0 parked"))
        let ids = server.requests(to: "/hook").compactMap { $0.headers["x-finwire-delivery"] }
        #expect(ids.count == 6)
        #expect(Set(ids).count == 3)
        let status = try CLI.run(["status", "--config", config])
        #expect(status.stdout.contains("all"))
        #expect(status.stdout.range(of: #"all\s+0\s+3\s+0"#, options: .regularExpression) != nil, "\(status.stdout)")
    }
}
