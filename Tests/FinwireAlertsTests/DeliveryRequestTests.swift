import FinwireAlerts
import FinwireFetch
import FinwireModel
import FinwireStore
import Foundation
import Testing

/// Each platform's request, built without a network: the signatures against values computed independently
/// (Python's hmac module), the bodies against the fields the platforms document.
@Suite struct DeliveryRequestTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)
    let message = AlertMessage.sample(watchId: "zj-credit", now: Date(timeIntervalSince1970: 1_700_000_000))

    func json(_ r: FetchRequest) throws -> [String: Any] {
        let post = try #require(r.post)
        return try #require(JSONSerialization.jsonObject(with: Data(post.body)) as? [String: Any])
    }

    /// RFC 4231, test case 2.
    @Test func hmacMatchesTheRFCVector() {
        #expect(HMACSHA256.hex(key: "Jefe", message: Array("what do ya want for nothing?".utf8))
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func webhookIsSignedOverItsExactBody() throws {
        let target = DeliveryTarget(kind: .webhook, url: URL(string: "https://hooks.example.com/in")!, secret: "s3cret", key: "webhook#0")
        let r = DeliveryRequest.make(target, message, now: now)
        let body = try #require(r.post).body
        #expect(r.access.headers["X-Finwire-Signature"] == "sha256=" + HMACSHA256.hex(key: "s3cret", message: body))
        #expect(r.access.headers["X-Finwire-Delivery"] == message.deliveryId)
        let o = try json(r)
        #expect(o["watch"] as? String == "zj-credit")
        #expect(o["event"] as? String == "new")
        let story = try #require(o["story"] as? [String: Any])
        #expect(story["kind"] as? String == "policy")
        #expect((story["regions"] as? [[String: String]])?.first?["code"] == "330000")
        #expect(Set(story.keys) == ["id", "title", "url", "published", "kind", "regions", "agencies", "topics", "outlets", "summary"])
    }

    @Test func unsignedWebhookHasNoSignatureHeader() {
        let target = DeliveryTarget(kind: .webhook, url: URL(string: "https://hooks.example.com/in")!, key: "webhook#0")
        #expect(DeliveryRequest.make(target, message, now: now).access.headers["X-Finwire-Signature"] == nil)
    }

    @Test func feishuSignsTimestampAndSecret() throws {
        let target = DeliveryTarget(kind: .feishu, url: URL(string: "https://open.feishu.cn/open-apis/bot/v2/hook/x")!, secret: "feishu-secret", key: "feishu#0")
        let o = try json(DeliveryRequest.make(target, message, now: now))
        #expect(o["timestamp"] as? String == "1700000000")
        #expect(o["sign"] as? String == "OrBzY1Y01Gq+HgJsl+7OfWcMVwc7YocohQm5iiZwjhU=")
        #expect(o["msg_type"] as? String == "text")
        #expect(((o["content"] as? [String: String])?["text"])?.contains("浙江省") == true)
    }

    @Test func dingtalkSignsInTheQueryString() throws {
        let target = DeliveryTarget(
            kind: .dingtalk, url: URL(string: "https://oapi.dingtalk.com/robot/send?access_token=abc")!, secret: "SECdingtalk", key: "dingtalk#0")
        let r = DeliveryRequest.make(target, message, now: now)
        #expect(r.url.absoluteString
            == "https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000&sign=fu5jSCt0ww6IRNRAT%2F18bSeoHhGKquVSOKsEvSa%2F2P8%3D")
        let o = try json(r)
        #expect(o["msgtype"] as? String == "text")
    }

    @Test func wecomAndTelegramBodies() throws {
        let wecom = DeliveryTarget(kind: .wecom, url: URL(string: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k")!, key: "wecom#0")
        #expect(try json(DeliveryRequest.make(wecom, message, now: now))["msgtype"] as? String == "text")
        let tg = DeliveryTarget(kind: .telegram, url: URL(string: "https://api.telegram.org")!, secret: "123:ABC", chatId: "-100200", key: "telegram#0")
        let r = DeliveryRequest.make(tg, message, now: now)
        #expect(r.url.absoluteString == "https://api.telegram.org/bot123:ABC/sendMessage")
        let o = try json(r)
        #expect(o["chat_id"] as? String == "-100200")
        #expect((o["text"] as? String)?.hasPrefix("【finwire 测试】") == true)
    }
}
