import FinwireAlerts
import FinwireDaemon
import FinwireExport
import FinwireModel
import FinwireStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Synchronization

/// `finwire serve`: a read-only JSON API and web page over the database, beside the daemon (SQLite in WAL
/// mode lets it read while the daemon writes). Every route is a GET and changes nothing stored (a `q`
/// search catches up the lazily filled full-text index first, as `export` does).
public struct LiveView: Sendable {
    /// Read connections, taken in turn: one SQLite connection answers one query at a time, and a second
    /// lets both cores answer (WAL readers do not block each other or the daemon).
    let stores: [SQLiteStore]
    private let turn = Turn()
    var store: SQLiteStore { stores[turn.next() % stores.count] }
    let config: Configuration
    /// Required as `Authorization: Bearer <token>` on every request when set.
    let token: String?
    let logger: Logger
    let now: @Sendable () -> Date
    /// The page's map and chart: a month of policy stories counted once a minute, not on every page view.
    let overview = OverviewCache()
    /// Story lists and pages asked again before the database changed.
    let cache: ResponseCache
    /// A connection of its own that only reads the database's change counter, so the check never waits
    /// behind a long query.
    let versions: SQLiteStore

    /// - Parameter versions: the connection that reads the change counter; nil uses the first of `stores`.
    public init(
        stores: [SQLiteStore], versions: SQLiteStore? = nil, config: Configuration, token: String?, logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        precondition(!stores.isEmpty, "serve needs a store")
        self.stores = stores
        self.versions = versions ?? stores[0]
        self.cache = ResponseCache(maxAge: TimeInterval(config.serveCacheSeconds))
        self.config = config
        self.token = token
        self.logger = logger
        self.now = now
    }

