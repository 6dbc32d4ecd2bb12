import FinwireDedupe
import FinwireFetch
import FinwireModel
import FinwireNormalize
import FinwireParse
import FinwireStore
import FinwireTag
import Foundation
import Logging

/// How one feed fared in a pass.
public struct FeedOutcome: Sendable, Equatable {
    public var feedId: String
    public var url: String
    public var status: Int?
    public var summary: SaveSummary
    public var milliseconds: Int
    /// True for a 304, or a 200 whose body hash equals the last one (not parsed again).
    public var notModified: Bool
    /// Set when the feed failed; its stored articles are untouched.
    public var failure: FeedFailure?
    /// The failure as the one-line text `fetch` prints.
    public var error: String? { failure?.description }
    /// Set when the document parsed but was not clean (recovered XML, encoding trouble).
    public var warning: String?
    /// Set when the feed was not fetched on purpose: disabled (410), its host paused, or not yet due.
    public var skipped: String?

    public var succeeded: Bool { failure == nil }
}

/// Why a feed failed, by the stage that failed: metrics and reports switch on the stage instead of
/// guessing it from a message or from whether an HTTP status was seen.
public enum FeedFailure: Sendable, Equatable, CustomStringConvertible {
    /// No usable response: DNS, connect, TLS, timeout, size cap, refused scheme or address.
    case transport(String)
    /// A response whose status is not a success (4xx, 5xx, or a redirect that was not followed).
    case http(status: Int, url: String)
    /// A success whose body is not a feed libxml2 or the JSON reader could read.
    case parse(reason: String, url: String)
    /// The database refused a read or a write; the feed's stored articles are as they were.
    case store(String)

    public var description: String {
        switch self {
        case .transport(let message): message
        case .http(let status, let url): "fetch: HTTP \(status) from \(url)"
        case .parse(let reason, let url): "parse: \(reason) (\(url))"
        case .store(let message): message
        }
    }

    /// The `result` label of `finwire_fetches_total`.
    public var metricLabel: String {
        switch self {
        case .transport: "transport_error"
        case .http: "http_error"
        case .parse: "parse_error"
        case .store: "store_error"
        }
    }
}

/// One pass over a set of feeds: fetch concurrently, parse and normalize each as it arrives, and store each
/// feed's results in its own transaction. This is the whole ingest path that `finwire fetch` runs once and
/// the daemon will schedule. A failing feed never stops the others.
public struct FetchPass: Sendable {
    let store: ArticleStore
    let fetcher: FeedFetcher
    let normalizer = Normalizer()
    let logger: Logger
    let concurrency: Int
    let policy: FetchPolicy
    /// Only feeds whose next-due time has come are fetched (the daemon's rule; `fetch --due-only`).
    let dueOnly: Bool
    /// Tags new and changed articles before they are stored; nil stores them untagged.
    let tagger: Tagger?
    /// Puts new articles into story clusters after each feed lands; nil leaves them unclustered.
    let clusterer: Clusterer?
    /// The wall clock every decision reads (pauses, schedules, the fetch log): tests fix it, so that what
    /// they assert does not depend on how busy the machine is.
    let now: @Sendable () -> Date

    public init(
        store: ArticleStore, fetcher: FeedFetcher, concurrency: Int, logger: Logger, policy: FetchPolicy = FetchPolicy(),
        dueOnly: Bool = false, tagger: Tagger? = nil, clusterer: Clusterer? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.now = now
        self.tagger = tagger
        self.clusterer = clusterer
        self.store = store
        self.fetcher = fetcher
        self.concurrency = max(1, concurrency)
        self.logger = logger
        self.policy = policy
        self.dueOnly = dueOnly
    }

