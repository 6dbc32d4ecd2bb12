import FinwireModel
import FinwireStore
import FinwireTag
import Foundation

/// What an alert says: the webhook's JSON and the few lines a chat message shows, made from the story the
/// outbox row points at.
public struct AlertMessage: Sendable, Equatable {
    public var deliveryId: String
    public var watchId: String
    public var event: AlertEvent
    public var storyId: Int64
    public var title: String
    public var url: String?
    public var published: Date?
    public var kind: String?
    public var regions: [(code: String, name: String)]
    public var agencies: [String]
    public var topics: [String]
    /// Every outlet that carried the story, first seen first.
    public var outlets: [String]
    public var summary: String

    public static func == (a: AlertMessage, b: AlertMessage) -> Bool { a.body == b.body }

    /// From an outbox row and its story (`SQLiteStore.alertStory`).
    public init(alert: PendingAlert, shown: StoredArticle, copies: [StoredArticle]) {
        deliveryId = alert.deliveryId
        watchId = alert.watchId
        event = alert.event
        storyId = alert.storyKey
        title = shown.article.title
        url = shown.article.url
        published = shown.article.published ?? shown.firstSeen
        kind = shown.kind
        let tags = shown.tagsJSON.flatMap { try? JSONDecoder().decode(TagResult.self, from: Data($0.utf8)) }
        regions = (tags?.regions ?? []).map { ($0.code, $0.name) }
        agencies = (tags?.agencies ?? []).map(\.name)
        topics = (tags?.topics ?? []).map(\.id)
        var seen = Set<String>()
        outlets = copies.map { $0.feedTitle ?? $0.feedId }.filter { seen.insert($0).inserted }
        summary = Self.summary(shown.article.text)
    }

    /// A sample, for `finwire watch test`: what a real alert looks like, marked as a test.
    public static func sample(watchId: String, now: Date) -> AlertMessage {
        AlertMessage(
            deliveryId: "\(watchId):test:\(Int(now.timeIntervalSince1970))", watchId: watchId, event: .new, storyId: 0,
            title: "【finwire 测试】浙江省推进山区26县跨越式高质量发展金融支持方案", url: "https://example.com/finwire-test",
            published: now, kind: "policy", regions: [("330000", "浙江省")], agencies: ["中国人民银行"],
            topics: ["common_prosperity"], outlets: ["finwire"],
            summary: "This is a test alert sent by `finwire watch test`; nothing was published.")
    }

    init(
        deliveryId: String, watchId: String, event: AlertEvent, storyId: Int64, title: String, url: String?, published: Date?,
        kind: String?, regions: [(code: String, name: String)], agencies: [String], topics: [String], outlets: [String],
        summary: String
    ) {
        self.deliveryId = deliveryId
        self.watchId = watchId
        self.event = event
        self.storyId = storyId
        self.title = title
        self.url = url
        self.published = published
        self.kind = kind
        self.regions = regions
        self.agencies = agencies
        self.topics = topics
        self.outlets = outlets
        self.summary = summary
    }

    /// The first ~200 characters of the text, cut at a sentence end when there is one.
    static func summary(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard flat.count > 200 else { return flat }
        let head = flat.prefix(200)
        if let end = head.lastIndex(where: { "。！？.!?".contains($0) }), head.distance(from: head.startIndex, to: end) > 60 {
            return String(head[...end])
        }
        return head + "…"
    }

    /// The webhook body (the schema README documents).
    public var body: String {
        JSONValue.object([
            ("delivery_id", .string(deliveryId)), ("watch", .string(watchId)), ("event", .string(event.rawValue)),
            (
                "story",
                .object([
                    ("id", .int(Int(storyId))), ("title", .string(title)), ("url", url.map { .string($0) } ?? .null),
                    ("published", published.map { .string(ISODate.string($0)) } ?? .null),
                    ("kind", kind.map { .string($0) } ?? .null),
                    ("regions", .array(regions.map { .object([("code", .string($0.code)), ("name", .string($0.name))]) })),
                    ("agencies", .array(agencies.map { .string($0) })), ("topics", .array(topics.map { .string($0) })),
                    ("outlets", .array(outlets.map { .string($0) })), ("summary", .string(summary)),
                ])
            ),
        ]).serialized()
    }

    /// The lines a chat message shows: the title, what it is and where, the outlets, the link.
    public var text: String {
        var lines = [(event == .revised ? "[修订] " : "") + title]
        var facts: [String] = []
        if let kind { facts.append(kind) }
        if !regions.isEmpty { facts.append(regions.map(\.name).joined(separator: "、")) }
        if !agencies.isEmpty { facts.append(agencies.joined(separator: "、")) }
        if !facts.isEmpty { lines.append(facts.joined(separator: " · ")) }
        if !outlets.isEmpty { lines.append("来源: " + outlets.joined(separator: "、")) }
        if let url { lines.append(url) }
        lines.append("(finwire watch \(watchId))")
        return lines.joined(separator: "\n")
    }
}