    /// Refuses an address other machines can reach unless a token guards it (exit 78 in the command).
    public static func check(_ listen: ListenAddress, token: String?) throws(ServeError) {
        if !listen.isLoopback, token == nil {
            throw ServeError(
                "refusing to listen on \(listen), which other machines can reach, without a token: set serve.token_file "
                    + "(a file holding a bearer token) or listen on 127.0.0.1")
        }
    }

    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: Guard(token: token))
        router.get("/api/stories") { request, _ in await self.cached(request) { try await self.stories(request) } }
        router.get("/api/stories/:id") { _, context in
            await self.respond { try await self.story(context.parameters.require("id", as: Int64.self)) }
        }
        router.get("/api/feeds") { _, _ in await self.respond { try await self.feeds() } }
        router.get("/api/openapi.json") { _, _ in Self.json(OpenAPI.document) }
        router.get("/metrics") { _, _ in await self.respond { try await self.metrics() } }
        router.get("/") { request, _ in await self.cached(request) { try await self.indexPage(request) } }
        router.get("/regions") { _, _ in Self.html(RegionTree.page()) }
        router.get("/stories/:id") { _, context in
            await self.respond { try await self.storyPage(context.parameters.require("id", as: Int64.self)) }
        }
        router.get("/static/finwire.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: Pages.css)))
        }
        return router
    }

    /// Runs until cancelled or SIGTERM/SIGINT; `onRunning` hears the bound port (useful with port 0).
    public func run(listen: ListenAddress, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let app = Application(
            router: router(), configuration: .init(address: .hostname(listen.host, port: listen.port), serverName: nil),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? listen.port) }, logger: logger)
        try await app.runService()
    }

    /// The application without signal handling, for tests that cancel it.
    public func application(listen: ListenAddress, onRunning: @escaping @Sendable (Int) async -> Void) -> some ApplicationProtocol {
        Application(
            router: router(), configuration: .init(address: .hostname(listen.host, port: listen.port), serverName: nil),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? listen.port) }, logger: logger)
    }

    // MARK: API

    func stories(_ request: Request) async throws -> Rendered {
        let query = try StoryQuery { request.uri.queryParameters.getAll($0) }
        let (page, next) = try await page(query)
        return Self.rendered(
            .object([
                ("stories", .array(page.map { StorySummary(id: Self.key($0), shown: $0.shown, copies: $0.copies).json })),
                ("next", next.map { .string($0.text) } ?? .null),
            ]))
    }

    /// A page of stories newest first, and the cursor of the next one (nil on the last page).
    func page(_ query: StoryQuery) async throws -> ([ExportGroup], StoryQuery.Cursor?) {
        let filter = try query.filter(extraTopics: Array(config.extraTopics.keys), zone: config.timeZone)
        let read = try await store.storyPage(filter, after: query.cursor?.position, limit: query.limit + 1)
        let page = read.prefix(query.limit)
        let next = read.count > query.limit ? page.last.map { StoryQuery.Cursor($0.position) } : nil
        return (page.map(\.group), next)
    }

    func story(_ id: Int64) async throws -> Response {
        guard let (shown, copies) = try await store.story(key: id) else {
            return Self.json(.object([("error", .string("no story \(id)"))]), status: .notFound)
        }
        var versions: [JSONValue] = []
        for copy in copies {
            for v in try await store.versions(articleId: copy.id) {
                versions.append(.object([
                    ("article_id", .int(Int(copy.id))), ("title", .string(v.title)), ("content_hash", .string(v.contentHash)),
                    ("replaced_at", .string(ISODate.string(v.replacedAt))),
                ]))
            }
        }
        let copyJSON: [JSONValue] = copies.map { c in
            .object([
                ("article_id", .int(Int(c.id))), ("feed", .string(c.feedId)), ("outlet", .string(c.feedTitle ?? c.feedId)),
                ("title", .string(c.article.title)), ("url", c.article.url.map { .string($0) } ?? .null),
                ("published", c.article.published.map { .string(ISODate.string($0)) } ?? .null),
                ("first_seen", .string(ISODate.string(c.firstSeen))), ("text", .string(c.article.text)),
                ("tags", c.tagsJSON.map { .raw($0) } ?? .null),
            ])
        }
        return Self.json(
            .object([
                ("story", StorySummary(id: id, shown: shown, copies: copies).json), ("copies", .array(copyJSON)),
                ("versions", .array(versions)),
            ]))
    }

    /// Each feed's object is written as it is made: a tree of 20,000 feeds' values before the first byte
    /// was most of the server's peak memory.
    func feeds() async throws -> Response {
        let rows = try await store.feedStatuses(now: now())
        var buffer = ByteBuffer()
        buffer.reserveCapacity(rows.count * 260 + 2)
        buffer.writeString("[")
        for (i, r) in rows.enumerated() {
            if i > 0 { buffer.writeString(",") }
            buffer.writeString(FeedStatusJSON.json(r).serialized())
        }
        buffer.writeString("]")
        return Rendered(status: .ok, contentType: "application/json; charset=utf-8", body: buffer).response
    }

    func metrics() async throws -> Response {
        let totals = try await store.totals()
        let feeds = try await store.feedStatuses(now: now())
        let outbox = try await store.outboxSummaries()
        var lines = [
            "# HELP finwire_articles Articles stored.", "# TYPE finwire_articles gauge", "finwire_articles \(totals.articles)",
            "# HELP finwire_stories Stories (clusters of copies).", "# TYPE finwire_stories gauge", "finwire_stories \(totals.stories)",
            "# HELP finwire_feeds Configured feeds by health.", "# TYPE finwire_feeds gauge",
        ]
        let disabled = feeds.filter { $0.disabledReason != nil || !$0.enabled }.count
        let failing = feeds.filter { $0.disabledReason == nil && $0.enabled && $0.consecutiveFailures > 0 }.count
        lines += [
            "finwire_feeds{state=\"ok\"} \(feeds.count - disabled - failing)", "finwire_feeds{state=\"failing\"} \(failing)",
            "finwire_feeds{state=\"disabled\"} \(disabled)",
            "# HELP finwire_serve_cache Story lists and pages answered from the cache (hit) or by a query (miss).",
            "# TYPE finwire_serve_cache counter",
            "finwire_serve_cache{result=\"hit\"} \(cache.counts.hits)", "finwire_serve_cache{result=\"miss\"} \(cache.counts.misses)",
            "# HELP finwire_alerts Alerts in the outbox by watch and state.", "# TYPE finwire_alerts gauge",
        ]
        for o in outbox {
            let w = o.watchId.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            lines += [
                "finwire_alerts{watch=\"\(w)\",state=\"pending\"} \(o.pending)",
                "finwire_alerts{watch=\"\(w)\",state=\"delivered\"} \(o.delivered)",
                "finwire_alerts{watch=\"\(w)\",state=\"parked\"} \(o.parked)",
            ]
        }
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: lines.joined(separator: "\n") + "\n")))
    }

    // MARK: Pages

    func indexPage(_ request: Request) async throws -> Rendered {
        let query: StoryQuery
        do {
            query = try StoryQuery { request.uri.queryParameters.getAll($0) }
        } catch {
            return Self.renderedHTML(Pages.error("\(error)"), status: .badRequest)
        }
        let (page, next): ([ExportGroup], StoryQuery.Cursor?)
        do {
            (page, next) = try await self.page(query)
        } catch let e as StoryQuery.Invalid {
            return Self.renderedHTML(Pages.error(e.description), status: .badRequest)
        }
        let offset = config.timeZone.secondsFromGMT(for: now())
        let counts: (byProvince: [String: Int], byDay: [String: Int])
        if let cached = overview.get(now: now()) {
            counts = cached
        } else {
            counts = try await store.policyCounts(since: now().addingTimeInterval(-30 * 86_400), offsetSeconds: offset)
            overview.set(counts, now: now())
        }
        let stories = page.map { StorySummary(id: Self.key($0), shown: $0.shown, copies: $0.copies) }
        return Self.renderedHTML(
            Pages.index(
                query: query, stories: stories, next: next, counts: counts, today: now(), offsetSeconds: offset,
                topics: FilterChoices.topics(extra: Array(config.extraTopics.keys))))
    }

    func storyPage(_ id: Int64) async throws -> Response {
        guard let (shown, copies) = try await store.story(key: id) else {
            return Self.html(Pages.error("No story \(id)."), status: .notFound)
        }
        return Self.html(Pages.story(id: id, shown: shown, copies: copies))
    }

    // MARK: Helpers

    /// An entry's key as exports key it: its story, or minus its article outside any story.
    static func key(_ g: ExportGroup) -> Int64 { g.shown.storyId ?? -g.shown.id }

    /// Runs a handler, turning a bad parameter into 400 and anything else into 500 with a logged error.
    func respond(_ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch let e as StoryQuery.Invalid {
            return Self.json(.object([("error", .string(e.description))]), status: .badRequest)
        } catch let e as HTTPError {
            return Self.json(.object([("error", .string(e.body ?? "\(e.status)"))]), status: e.status)
        } catch {
            logger.error("serve: request failed", metadata: ["error": "\(error)"])
            return Self.json(.object([("error", .string("internal error; see the server's log"))]), status: .internalServerError)
        }
    }

    /// Answers from the cache while the database is unchanged; otherwise from `make`, kept when it is a 200.
    /// The counter is read before the query, so a commit during it leaves an entry that the next request
    /// already sees as stale.
    func cached(_ request: Request, _ make: @escaping @Sendable () async throws -> Rendered) async -> Response {
        let key = request.uri.description
        let version = cache.maxAge > 0 ? try? await versions.dataVersion() : nil
        if let version, let hit = cache.get(key, version: version, now: now()) { return hit.answer.response }
        return await respond {
            let answer = try await make()
            if let version, answer.status == .ok { cache.set(key, .init(version: version, at: now(), answer: answer)) }
            return answer.response
        }
    }

    static func rendered(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Rendered {
        Rendered(status: status, contentType: "application/json; charset=utf-8", body: ByteBuffer(string: value.serialized()))
    }

    static func renderedHTML(_ text: String, status: HTTPResponse.Status = .ok) -> Rendered {
        Rendered(status: status, contentType: "text/html; charset=utf-8", body: ByteBuffer(string: text))
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response { rendered(value, status: status).response }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response { renderedHTML(text, status: status).response }
}

/// Which read connection answers next.
final class Turn: Sendable {
    private let counter = Atomic<Int>(0)
    func next() -> Int { counter.wrappingAdd(1, ordering: .relaxed).oldValue & Int.max }
}

/// The last overview counts and when they were made.
final class OverviewCache: Sendable {
    typealias Counts = (byProvince: [String: Int], byDay: [String: Int])
    private let state = Mutex<(at: Date, counts: Counts)?>(nil)

    func get(now: Date) -> Counts? {
        state.withLock { s in s.flatMap { now.timeIntervalSince($0.at) < 60 ? $0.counts : nil } }
    }

    func set(_ counts: Counts, now: Date) { state.withLock { $0 = (now, counts) } }
}

/// Why `serve` will not start.
public struct ServeError: Error, CustomStringConvertible {
    public var description: String
    init(_ d: String) { description = d }
}

/// Every response: the token when one is set (compared in constant time), GET and HEAD only, and headers
/// that keep a browser to what this server sends (CSP `default-src 'self'`: no script, style or image
/// from anywhere else, no inline script).
struct Guard: RouterMiddleware {
    typealias Context = BasicRequestContext
    let token: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let token {
            let given = Array((request.headers[.authorization] ?? "").utf8)
            let wanted = Array("Bearer \(token)".utf8)
            var diff = given.count == wanted.count ? 0 : 1
            for (a, b) in zip(given, wanted) { diff |= Int(a ^ b) }
            if diff != 0 {
                return Response(
                    status: .unauthorized, headers: [.wwwAuthenticate: "Bearer", .contentType: "application/json"],
                    body: .init(byteBuffer: ByteBuffer(string: #"{"error":"a bearer token is required"}"#)))
            }
        }
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD"])
        }
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = "default-src 'self'"
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        return response
    }
}