    /// GUID identities unless the feed has shown they cannot be trusted — the same GUID on different links
    /// in one document, or new GUIDs for links already stored — then link identities, for good (recorded on
    /// the feed, and logged once).
    func settleIdentities(_ articles: [Article], feed: FeedSource) async throws -> [Article] {
        var mode = try await store.identityMode(feedId: feed.id)?.mode
        if mode == nil {
            var reason: String?
            var linkOf: [String: String] = [:]
            for a in articles where a.identity.hasPrefix("guid:") {
                guard let url = a.url else { continue }
                if let seen = linkOf[a.identity], seen != url {
                    reason = "the same GUID on different links"
                    break
                }
                linkOf[a.identity] = url
            }
            if reason == nil, articles.allSatisfy({ !$0.identity.hasPrefix("guid:") }),
                articles.contains(where: { $0.identity.hasPrefix("url:") })
            {
                reason = "its items carry no GUIDs"
            }
            if reason == nil {
                let unstable = try await store.unstableIdentities(feedId: feed.id, articles: articles)
                if unstable >= 2 { reason = "new GUIDs for \(unstable) links already stored" }
            }
            if let reason {
                try await store.switchToLinkIdentity(feedId: feed.id, note: reason, rekey: Normalizer.linkIdentity)
                logger.notice(
                    "feed GUIDs are unreliable; identifying its items by link from now on",
                    metadata: ["feed.id": "\(feed.id)", "reason": "\(reason)"])
                mode = "link"
            }
        }
        guard mode == "link" else { return articles }
        return articles.map { a in
            var a = a
            if let url = a.url { a.identity = Normalizer.linkIdentity(url) }
            return a
        }
    }

    /// Runs every feed, calling `progress` as each finishes; returns the outcomes in completion order.
    public func run(_ feeds: [FeedSource], progress: @Sendable (FeedOutcome) -> Void = { _ in }) async -> [FeedOutcome] {
        if let clusterer {
            // Recovery: articles a crash left between their feed's transaction and clustering (an index read
            // when there are none).
            do {
                try await clusterer.clusterPending()
            } catch {
                logger.error("clustering failed", metadata: ["error": "\(error)"])
            }
        }
        var outcomes: [FeedOutcome] = []
        await withTaskGroup(of: FeedOutcome.self) { group in
            var next = 0
            while next < min(concurrency, feeds.count) {
                let feed = feeds[next]
                group.addTask { await self.process(feed) }
                next += 1
            }
            while let outcome = await group.next() {
                progress(outcome)
                outcomes.append(outcome)
                if next < feeds.count {
                    let feed = feeds[next]
                    group.addTask { await self.process(feed) }
                    next += 1
                }
            }
        }
        return outcomes
    }

