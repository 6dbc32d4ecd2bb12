import FinwireModel
import Foundation

/// The store by responsibility: feed state and schedule, articles and versions, stories (declared in
/// FinwireModel, so dedupe needs no store), and the read side. `SQLiteStore` implements all four; a second
/// backend implements the same, so the ingest pass, the clusterer and the exporters never name a database.
/// This is what the ingest pass needs.
public typealias IngestStore = FeedStateStore & ArticleStore & StoryStore

/// Feed state and schedule: what to send before a fetch, what was learned after it.
public protocol FeedStateStore: Sendable {
    /// Makes the feeds table match the configuration; feeds no longer configured keep their articles.
    func syncFeeds(_ feeds: [FeedSource], now: Date) async throws
    /// Everything one feed's pass must know before it fetches, in one trip. `url` is the configured one;
    /// the host pause is looked up for the URL the feed now lives at (after a permanent redirect).
    func context(feedId: String, url: URL, publishingGap: Bool, now: Date) async throws -> FeedContext
    /// Every known feed's health, in id order.
    func feedStatuses(now: Date) async throws -> [FeedStatus]
    /// Every enabled feed's next-due time (nil: never fetched, so due now).
    func schedule() async throws -> [String: Date?]
    /// Deletes fetch-log rows older than `date`; returns how many went.
    func pruneFetchLog(before date: Date) async throws -> Int
}

/// Articles and their versions.
public protocol ArticleStore: Sendable {
    /// What is already stored of a document's articles, in one trip: which would be written (so only those
    /// are tagged) and, when `checkIdentities`, how many links came back under a new GUID.
    func compare(feedId: String, articles: [Article], checkIdentities: Bool) async throws -> StoredComparison
    /// Records one fetch attempt and, for a fetched document, its articles — and a switch to link identities
    /// when one was decided — in one transaction: a feed lands whole or not at all.
    func ingest(feedId: String, fetch: FetchRecord, articles: [Article], identitySwitch: IdentitySwitch?, now: Date)
        async throws -> Ingested
}

/// What one feed's pass reads before it fetches.
public struct FeedContext: Sendable, Equatable {
    public var state: FeedFetchState
    /// The pause the feed's host asked for, if it is still running.
    public var hostPause: HostPause?
    /// Seconds between the feed's recent publications (nil: not asked for, or fewer than three dated).
    public var publishingGap: Int?
    /// `link` once the feed's GUIDs proved unreliable; nil while GUIDs are trusted.
    public var identityMode: String?

    public init(state: FeedFetchState = FeedFetchState(), hostPause: HostPause? = nil, publishingGap: Int? = nil, identityMode: String? = nil) {
        self.state = state
        self.hostPause = hostPause
        self.publishingGap = publishingGap
        self.identityMode = identityMode
    }
}

/// What `ArticleStore.compare` found.
public struct StoredComparison: Sendable, Equatable {
    /// Per article: new, or stored with other content.
    public var needsSaving: [Bool]
    /// New GUIDs whose link the feed already stored under another identity.
    public var unstableIdentities: Int

    public init(needsSaving: [Bool], unstableIdentities: Int) {
        self.needsSaving = needsSaving
        self.unstableIdentities = unstableIdentities
    }
}

/// A decision to identify a feed's items by link from now on; `rekey` maps a link to its identity (the
/// normalizer's rule, which the store does not know).
public struct IdentitySwitch: Sendable {
    public var note: String
    public var rekey: @Sendable (String) -> String

    public init(note: String, rekey: @escaping @Sendable (String) -> String) {
        self.note = note
        self.rekey = rekey
    }
}

/// What `ingest` stored: the counts, and which of the given articles became new rows with which ids, so
/// the dedupe stage places exactly those without reading them back.
public struct Ingested: Sendable {
    public var summary = SaveSummary()
    public var inserted: [(index: Int, id: Int64)] = []

    public init() {}
}

/// The read side: exports, queries, cursors. An actor protocol, because an export streams: its rows are
/// read and written in one read transaction on the store's own executor (`isolated any ReadStore`), and
/// each entry reaches the writer as it is read rather than crossing to another task.
public protocol ReadStore: Actor {
    /// Streams the selection to `each`, group by group; see `SQLiteStore.readExport`.
    func readExport(
        _ filter: ExportFilter, after: Int64?, stories: Bool, limit: Int?, begin: (ExportRead) throws -> Void,
        each: (ExportGroup) throws -> Void
    ) throws -> ExportRead
    /// Stored articles in publication order (oldest first), joined with their feed's title and categories.
    func articles(_ query: ArticleQuery) throws -> [StoredArticle]
    func cursorPosition(_ name: String) throws -> Int64?
    func advanceCursor(_ name: String, to position: Int64, now: Date) throws
    func cursors() throws -> [(name: String, position: Int64, updated: Date)]
}

/// The alerts outbox, as the deliverer sees it: rows are written by the ingest and clustering
/// transactions (`AlertRule`), read and settled here.
public protocol AlertOutbox: Sendable {
    /// Alerts due at `now`, oldest first.
    func dueAlerts(now: Date, limit: Int) async throws -> [PendingAlert]
    /// When the next pending alert falls due; nil when none is pending.
    func nextAlertDue() async throws -> Date?
    /// The story an alert is about; nil when its articles are gone.
    func alertStory(_ alert: PendingAlert) async throws -> (shown: StoredArticle, copies: [StoredArticle])?
    /// Records how a delivery attempt ended.
    func finishAlert(id: Int64, _ attempt: AlertAttempt, now: Date) async throws
}
