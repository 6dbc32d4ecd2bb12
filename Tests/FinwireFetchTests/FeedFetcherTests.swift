import FinwireFetch
import FinwireModel
import FinwireTestSupport
import Foundation
import Testing

private typealias Response = LoopbackHTTPServer.Response

@Suite struct FeedFetcherTests {
    let server: LoopbackHTTPServer
    let fetcher: FeedFetcher

    init() throws {
        server = try LoopbackHTTPServer()
        var config = FetchConfiguration()
        config.maxBodyBytes = 1 << 20
        config.totalTimeout = 10
        config.lowSpeedBytes = 100
        config.lowSpeedSeconds = 2
        fetcher = FeedFetcher(configuration: config)
    }

    @Test func fetchesABodyAndItsValidators() async throws {
        let body = try Fixture.bytes("feeds/rss2/sina-finance-roll.xml")
        server.route("/roll.xml", LoopbackHTTPServer.staticFeed(body, etag: "\"abc\""))
        let response = try await fetcher.fetch(FetchRequest(url: server.url("/roll.xml"))).get()
        #expect(response.status == 200)
        #expect(response.body == body)
        #expect(response.validators(sent: Validators()) == Validators(etag: "\"abc\"", lastModified: "Sat, 01 Jun 2024 00:00:00 GMT"))
        let request = try #require(server.requests(to: "/roll.xml").first)
        #expect(request.headers["user-agent"]?.hasPrefix("finwire/") == true)
        #expect(request.headers["accept-encoding"]?.contains("gzip") == true)
        #expect(request.headers["if-none-match"] == nil)
    }

    @Test func conditionalGetSendsValidatorsAndGets304() async throws {
        let body = try Fixture.bytes("feeds/rss2/sina-finance-roll.xml")
        server.route("/roll.xml", LoopbackHTTPServer.staticFeed(body, etag: "\"abc\""))
        let sent = Validators(etag: "\"abc\"", lastModified: "Sat, 01 Jun 2024 00:00:00 GMT")
        let response = try await fetcher.fetch(FetchRequest(url: server.url("/roll.xml"), validators: sent)).get()
        #expect(response.status == 304)
        #expect(response.body.isEmpty)
        let request = try #require(server.requests(to: "/roll.xml").last)
        #expect(request.headers["if-none-match"] == "\"abc\"")
        #expect(request.headers["if-modified-since"] == "Sat, 01 Jun 2024 00:00:00 GMT")
    }

    @Test func gzipBodiesArriveDecoded() async throws {
        let gz = try Fixture.bytes("http/sina-finance-roll.xml.gz")
        server.route("/gz.xml") { _ in
            Response(status: 200, headers: [("Content-Type", "application/xml"), ("Content-Encoding", "gzip")], body: gz)
        }
        let response = try await fetcher.fetch(FetchRequest(url: server.url("/gz.xml"))).get()
        let expected = try Fixture.bytes("feeds/rss2/sina-finance-roll.xml")
        #expect(response.body.count == expected.count, "\(response.status) \(response.headers) \(String(decoding: response.body.prefix(60), as: UTF8.self))")
        #expect(response.body == expected)
    }

    @Test func aGzipBombIsCutAtTheDecodedCap() async throws {
        let bomb = try Fixture.bytes("http/bomb-1gib.xml.gz")
        #expect(bomb.count < 1 << 20)  // small on the wire, 1 GiB decoded
        server.route("/bomb.xml") { _ in
            Response(status: 200, headers: [("Content-Encoding", "gzip")], body: bomb)
        }
        let result = await fetcher.fetch(FetchRequest(url: server.url("/bomb.xml")))
        guard case .failure(let error) = result else {
            Issue.record("a 1 GiB body passed a 1 MiB cap")
            return
        }
        #expect(error.kind == .tooLarge)
    }

    @Test func redirectsAreFollowedButNeverToFileURLs() async throws {
        let body = try Fixture.bytes("feeds/rss2/sina-finance-roll.xml")
        server.route("/moved") { _ in Response(status: 301, headers: [("Location", "/roll.xml")]) }
        server.route("/roll.xml", LoopbackHTTPServer.staticFeed(body))
        let ok = try await fetcher.fetch(FetchRequest(url: server.url("/moved"))).get()
        #expect(ok.status == 200)
        #expect(ok.redirects == 1)
        #expect(ok.effectiveURL.hasSuffix("/roll.xml"))

        server.route("/evil") { _ in Response(status: 302, headers: [("Location", "file:///etc/passwd")]) }
        let refused = await fetcher.fetch(FetchRequest(url: server.url("/evil")))
        guard case .failure(let error) = refused else {
            Issue.record("followed a redirect to file://")
            return
        }
        #expect(error.kind == .protocolRefused)
    }

    @Test func redirectLoopsStopAfterFive() async throws {
        server.route("/loop") { _ in Response(status: 302, headers: [("Location", "/loop")]) }
        let result = await fetcher.fetch(FetchRequest(url: server.url("/loop")))
        guard case .failure(let error) = result else {
            Issue.record("a redirect loop did not fail")
            return
        }
        #expect(error.kind == .tooManyRedirects)
        #expect(server.requests(to: "/loop").count == 6)
    }

