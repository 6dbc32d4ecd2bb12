import FinwireModel
import Foundation

/// Limits and identity for every transfer. Defaults suit a server polling public news feeds.
public struct FetchConfiguration: Sendable, Equatable {
    public var userAgent = "finwire/0.1.0 (feed fetcher; +https://github.com/finwire/finwire)"
    /// Seconds to establish a connection.
    public var connectTimeout = 15
    /// Seconds for a whole transfer, redirects included.
    public var totalTimeout = 60
    /// A transfer slower than `lowSpeedBytes` per second for `lowSpeedSeconds` is cut.
    public var lowSpeedBytes = 64
    public var lowSpeedSeconds = 20
    /// Cap on the decoded body (after gzip/br/deflate): a compression bomb stops here.
    public var maxBodyBytes = 16 * 1024 * 1024
    public var maxRedirects = 5
    /// Transfers in flight at once, over all hosts.
    public var maxConnections = 16
    /// Connections to any one host (politeness).
    public var maxHostConnections = 4
    /// Refuse to connect to loopback, private, link-local and other non-public addresses, checked after
    /// DNS resolution (SSRF protection for public deployments). Off by default: feeds on a LAN are common.
    public var blockPrivateAddresses = false
    /// A proxy for every feed (a feed's own `proxy` wins); nil uses libcurl's environment (`https_proxy`…).
    public var proxy: String?
    /// A CA bundle (PEM file) instead of the system's.
    public var caBundle: String?

    public init() {}
}

public struct FetchRequest: Sendable, Equatable {
    public var url: URL
    public var validators: Validators
    public var access: FeedAccess
    /// A body to POST (alerts to webhooks and chat bots), with its content type; nil is a GET.
    public var post: Post?

    public struct Post: Sendable, Equatable {
        public var body: [UInt8]
        public var contentType: String
        public init(body: [UInt8], contentType: String = "application/json; charset=utf-8") {
            self.body = body
            self.contentType = contentType
        }
    }

    /// An email to send over SMTP (alerts' `email` target) instead of an HTTP request; the URL is then
    /// `smtp://` or `smtps://`.
    public var mail: Mail?

    public struct Mail: Sendable, Equatable {
        public var from: String
        public var recipients: [String]
        /// The whole message (RFC 5322 headers and body, CRLF lines), uploaded as it is.
        public var message: [UInt8]
        public var username: String?
        public var password: String?
        /// For smtp:// URLs: STARTTLS or nothing is sent. smtps:// is TLS from the first byte either way.
        public var requireTLS: Bool

        public init(from: String, recipients: [String], message: [UInt8], username: String? = nil, password: String? = nil, requireTLS: Bool = true) {
            self.from = from
            self.recipients = recipients
            self.message = message
            self.username = username
            self.password = password
            self.requireTLS = requireTLS
        }
    }

    public init(
        url: URL, validators: Validators = Validators(), access: FeedAccess = FeedAccess(), post: Post? = nil, mail: Mail? = nil
    ) {
        self.url = url
        self.validators = validators
        self.access = access
        self.post = post
        self.mail = mail
    }
}

/// A completed HTTP exchange (any status). Transport failures are `FetchError`s instead.
public struct FetchResponse: Sendable {
    public var status: Int
    /// The URL after redirects.
    public var effectiveURL: String
    public var redirects: Int
    /// Response headers of the final answer, names lower-cased; a repeated header keeps its last value.
    public var headers: [String: String]
    public var body: [UInt8]
    public var durationMilliseconds: Int
    /// Statuses of the redirect hops before the final answer (e.g. [301, 308]).
    public var redirectStatuses: [Int]

    public init(
        status: Int, effectiveURL: String, redirects: Int = 0, headers: [String: String] = [:], body: [UInt8] = [],
        durationMilliseconds: Int = 0, redirectStatuses: [Int] = []
    ) {
        self.redirectStatuses = redirectStatuses
        self.status = status
        self.effectiveURL = effectiveURL
        self.redirects = redirects
        self.headers = headers
        self.body = body
        self.durationMilliseconds = durationMilliseconds
    }

    /// The validators to store: the new ones when the server sent any, else those we sent (a 304 may omit them).
    public func validators(sent: Validators) -> Validators {
        Validators(etag: headers["etag"] ?? sent.etag, lastModified: headers["last-modified"] ?? sent.lastModified)
    }

    public var contentType: String? { headers["content-type"] }

    /// True when every hop of a non-empty redirect chain was permanent (301 or 308).
    public var isPermanentRedirect: Bool {
        !redirectStatuses.isEmpty && redirectStatuses.allSatisfy { $0 == 301 || $0 == 308 }
    }
}

/// Why a transfer produced no HTTP answer.
public struct FetchError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case dns, connect, tls, timeout, tooLarge, protocolRefused, tooManyRedirects, file, transport,
            blockedAddress
        /// A mail server's refusal: `replyCode` says whether for now (4xx) or for good (5xx).
        case mailRefused
    }
    public var kind: Kind
    public var url: String
    public var message: String
    public var curlCode: Int?
    /// The mail server's last reply code, for SMTP.
    public var replyCode: Int?

    public init(kind: Kind, url: String, message: String, curlCode: Int? = nil, replyCode: Int? = nil) {
        self.kind = kind
        self.url = url
        self.message = message
        self.curlCode = curlCode
        self.replyCode = replyCode
    }

    public var description: String { "fetch: \(message) (\(url))" }
}
