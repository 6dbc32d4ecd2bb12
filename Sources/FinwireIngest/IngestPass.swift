import FinwireDedupe
import FinwireFetch
import FinwireModel
import FinwireNormalize
import FinwireParse
import FinwireStore
import FinwireTag
import Foundation
import Logging

/// One pass over a set of feeds: the ingest path that `finwire fetch` runs once and the daemon on a
/// schedule. Feeds run concurrently; each goes fetch → decide → ingest (`process`) and lands in its own
/// transaction. A failing feed never stops the others.
///
/// Each feed makes three trips to the store — its context before the fetch, a comparison of what it
/// brought with what is stored, and the one transaction that stores it — plus the clusterer's; parsing,
/// normalizing, tagging and feature extraction run on the feed's own task, off the store's actor.
public struct IngestPass: Sendable {
    let store: any IngestStore
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
        store: any IngestStore, fetcher: FeedFetcher, concurrency: Int, logger: Logger,
        policy: FetchPolicy = FetchPolicy(), dueOnly: Bool = false, tagger: Tagger? = nil, clusterer: Clusterer? = nil,
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

    /// One feed: read its context, skip it if it must wait, else fetch, decide its schedule, and ingest.
    func process(_ feed: FeedSource) async -> FeedOutcome {
        let started = now()
        let clock = ContinuousClock.now
        var outcome = FeedOutcome(
            feedId: feed.id, url: feed.url.absoluteString, status: nil, summary: SaveSummary(), milliseconds: 0,
            notModified: false)
        do {
            let context = try await store.context(
                feedId: feed.id, url: feed.url, publishingGap: feed.adaptive, now: started)
            // After a confirmed permanent redirect the feed lives at its new URL (config changes reset it).
            let url = context.state.currentURL.flatMap { URL(string: $0) } ?? feed.url
            outcome.url = url.absoluteString
            if let reason = skipReason(context, url: url, at: started) {
                outcome.skipped = reason
                return finish(outcome, feed: feed, clock: clock)
            }
            var fetched = await fetch(feed, from: url, state: context.state, at: started, into: &outcome)
            fetched.record.schedule = decide(feed, context: context, fetched: fetched, url: url, status: outcome.status, at: started)
            if let moved = fetched.record.schedule?.moveTo {
                logger.notice(
                    "feed moved permanently",
                    metadata: ["feed.id": "\(feed.id)", "feed.url": "\(url)", "feed.new_url": "\(moved)"])
            }
            outcome.summary = try await ingest(fetched, feed: feed, context: context, at: started)
        } catch {
            outcome.failure = .store("\(error)")
        }
        return finish(outcome, feed: feed, clock: clock)
    }

    /// Why the feed is not fetched now: disabled, its host paused, or (in the daemon) not yet due.
    func skipReason(_ context: FeedContext, url: URL, at started: Date) -> String? {
        if let reason = context.state.disabledReason { return "disabled: \(reason)" }
        if let pause = context.hostPause, let host = url.host {
            return "host \(host) paused until \(ISODate.string(pause.until)) (\(pause.reason))"
        }
        if dueOnly, let due = context.state.nextDue, due > started { return "not due until \(ISODate.string(due))" }
        return nil
    }

    /// What the fetch stage brought back: the attempt as the fetch log records it and, for a new document,
    /// its articles. Decided from the response alone.
    struct Fetched {
        var result: Result<FetchResponse, FetchError>
        var record: FetchRecord
        var articles: [Article] = []
        var ttlMinutes: Int?
        var documentFailed = false
    }