    func process(_ feed: FeedSource) async -> FeedOutcome {
        let started = now()
        let clock = ContinuousClock.now
        var outcome = FeedOutcome(
            feedId: feed.id, url: feed.url.absoluteString, status: nil, summary: SaveSummary(), milliseconds: 0,
            notModified: false)
        do {
            let state = try await store.fetchState(feedId: feed.id)
            // After a confirmed permanent redirect the feed lives at its new URL (config changes reset it).
            let url = state.currentURL.flatMap { URL(string: $0) } ?? feed.url
            outcome.url = url.absoluteString
            if let reason = state.disabledReason {
                outcome.skipped = "disabled: \(reason)"
                return finish(outcome, feed: feed, clock: clock)
            }
            if let host = url.host, let pause = try await store.hostPause(host: host, now: started) {
                outcome.skipped = "host \(host) paused until \(ISODate.string(pause.until)) (\(pause.reason))"
                return finish(outcome, feed: feed, clock: clock)
            }
            if dueOnly, let due = state.nextDue, due > started {
                outcome.skipped = "not due until \(ISODate.string(due))"
                return finish(outcome, feed: feed, clock: clock)
            }
            let request = FetchRequest(url: url, validators: state.validators, access: feed.access)
            let result = await fetcher.fetch(request)
            var record = FetchRecord(
                startedAt: started, url: url.absoluteString, status: nil, validatorsSent: state.validators,
                outcome: .notModified)
            var articles: [Article] = []
            var ttl: Int?
            var documentFailed = false
            switch result {
            case .failure(let error):
                record.outcome = .failed(kind: error.kind.rawValue, message: error.message)
                outcome.failure = .transport(error.description)
            case .success(let response):
                outcome.status = response.status
                record.status = response.status
                record.bytes = response.body.count
                record.durationMilliseconds = response.durationMilliseconds
                record.validatorsReceived = response.validators(sent: state.validators)
                switch response.status {
                case 304:
                    outcome.notModified = true
                case 200..<300:
                    let bodyHash = ContentHash.hex(response.body)
                    record.bodyHash = bodyHash
                    if bodyHash == state.bodyHash {
                        outcome.notModified = true
                    } else {
                        let parsed = parse(response, feed: feed)
                        ttl = parsed.feed.ttlMinutes
                        if parsed.entries.isEmpty, parsed.bozo {
                            let reason = parsed.bozoReason ?? "not a feed"
                            record.outcome = .failed(kind: "parse", message: "parse: " + reason)
                            outcome.failure = .parse(reason: reason, url: response.effectiveURL)
                            documentFailed = true
                        } else {
                            record.outcome = .fetched
                            articles = normalizer.articles(from: parsed, source: feed)
                            if parsed.bozo { outcome.warning = parsed.bozoReason }
                        }
                    }
                default:
                    let message = "HTTP \(response.status)"
                    record.outcome = .failed(kind: "http", message: message)
                    outcome.failure = .http(status: response.status, url: response.effectiveURL)
                }
            }
            let gap = feed.adaptive ? try await store.medianPublishingGap(feedId: feed.id) : nil
            let decision = policy.decide(
                previous: state, result: result, interval: feed.interval, ttlMinutes: ttl, now: started,
                random: Double.random(in: 0..<1), documentFailed: documentFailed, observedGap: gap)
            record.schedule = ScheduleUpdate(
                nextDue: decision.nextDue, consecutiveFailures: decision.consecutiveFailures,
                redirectCandidate: decision.redirectCandidate, redirectCount: decision.redirectCount,
                moveTo: decision.moveTo, disableReason: decision.disableReason,
                hostPause: decision.hostPauseUntil.flatMap { until in
                    url.host.map { HostPause(host: $0, until: until, reason: "HTTP \(outcome.status ?? 0) Retry-After") }
                })
            if let moved = decision.moveTo {
                logger.notice(
                    "feed moved permanently",
                    metadata: ["feed.id": "\(feed.id)", "feed.url": "\(url)", "feed.new_url": "\(moved)"])
            }
            if !articles.isEmpty { articles = try await settleIdentities(articles, feed: feed) }
            if let tagger, !articles.isEmpty {
                let needed = try await store.needsSaving(feedId: feed.id, articles: articles)
                tagger.tag(&articles, only: needed, feedId: feed.id)
            }
            let stored = try await store.ingest(feedId: feed.id, fetch: record, articles: articles, now: started)
            outcome.summary = stored.summary
            if let clusterer, !stored.inserted.isEmpty {
                // Features are computed here, on this feed's task, so both cores share them; the clusterer
                // only decides. Outside the feed's transaction: a crash here leaves articles unclustered, and
                // the next start's recovery scan places them — nothing stored is ever lost to dedupe.
                let placements = stored.inserted.map { index, id in
                    let a = articles[index]
                    return Placement(
                        id: id,
                        features: clusterer.extractor.features(
                            title: a.title, text: a.text, url: a.url, published: a.published ?? started),
                        regions: Set(a.tags?.keys.lazy.filter { $0.kind == "region" }.map(\.value) ?? []))
                }
                do {
                    try await clusterer.place(placements)
                } catch {
                    logger.error("clustering failed", metadata: ["feed.id": "\(feed.id)", "error": "\(error)"])
                }
            }
        } catch {
            outcome.failure = .store("\(error)")
        }
        return finish(outcome, feed: feed, clock: clock)
    }

    private func finish(_ done: FeedOutcome, feed: FeedSource, clock: ContinuousClock.Instant) -> FeedOutcome {
        var outcome = done
        outcome.milliseconds = Int((ContinuousClock.now - clock) / .milliseconds(1))
        if let error = outcome.error {
            logger.warning(
                "feed failed", metadata: ["feed.id": "\(feed.id)", "feed.url": "\(feed.url)", "error": "\(error)"])
        } else {
            logger.debug(
                "feed done",
                metadata: [
                    "feed.id": "\(feed.id)", "http.status": "\(outcome.status.map(String.init) ?? "-")",
                    "articles.new": "\(outcome.summary.inserted)",
                ])
        }
        return outcome
    }

    func parse(_ response: FetchResponse, feed: FeedSource) -> ParsedFeed {
        let options = ParseOptions(
            url: URL(string: response.effectiveURL), contentType: response.contentType,
            contentLocation: response.headers["content-location"].flatMap { URL(string: $0) },
            contentLanguage: response.headers["content-language"], timeZone: feed.timeZone)
        return FeedParser(options: options).parse(response.body)
    }
}
