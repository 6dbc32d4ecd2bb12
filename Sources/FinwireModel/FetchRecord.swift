import Foundation

/// One fetch attempt as the store records it (fetch state and fetch log).
public struct FetchRecord: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        /// 2xx with a body that was parsed and stored.
        case fetched
        /// 304, or a 200 whose body hash equals the last one.
        case notModified
        /// An HTTP error status, a transport error or an unreadable document.
        case failed(kind: String, message: String)
    }

    public var startedAt: Date
    public var url: String
    public var status: Int?
    public var bytes: Int
    public var durationMilliseconds: Int
    public var validatorsSent: Validators
    /// What to send next time; saved on every answer that carries them, 304 included.
    public var validatorsReceived: Validators
    public var bodyHash: String?
    public var outcome: Outcome
    /// What the fetch policy decided; nil leaves scheduling state as it was.
    public var schedule: ScheduleUpdate?

    public init(
        startedAt: Date, url: String, status: Int?, bytes: Int = 0, durationMilliseconds: Int = 0,
        validatorsSent: Validators = Validators(), validatorsReceived: Validators = Validators(),
        bodyHash: String? = nil, outcome: Outcome
    ) {
        self.startedAt = startedAt
        self.url = url
        self.status = status
        self.bytes = bytes
        self.durationMilliseconds = durationMilliseconds
        self.validatorsSent = validatorsSent
        self.validatorsReceived = validatorsReceived
        self.bodyHash = bodyHash
        self.outcome = outcome
    }
}

/// What the store remembers of a feed between fetches.
public struct FeedFetchState: Sendable, Equatable {
    public var validators: Validators
    public var bodyHash: String?
    public var lastStatus: Int?
    public var lastError: String?
    public var lastSuccess: Date?
    public var consecutiveFailures: Int
    /// When the feed should be polled next.
    public var nextDue: Date?
    /// The URL fetched instead of the configured one after a confirmed permanent redirect.
    public var currentURL: String?
    /// A permanent-redirect target and how many consecutive fetches have seen it.
    public var redirectCandidate: String?
    public var redirectCount: Int = 0
    /// Set when the feed is disabled (410 Gone).
    public var disabledReason: String?

    public init(
        validators: Validators = Validators(), bodyHash: String? = nil, lastStatus: Int? = nil, lastError: String? = nil,
        lastSuccess: Date? = nil, consecutiveFailures: Int = 0
    ) {
        self.validators = validators
        self.bodyHash = bodyHash
        self.lastStatus = lastStatus
        self.lastError = lastError
        self.lastSuccess = lastSuccess
        self.consecutiveFailures = consecutiveFailures
    }
}

/// The scheduling part of a fetch record (see FetchPolicy): stored in fetch_state and host_pauses.
public struct ScheduleUpdate: Sendable, Equatable {
    public var nextDue: Date
    public var consecutiveFailures: Int
    public var redirectCandidate: String?
    public var redirectCount: Int
    public var moveTo: String?
    public var disableReason: String?
    public var hostPause: HostPause?

    public init(
        nextDue: Date, consecutiveFailures: Int, redirectCandidate: String? = nil, redirectCount: Int = 0,
        moveTo: String? = nil, disableReason: String? = nil, hostPause: HostPause? = nil
    ) {
        self.nextDue = nextDue
        self.consecutiveFailures = consecutiveFailures
        self.redirectCandidate = redirectCandidate
        self.redirectCount = redirectCount
        self.moveTo = moveTo
        self.disableReason = disableReason
        self.hostPause = hostPause
    }
}

/// A host that asked us to stay away (429/503 with Retry-After) until a given time.
public struct HostPause: Sendable, Equatable {
    public var host: String
    public var until: Date
    public var reason: String
    public init(host: String, until: Date, reason: String) {
        self.host = host
        self.until = until
        self.reason = reason
    }
}

/// One feed's health, as `finwire status` shows it.
public struct FeedStatus: Sendable, Equatable {
    public var feedId: String
    public var url: String
    public var enabled: Bool
    public var articles: Int
    public var lastAttempt: Date?
    public var lastSuccess: Date?
    public var lastStatus: Int?
    public var lastError: String?
    public var consecutiveFailures: Int
    public var nextDue: Date?
    public var disabledReason: String?
    public var hostPause: HostPause?

    public init(feedId: String, url: String, enabled: Bool) {
        self.feedId = feedId
        self.url = url
        self.enabled = enabled
        self.articles = 0
        self.consecutiveFailures = 0
    }
}
