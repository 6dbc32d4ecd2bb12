import Foundation

/// Where a watch's alerts go: a webhook of our own format, or a chat group's bot in the format and
/// signing scheme its vendor documents.
public struct DeliveryTarget: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// POST of finwire's JSON, signed `X-Finwire-Signature: sha256=<hex HMAC of the body>`.
        case webhook
        /// 飞书 custom bot: text message; with a secret, `timestamp` and `sign` in the body.
        case feishu
        /// 钉钉 custom robot: markdown message; with a secret, `timestamp` and `sign` in the URL.
        case dingtalk
        /// 企业微信 group bot: markdown message; the key is in its URL.
        case wecom
        /// Telegram Bot API `sendMessage` to `chat_id`.
        case telegram
        /// A plain-text email over SMTP (`smtp://` with STARTTLS, or `smtps://`), through libcurl.
        case email
    }

    /// An email target's envelope and login; the password is `secret`.
    public struct Mail: Sendable, Equatable {
        public var from: String
        public var to: [String]
        public var username: String?
        /// smtp:// without STARTTLS: only where the configuration says `"starttls": false`.
        public var requireTLS: Bool

        public init(from: String, to: [String], username: String? = nil, requireTLS: Bool = true) {
            self.from = from
            self.to = to
            self.username = username
            self.requireTLS = requireTLS
        }
    }

    public var kind: Kind
    /// The endpoint. For telegram, the API base (`https://api.telegram.org`), to which `/bot<token>/sendMessage`
    /// is added.
    public var url: URL
    /// The signing secret (webhook, feishu, dingtalk), the bot token (telegram) or the SMTP password
    /// (email); read from a file or the environment, never from the configuration text.
    public var secret: String?
    /// Telegram's chat.
    public var chatId: String?
    /// An email's envelope.
    public var mail: Mail?
    /// This target's key in the outbox (`webhook#0`): each target's delivery is tracked on its own.
    public var key: String

    public init(kind: Kind, url: URL, secret: String? = nil, chatId: String? = nil, mail: Mail? = nil, key: String) {
        self.kind = kind
        self.url = url
        self.secret = secret
        self.chatId = chatId
        self.mail = mail
        self.key = key
    }
}

/// A watch as the deliverer needs it: its id and its targets by key.
public struct WatchTargets: Sendable, Equatable {
    public var watchId: String
    public var targets: [DeliveryTarget]

    public init(watchId: String, targets: [DeliveryTarget]) {
        self.watchId = watchId
        self.targets = targets
    }
}
