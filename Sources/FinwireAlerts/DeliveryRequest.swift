import FinwireFetch
import FinwireModel
import FinwireStore
import Foundation

/// The HTTP request one target receives for one message: a pure function of the target, the message and
/// the clock (the chat bots sign a timestamp), so every format is tested without a network.
public enum DeliveryRequest {
    public static func make(_ target: DeliveryTarget, _ m: AlertMessage, now: Date) -> FetchRequest {
        switch target.kind {
        case .webhook:
            let body = Array(m.body.utf8)
            var headers = ["X-Finwire-Delivery": m.deliveryId, "X-Finwire-Event": m.event.rawValue]
            if let secret = target.secret {
                headers["X-Finwire-Signature"] = "sha256=" + HMACSHA256.hex(key: secret, message: body)
            }
            return FetchRequest(url: target.url, access: FeedAccess(headers: headers), post: .init(body: body))
        case .feishu:
            // open.feishu.cn custom bot: sign = base64(HMAC-SHA256(key: "<timestamp>\n<secret>", message: "")).
            var fields: [(String, JSONValue)] = []
            if let secret = target.secret {
                let ts = String(Int(now.timeIntervalSince1970))
                fields += [("timestamp", .string(ts)), ("sign", .string(HMACSHA256.base64(key: ts + "\n" + secret, message: "")))]
            }
            fields += [("msg_type", .string("text")), ("content", .object([("text", .string(m.text))]))]
            return post(target.url, .object(fields))
        case .dingtalk:
            // open.dingtalk.com custom robot: sign = urlencode(base64(HMAC-SHA256(key: secret,
            // message: "<timestamp ms>\n<secret>"))), both as query parameters.
            var url = target.url
            if let secret = target.secret {
                let ts = String(Int64(now.timeIntervalSince1970 * 1000))
                let sign = HMACSHA256.base64(key: secret, message: ts + "\n" + secret)
                var c = URLComponents(url: url, resolvingAgainstBaseURL: false)!
                c.percentEncodedQueryItems = (c.percentEncodedQueryItems ?? []) + [
                    URLQueryItem(name: "timestamp", value: ts),
                    URLQueryItem(name: "sign", value: sign.addingPercentEncoding(withAllowedCharacters: .alphanumerics)),
                ]
                url = c.url ?? url
            }
            return post(url, .object([("msgtype", .string("text")), ("text", .object([("content", .string(m.text))]))]))
        case .wecom:
            return post(target.url, .object([("msgtype", .string("text")), ("text", .object([("content", .string(m.text))]))]))
        case .telegram:
            let url = target.url.appendingPathComponent("bot" + (target.secret ?? "")).appendingPathComponent("sendMessage")
            return post(
                url,
                .object([
                    ("chat_id", .string(target.chatId ?? "")), ("text", .string(m.text)),
                    ("disable_web_page_preview", .bool(true)),
                ]))
        case .email:
            let mail = target.mail ?? DeliveryTarget.Mail(from: "finwire@localhost", to: [])
            return FetchRequest(
                url: target.url,
                mail: .init(
                    from: mail.from, recipients: mail.to, message: MailMessage.bytes(m, from: mail.from, to: mail.to, now: now),
                    username: mail.username, password: target.secret, requireTLS: mail.requireTLS))
        }
    }

    static func post(_ url: URL, _ body: JSONValue) -> FetchRequest {
        FetchRequest(url: url, post: .init(body: Array(body.serialized().utf8)))
    }
}
