import FinwireDaemon
import FinwireIngest
import FinwireFetch
import FinwireModel
import FinwireStore
import FinwireTestSupport
import Foundation
import Logging
import Testing

/// The fetch policy end to end: a scripted loopback server, libcurl, the store; each test checks the
/// stored state afterwards and that the other feed was not affected.
@Suite struct IngestPassPolicyTests {
    let server: LoopbackHTTPServer
    let dir: TemporaryDirectory
    let store: SQLiteStore
    let fetcher = FeedFetcher()
    let feedBytes: [UInt8]
    /// The clock every pass reads: fixed, so that pauses and schedules are asserted exactly, however busy
    /// the machine is (a whole second, as HTTP dates are).
    let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))

    init() throws {
        server = try LoopbackHTTPServer()
        dir = try TemporaryDirectory()
        store = try SQLiteStore(path: dir.path("finwire.sqlite"))
        feedBytes = try Fixture.bytes("feeds/rss2/sina-finance-roll.xml")
        // The bystander lives on another host name (localhost) so host pauses of 127.0.0.1 do not touch it.
        server.route("/bystander.xml", LoopbackHTTPServer.staticFeed(try Fixture.bytes("feeds/rdf/stats-releases.rdf")))
    }

    var bystander: FeedSource {
        FeedSource(id: "bystander", url: URL(string: "http://localhost:\(server.port)/bystander.xml")!)
    }

    func feed(_ path: String) -> FeedSource { FeedSource(id: "subject", url: server.url(path), interval: 600) }

    func pass(_ feeds: [FeedSource], dueOnly: Bool = false) async throws -> [String: FeedOutcome] {
        try await store.syncFeeds(feeds)
        let p = IngestPass(
            store: store, fetcher: fetcher, concurrency: 2,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), dueOnly: dueOnly,
            now: { [now] in now })
        return Dictionary(uniqueKeysWithValues: await p.run(feeds).map { ($0.feedId, $0) })
    }

    func bystanderUnaffected(_ outcomes: [String: FeedOutcome]) -> Bool {
        outcomes["bystander"]?.succeeded == true && outcomes["bystander"]?.skipped == nil
    }

    @Test(arguments: ["120", "date"])
    func retryAfterPausesTheHostAcrossRuns(form: String) async throws {
        let until = now.addingTimeInterval(120)
        let value = form == "date" ? httpDate(until) : form
        server.route("/busy.xml") { _ in LoopbackHTTPServer.Response(status: 429, headers: [("Retry-After", value)]) }
        let first = try await pass([feed("/busy.xml"), bystander])
        #expect(first["subject"]?.status == 429)
        #expect(bystanderUnaffected(first))
        let pause = try #require(try await store.hostPause(host: "127.0.0.1", now: now))
        #expect(pause.until == until)

        // A new store on the same file (as after a restart) still honours the pause: nothing is requested.
        let before = server.requests(to: "/busy.xml").count
        let reopened = try SQLiteStore(path: dir.path("finwire.sqlite"))
        let p = IngestPass(
            store: reopened, fetcher: fetcher, concurrency: 2,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), now: { [now] in now })
        let second = Dictionary(uniqueKeysWithValues: await p.run([feed("/busy.xml"), bystander]).map { ($0.feedId, $0) })
        #expect(second["subject"]?.skipped?.contains("paused") == true)
        #expect(server.requests(to: "/busy.xml").count == before)
        #expect(bystanderUnaffected(second))
    }

    @Test func serviceUnavailableWithoutRetryAfterBacksOffAndSuccessResets() async throws {
        server.route("/flaky.xml") { _ in LoopbackHTTPServer.Response(status: 503) }
        _ = try await pass([feed("/flaky.xml"), bystander])
        _ = try await pass([feed("/flaky.xml"), bystander])
        var state = try await store.fetchState(feedId: "subject")
        #expect(state.consecutiveFailures == 2)
        #expect(try await store.hostPause(host: "127.0.0.1", now: now) == nil)
        let due = try #require(state.nextDue)
        #expect(due > now.addingTimeInterval(500))
        // --due-only leaves it alone until then; a plain fetch still tries, and success resets the count.
        #expect(try await pass([feed("/flaky.xml")], dueOnly: true)["subject"]?.skipped?.hasPrefix("not due") == true)
        server.route("/flaky.xml", LoopbackHTTPServer.staticFeed(feedBytes))
        let healed = try await pass([feed("/flaky.xml"), bystander])
        #expect(healed["subject"]?.summary.inserted == 3)
        state = try await store.fetchState(feedId: "subject")
        #expect(state.consecutiveFailures == 0)
    }

    @Test func goneDisablesTheFeedAndKeepsItsArticles() async throws {
        server.route("/feed.xml", LoopbackHTTPServer.staticFeed(feedBytes))
        _ = try await pass([feed("/feed.xml"), bystander])
        server.route("/feed.xml") { _ in LoopbackHTTPServer.Response(status: 410) }
        let gone = try await pass([feed("/feed.xml"), bystander])
        #expect(gone["subject"]?.status == 410)
        #expect(try await store.fetchState(feedId: "subject").disabledReason?.contains("410") == true)
        let after = try await pass([feed("/feed.xml"), bystander])
        #expect(after["subject"]?.skipped?.hasPrefix("disabled") == true)
        #expect(bystanderUnaffected(after))
        #expect(try await store.articleCount(feedId: "subject") == 3)
    }

    @Test func thirdPermanentRedirectMovesTheFeedButTemporaryOnesNever() async throws {
        server.route("/old.xml") { _ in LoopbackHTTPServer.Response(status: 301, headers: [("Location", "/new.xml")]) }
        server.route("/new.xml", LoopbackHTTPServer.staticFeed(feedBytes))
        server.route("/temp.xml") { _ in LoopbackHTTPServer.Response(status: 302, headers: [("Location", "/new.xml")]) }
        for _ in 0..<3 { _ = try await pass([feed("/old.xml"), bystander]) }
        #expect(try await store.fetchState(feedId: "subject").currentURL == server.url("/new.xml").absoluteString)
        let hitsBefore = server.requests(to: "/old.xml").count
        let fourth = try await pass([feed("/old.xml"), bystander])
        #expect(fourth["subject"]?.url == server.url("/new.xml").absoluteString)
        #expect(server.requests(to: "/old.xml").count == hitsBefore)  // fetched at the new URL directly

        let other = FeedSource(id: "temporary", url: server.url("/temp.xml"))
        for _ in 0..<4 { _ = try await pass([other]) }
        #expect(try await store.fetchState(feedId: "temporary").currentURL == nil)
    }

    @Test func aNewETagOn304IsSaved() async throws {
        server.route("/etag.xml") { request in
            if request.headers["if-none-match"] == "\"v1\"" {
                return LoopbackHTTPServer.Response(status: 304, headers: [("ETag", "\"v2\"")])
            }
            return LoopbackHTTPServer.Response(status: 200, headers: [("ETag", "\"v1\"")], body: self.feedBytes)
        }
        _ = try await pass([feed("/etag.xml")])
        let second = try await pass([feed("/etag.xml")])
        #expect(second["subject"]?.status == 304)
        #expect(try await store.fetchState(feedId: "subject").validators.etag == "\"v2\"")
    }

    @Test func aConnectionResetMidBodyIsATransportFailure() async throws {
        server.route("/cut.xml") { _ in
            LoopbackHTTPServer.Response(status: 200, body: self.feedBytes, resetAfter: 400)
        }
        let outcomes = try await pass([feed("/cut.xml"), bystander])
        #expect(outcomes["subject"]?.succeeded == false)
        #expect(try await store.articleCount(feedId: "subject") == 0)
        #expect(try await store.fetchState(feedId: "subject").consecutiveFailures == 1)
        #expect(bystanderUnaffected(outcomes))
    }

    @Test func slowDripsBombsLoopsAndRedirectsToFilesFailWithoutHarm() async throws {
        let bomb = try Fixture.bytes("http/bomb-1gib.xml.gz")
        server.route("/drip.xml") { _ in
            LoopbackHTTPServer.Response(status: 200, body: Array(repeating: 0x20, count: 300), dripBytesPerSecond: 10)
        }
        server.route("/bomb.xml") { _ in LoopbackHTTPServer.Response(status: 200, headers: [("Content-Encoding", "gzip")], body: bomb) }
        server.route("/passwd.xml") { _ in
            LoopbackHTTPServer.Response(status: 302, headers: [("Location", "file:///etc/passwd")])
        }
        server.route("/loop.xml") { _ in LoopbackHTTPServer.Response(status: 302, headers: [("Location", "/loop.xml")]) }
        var config = FetchConfiguration()
        config.lowSpeedBytes = 100
        config.lowSpeedSeconds = 2
        config.maxBodyBytes = 1 << 20
        let strict = FeedFetcher(configuration: config)
        let feeds = [
            FeedSource(id: "drip", url: server.url("/drip.xml")), FeedSource(id: "bomb", url: server.url("/bomb.xml")),
            FeedSource(id: "passwd", url: server.url("/passwd.xml")), FeedSource(id: "loop", url: server.url("/loop.xml")),
            bystander,
        ]
        try await store.syncFeeds(feeds)
        let p = IngestPass(
            store: store, fetcher: strict, concurrency: 4,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let outcomes = Dictionary(uniqueKeysWithValues: await p.run(feeds).map { ($0.feedId, $0) })
        for id in ["drip", "bomb", "passwd", "loop"] {
            #expect(outcomes[id]?.succeeded == false, "\(id) should fail")
            let state = try await store.fetchState(feedId: id)
            #expect(state.consecutiveFailures == 1)
            #expect(state.nextDue != nil)
            #expect(try await store.articleCount(feedId: id) == 0)
        }
        #expect(try await store.fetchState(feedId: "drip").lastError?.hasPrefix("timeout") == true)
        #expect(try await store.fetchState(feedId: "bomb").lastError?.hasPrefix("tooLarge") == true)
        #expect(try await store.fetchState(feedId: "passwd").lastError?.hasPrefix("protocolRefused") == true)
        #expect(try await store.fetchState(feedId: "loop").lastError?.hasPrefix("tooManyRedirects") == true)
        #expect(bystanderUnaffected(outcomes))
    }

    @Test func adaptiveFeedsAreScheduledByTheirObservedGap() async throws {
        server.route("/feed.xml", LoopbackHTTPServer.staticFeed(feedBytes))
        var adaptive = feed("/feed.xml")
        adaptive.adaptive = true
        adaptive.interval = 86_400
        _ = try await pass([adaptive])  // first fetch: no history yet, the configured day applies
        _ = try await pass([adaptive])  // now the stored articles give the rate
        // The fixture's three items are 30 min 34 s and 3 h 25 min apart; the (upper) median gap is 12,300 s.
        #expect(try await store.medianPublishingGap(feedId: "subject") == 12_300)
        let due = try #require(try await store.fetchState(feedId: "subject").nextDue)
        #expect(due < now.addingTimeInterval(4 * 3600))  // about 3.4 h, not the configured day
        #expect(due > now.addingTimeInterval(3 * 3600))
    }

    func httpDate(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return f.string(from: date)
    }
}
