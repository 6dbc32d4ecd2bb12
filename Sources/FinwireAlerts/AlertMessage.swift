import FinwireModel
import FinwireStore
import Foundation

/// What an alert says: the webhook's JSON and the few lines a chat message shows, made from the story the
/// outbox row points at.
public struct AlertMessage: Sendable, Equatable {
    public var deliveryId: String
    public var watchId: String
    public var event: AlertEvent
    public var story: StorySummary

    /// From an outbox row and its story (`SQLiteStore.alertStory`).
    public init(alert: PendingAlert, shown: StoredArticle, copies: [StoredArticle]) {
        deliveryId = alert.deliveryId
        watchId = alert.watchId
        event = alert.event
        story = StorySummary(id: alert.storyKey, shown: shown, copies: copies)
    }

    init(deliveryId: String, watchId: String, event: AlertEvent, story: StorySummary) {
        self.deliveryId = deliveryId
        self.watchId = watchId
        self.event = event
        self.story = story
    }

    /// A sample, for `finwire watch test`: what a real alert looks like, marked as a test.
    public static func sample(watchId: String, now: Date) -> AlertMessage {
        AlertMessage(
            deliveryId: "\(watchId):test:\(Int(now.timeIntervalSince1970))", watchId: watchId, event: .new,
            story: StorySummary(
                id: 0, title: "【finwire 测试】浙江省推进山区26县跨越式高质量发展金融支持方案",
                url: "https://example.com/finwire-test", published: now, kind: "policy",
                regions: [.init(code: "330000", name: "浙江省")], agencies: ["中国人民银行"], topics: ["common_prosperity"],
                outlets: ["finwire"], summary: "This is a test alert sent by `finwire watch test`; nothing was published."))
    }

    /// The webhook body (the schema README documents).
    public var body: String {
        JSONValue.object([
            ("delivery_id", .string(deliveryId)), ("watch", .string(watchId)), ("event", .string(event.rawValue)),
            ("story", story.json),
        ]).serialized()
    }

    /// The lines a chat message shows: the title, what it is and where, the outlets, the link.
    public var text: String {
        var lines = [(event == .revised ? "[修订] " : "") + story.title]
        var facts: [String] = []
        if let kind = story.kind { facts.append(kind) }
        if !story.regions.isEmpty { facts.append(story.regions.map(\.name).joined(separator: "、")) }
        if !story.agencies.isEmpty { facts.append(story.agencies.joined(separator: "、")) }
        if !facts.isEmpty { lines.append(facts.joined(separator: " · ")) }
        if !story.outlets.isEmpty { lines.append("来源: " + story.outlets.joined(separator: "、")) }
        if let url = story.url { lines.append(url) }
        lines.append("(finwire watch \(watchId))")
        return lines.joined(separator: "\n")
    }
}
