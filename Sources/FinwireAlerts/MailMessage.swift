import FinwireStore
import Foundation

/// An alert as an email (RFC 5322): UTF-8 throughout, so the subject is an RFC 2047 encoded word and the
/// body is base64 — Chinese text survives any relay, and no line is ever longer than 78 characters.
/// `Message-ID` is the delivery id, so a mail client shows an at-least-once repeat as one message.
public enum MailMessage {
    public static func bytes(_ m: AlertMessage, from: String, to: [String], now: Date) -> [UInt8] {
        let subject = (m.event == .revised ? "[finwire 修订] " : "[finwire] ") + m.story.title
        var body = m.text
        if !m.story.summary.isEmpty { body += "\n\n" + m.story.summary }
        let headers = [
            "From: " + from,
            "To: " + to.joined(separator: ", "),
            "Subject: " + encodedWords(subject),
            "Date: " + rfc5322Date(now),
            "Message-ID: <" + m.deliveryId.map { $0.isLetter || $0.isNumber || "-.".contains($0) ? String($0) : "." }.joined() + "@finwire>",
            "X-Finwire-Delivery: " + m.deliveryId,
            "X-Finwire-Event: " + m.event.rawValue,
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
        ]
        let lines = headers + [""] + base64Lines(Array(body.utf8))
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// `=?UTF-8?B?…?=` words of at most 39 bytes of text each (64 characters a word, so `Subject: ` and the
    /// first stays under 78), split between characters, never inside one, folded onto continuation lines.
    static func encodedWords(_ text: String) -> String {
        var words: [[UInt8]] = []
        var chunk: [UInt8] = []
        for ch in text {
            let bytes = Array(String(ch).utf8)
            if chunk.count + bytes.count > 39 {
                words.append(chunk)
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?" + Data($0).base64EncodedString() + "?=" }.joined(separator: "\r\n ")
    }

    static func base64Lines(_ bytes: [UInt8]) -> [String] {
        let encoded = Data(bytes).base64EncodedString()
        return stride(from: 0, to: encoded.count, by: 76).map { start in
            let a = encoded.index(encoded.startIndex, offsetBy: start)
            let b = encoded.index(a, offsetBy: min(76, encoded.count - start))
            return String(encoded[a..<b])
        }
    }

    static func rfc5322Date(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return f.string(from: date)
    }
}
