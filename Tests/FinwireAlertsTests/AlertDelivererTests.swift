@testable import FinwireAlerts
import FinwireStore
import Foundation
import Testing

/// What the deliverer records and logs never carries a secret: a Telegram token is part of its URL, and
/// DingTalk's and WeCom's URLs carry their keys in the query.
@Suite struct AlertDelivererTests {
    @Test func errorsAreRedactedBeforeTheyAreKept() {
        let tg = DeliveryTarget(kind: .telegram, url: URL(string: "https://api.telegram.org")!, secret: "123:SECRET", chatId: "1", key: "telegram#0")
        let e = AlertDeliverer.redacted(
            .retry(at: Date(timeIntervalSince1970: 0), error: "connect: refused (https://api.telegram.org/bot123:SECRET/sendMessage)"), tg)
        #expect(e == .retry(at: Date(timeIntervalSince1970: 0), error: "connect: refused (https://api.telegram.org/bot***/sendMessage)"))
        let ding = DeliveryTarget(kind: .dingtalk, url: URL(string: "https://oapi.dingtalk.com/robot/send?access_token=abc")!, secret: "SEC1", key: "dingtalk#0")
        let d = AlertDeliverer.redacted(
            .parked(error: "HTTP 404 from https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1&sign=xyz"), ding)
        guard case .parked(let text) = d else {
            Issue.record("expected parked")
            return
        }
        #expect(!text.contains("abc") && !text.contains("xyz"))
        #expect(text.contains("oapi.dingtalk.com/robot/send?***"))
    }
}
