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