    @Test func httpErrorsAreAnswersNotTransportErrors() async throws {
        server.route("/broken") { _ in Response(status: 500, body: Array("oops".utf8)) }
        let response = try await fetcher.fetch(FetchRequest(url: server.url("/broken"))).get()
        #expect(response.status == 500)
    }

    @Test func refusedConnectionsAreConnectErrors() async throws {
        let closed = try LoopbackHTTPServer()
        let url = closed.url("/x")
        closed.stop()
        let result = await fetcher.fetch(FetchRequest(url: url))
        guard case .failure(let error) = result else {
            Issue.record("fetch from a closed port succeeded")
            return
        }
        #expect(error.kind == .connect)
        #expect(error.description.contains("127.0.0.1"))
    }

    @Test func aDrippingServerIsCut() async throws {
        server.route("/drip") { _ in
            Response(status: 200, body: Array(repeating: UInt8(ascii: " "), count: 200), dripBytesPerSecond: 10)
        }
        let result = await fetcher.fetch(FetchRequest(url: server.url("/drip")))
        guard case .failure(let error) = result else {
            Issue.record("a 10 byte/s server was not cut")
            return
        }
        #expect(error.kind == .timeout)
    }

    @Test func manyFeedsAtOnceShareTheMultiHandle() async throws {
        let body = try Fixture.bytes("feeds/rss2/sina-finance-roll.xml")
        for i in 0..<40 { server.route("/f\(i).xml", LoopbackHTTPServer.staticFeed(body)) }
        let statuses = await withTaskGroup(of: Int.self) { group in
            for i in 0..<40 {
                group.addTask {
                    (try? await fetcher.fetch(FetchRequest(url: server.url("/f\(i).xml"))).get().status) ?? -1
                }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses.count == 40)
        #expect(statuses.allSatisfy { $0 == 200 })
    }

    @Test func otherSchemesAreRefusedAndFilesAreRead() async throws {
        let refused = await fetcher.fetch(FetchRequest(url: URL(string: "gopher://example.org/feed")!))
        guard case .failure(let error) = refused else {
            Issue.record("gopher was fetched")
            return
        }
        #expect(error.kind == .protocolRefused)
        let fileURL = Fixture.url("feeds/rss2/sina-finance-roll.xml")
        let first = try await fetcher.fetch(FetchRequest(url: fileURL)).get()
        #expect(first.status == 200)
        let again = try await fetcher.fetch(
            FetchRequest(url: fileURL, validators: first.validators(sent: Validators()))
        ).get()
        #expect(again.status == 304)
    }
}

@Suite struct AddressGuardTests {
    @Test func privateAndLoopbackAddressesAreRefusedAfterResolution() async throws {
        let server = try LoopbackHTTPServer()
        server.route("/feed.xml") { _ in LoopbackHTTPServer.Response(status: 200, body: Array("<rss/>".utf8)) }
        var config = FetchConfiguration()
        config.blockPrivateAddresses = true
        let guarded = FeedFetcher(configuration: config)
        // "localhost" is a name: the check happens on the address it resolves to.
        let result = await guarded.fetch(FetchRequest(url: URL(string: "http://localhost:\(server.port)/feed.xml")!))
        guard case .failure(let error) = result else {
            Issue.record("a loopback address was fetched with block_private_addresses on")
            return
        }
        #expect(error.kind == .blockedAddress)
        #expect(server.requests(to: "/feed.xml").isEmpty)
        // Off by default.
        let open = try await FeedFetcher().fetch(FetchRequest(url: server.url("/feed.xml"))).get()
        #expect(open.status == 200)
    }
}

@Suite struct FeedAccessTests {
    @Test func perFeedHeadersCookiesAndProxyAreUsed() async throws {
        let server = try LoopbackHTTPServer()
        server.route("/feed.xml") { _ in LoopbackHTTPServer.Response(status: 200, body: Array("<rss/>".utf8)) }
        // As an HTTP proxy the loopback server sees the absolute URL in the request line.
        server.route("http://feeds.example.invalid/feed.xml") { _ in
            LoopbackHTTPServer.Response(status: 200, body: Array("<rss>via proxy</rss>".utf8))
        }
        let fetcher = FeedFetcher()
        let access = FeedAccess(headers: ["X-Api-Key": "k1", "Referer": "https://finance.sina.com.cn/"], cookies: "a=1; b=2")
        _ = try await fetcher.fetch(FetchRequest(url: server.url("/feed.xml"), access: access)).get()
        let seen = try #require(server.requests(to: "/feed.xml").first)
        #expect(seen.headers["x-api-key"] == "k1")
        #expect(seen.headers["referer"] == "https://finance.sina.com.cn/")
        #expect(seen.headers["cookie"] == "a=1; b=2")

        let proxied = try await fetcher.fetch(
            FetchRequest(
                url: URL(string: "http://feeds.example.invalid/feed.xml")!,
                access: FeedAccess(proxy: server.baseURL.absoluteString))
        ).get()
        #expect(String(decoding: proxied.body, as: UTF8.self) == "<rss>via proxy</rss>")
    }
}