    /// Fetch, then parse and normalize a changed body (on this feed's task).
    func fetch(_ feed: FeedSource, from url: URL, state: FeedFetchState, at started: Date, into outcome: inout FeedOutcome)
        async -> Fetched
    {
        let result = await fetcher.fetch(FetchRequest(url: url, validators: state.validators, access: feed.access))
        var f = Fetched(
            result: result,
            record: FetchRecord(
                startedAt: started, url: url.absoluteString, status: nil, validatorsSent: state.validators,
                outcome: .notModified))
        switch result {
        case .failure(let error):
            f.record.outcome = .failed(kind: error.kind.rawValue, message: error.message)
            outcome.failure = .transport(error.description)
        case .success(let response):
            outcome.status = response.status
            f.record.status = response.status
            f.record.bytes = response.body.count
            f.record.durationMilliseconds = response.durationMilliseconds
            f.record.validatorsReceived = response.validators(sent: state.validators)
            switch response.status {
            case 304:
                outcome.notModified = true
            case 200..<300:
                let bodyHash = ContentHash.hex(response.body)
                f.record.bodyHash = bodyHash
                // The same bytes as last time: nothing to parse (a server that ignores validators).
                if bodyHash == state.bodyHash {
                    outcome.notModified = true
                    break
                }
                let parsed = parse(response, feed: feed)
                // The body is parsed: the schedule needs only the status and headers, and the articles
                // are what the rest of the pass carries (16 feeds' bodies held through tagging and
                // clustering cost ~6 MB of peak RSS at 2,000 feeds).
                var answer = response
                answer.body = []
                f.result = .success(answer)
                f.ttlMinutes = parsed.feed.ttlMinutes
                if parsed.entries.isEmpty, parsed.bozo {
                    let reason = parsed.bozoReason ?? "not a feed"
                    f.record.outcome = .failed(kind: "parse", message: "parse: " + reason)
                    outcome.failure = .parse(reason: reason, url: response.effectiveURL)
                    f.documentFailed = true
                } else {
                    f.record.outcome = .fetched
                    f.articles = normalizer.articles(from: parsed, source: feed)
                    if parsed.bozo { outcome.warning = parsed.bozoReason }
                }
            default:
                f.record.outcome = .failed(kind: "http", message: "HTTP \(response.status)")
                outcome.failure = .http(status: response.status, url: response.effectiveURL)
            }
        }
        return f
    }

    /// The feed's next schedule from the fetch policy (a pure state machine): next due time, failures,
    /// redirects, disabling, and a pause for the host that asked for one.
    func decide(_ feed: FeedSource, context: FeedContext, fetched: Fetched, url: URL, status: Int?, at started: Date)
        -> ScheduleUpdate
    {
        let d = policy.decide(
            previous: context.state, result: fetched.result, interval: feed.interval, ttlMinutes: fetched.ttlMinutes,
            now: started, random: Double.random(in: 0..<1), documentFailed: fetched.documentFailed,
            observedGap: context.publishingGap)
        return ScheduleUpdate(
            nextDue: d.nextDue, consecutiveFailures: d.consecutiveFailures, redirectCandidate: d.redirectCandidate,
            redirectCount: d.redirectCount, moveTo: d.moveTo, disableReason: d.disableReason,
            hostPause: d.hostPauseUntil.flatMap { until in
                url.host.map { HostPause(host: $0, until: until, reason: "HTTP \(status ?? 0) Retry-After") }
            })
    }

    /// Identities settled, new and changed articles tagged, everything stored in one transaction, and the
    /// new rows placed into stories.
    func ingest(_ fetched: Fetched, feed: FeedSource, context: FeedContext, at started: Date) async throws -> SaveSummary {
        var articles = fetched.articles
        var identitySwitch: IdentitySwitch?
        if !articles.isEmpty {
            let byLink = context.identityMode == "link"
            if byLink { articles = IdentityPolicy.byLink(articles) }
            var needed: [Bool]?
            if tagger != nil || !byLink {
                let found = try await store.compare(feedId: feed.id, articles: articles, checkIdentities: !byLink)
                needed = found.needsSaving
                if !byLink, let reason = IdentityPolicy.reasonToSwitch(articles, unstableStored: found.unstableIdentities) {
                    identitySwitch = IdentityPolicy.change(reason)
                    articles = IdentityPolicy.byLink(articles)
                    // What is stored is re-keyed in the same transaction: tag everything rather than guess.
                    needed = nil
                    logger.notice(
                        "feed GUIDs are unreliable; identifying its items by link from now on",
                        metadata: ["feed.id": "\(feed.id)", "reason": "\(reason)"])
                }
            }
            tagger?.tag(&articles, only: needed, feedId: feed.id)
        }
        let stored = try await store.ingest(
            feedId: feed.id, fetch: fetched.record, articles: articles, identitySwitch: identitySwitch, now: started)
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
        return stored.summary
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
