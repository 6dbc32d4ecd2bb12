import FinwireAlerts
import FinwireFetch
import FinwireStore
import FinwireTestSupport
import Foundation
import Logging
import Testing

/// Email alerts through libcurl's SMTP client to a real SMTP server on loopback.
@Suite struct EmailDeliveryTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    func target(_ server: LoopbackSMTPServer, to: [String], password: String? = "s3cret") -> DeliveryTarget {
        DeliveryTarget(
            kind: .email, url: server.url, secret: password,
            mail: .init(from: "finwire@example.com", to: to, username: password == nil ? nil : "finwire", requireTLS: false),
            key: "email#0")
    }

    func deliverer(_ t: DeliveryTarget) -> AlertDeliverer {
        AlertDeliverer(
            outbox: NoAlertOutbox(), sender: FeedFetcher(), watches: [WatchTargets(watchId: "zj", targets: [t])],
            logger: Logger(label: "test"), now: { self.now })
    }

    /// The headers and the decoded body of a received message.
    static func parse(_ data: [UInt8]) -> (headers: [String: String], body: String) {
        let text = String(decoding: data, as: UTF8.self)
        let parts = text.components(separatedBy: "\r\n\r\n")
        var headers: [String: String] = [:]
        var last = ""
        for line in parts[0].components(separatedBy: "\r\n") {
            if line.hasPrefix(" "), !last.isEmpty {
                headers[last, default: ""] += line
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            last = line[..<colon].lowercased()
            headers[last] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let b64 = parts.dropFirst().joined().replacingOccurrences(of: "\r\n", with: "")
        return (headers, String(decoding: Data(base64Encoded: b64) ?? Data(), as: UTF8.self))
    }

    /// RFC 2047 words back into text.
    static func decodeWords(_ header: String) -> String {
        header.components(separatedBy: "=?UTF-8?B?").dropFirst().map { w in
            let b64 = w.components(separatedBy: "?=")[0]
            return String(decoding: Data(base64Encoded: b64) ?? Data(), as: UTF8.self)
        }.joined()
    }

    @Test func anAlertArrivesAsUTF8MailWithItsDeliveryIdAndLogin() async throws {
        let server = try LoopbackSMTPServer()
        let results = await deliverer(target(server, to: ["a@example.com", "b@example.com"])).test(watchId: "zj")
        #expect(results.map(\.outcome) == [.delivered])
        let m = try #require(server.messages.first)
        #expect(m.from == "finwire@example.com")
        #expect(m.recipients == ["a@example.com", "b@example.com"])
        #expect(m.login == "finwire:s3cret")
        let (headers, body) = Self.parse(m.data)
        let sample = AlertMessage.sample(watchId: "zj", now: now)
        #expect(Self.decodeWords(headers["subject"] ?? "") == "[finwire] " + sample.story.title)
        #expect(headers["message-id"]?.hasSuffix("@finwire>") == true)
        #expect(headers["x-finwire-delivery"] == sample.deliveryId)
        #expect(headers["date"] == "Tue, 14 Nov 2023 22:13:20 +0000")
        #expect(headers["content-type"] == "text/plain; charset=UTF-8")
        #expect(body.contains(sample.story.title))
        #expect(body.contains("浙江省"))
        // No line of the message is longer than RFC 5322's 78 characters.
        #expect(String(decoding: m.data, as: UTF8.self).components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
    }

    @Test func aMailboxRefusedForGoodParksAndOneBusyForNowRetries() async throws {
        let server = try LoopbackSMTPServer()
        server.refuse("gone@example.com", with: "550 5.1.1 no such user")
        server.refuse("busy@example.com", with: "450 4.2.1 mailbox busy")
        let gone = await deliverer(target(server, to: ["gone@example.com"])).test(watchId: "zj")
        guard case .parked(let error) = gone.first?.outcome else {
            Issue.record("expected parked, got \(String(describing: gone.first?.outcome))")
            return
        }
        #expect(error.contains("550"))
        #expect(!error.contains("s3cret"))
        let policy = RetryPolicy()
        let busy = await FeedFetcher().fetch(
            DeliveryRequest.make(target(server, to: ["busy@example.com"]), AlertMessage.sample(watchId: "zj", now: now), now: now))
        guard case .retry = policy.decide(busy, attempts: 0, now: now) else {
            Issue.record("expected a retry for 450, got \(policy.decide(busy, attempts: 0, now: now))")
            return
        }
        #expect(server.messages.isEmpty)
    }

    @Test func withoutSTARTTLSNothingIsSentWhenTLSIsRequired() async throws {
        let server = try LoopbackSMTPServer()
        var t = target(server, to: ["a@example.com"])
        t.mail?.requireTLS = true
        let result = await FeedFetcher().fetch(DeliveryRequest.make(t, AlertMessage.sample(watchId: "zj", now: now), now: now))
        guard case .failure(let error) = result else {
            Issue.record("expected a failure, got \(result)")
            return
        }
        #expect(error.description.lowercased().contains("ssl") || error.description.lowercased().contains("tls"))
        #expect(server.messages.isEmpty)
    }

    @Test func longSubjectsAreSplitBetweenCharactersIntoShortEncodedWords() {
        let title = String(repeating: "浙江省金融支持山区26县跨越式高质量发展", count: 6)
        var m = AlertMessage.sample(watchId: "zj", now: now)
        m.story.title = title
        let bytes = MailMessage.bytes(m, from: "f@example.com", to: ["t@example.com"], now: now)
        let (headers, _) = Self.parse(bytes)
        #expect(Self.decodeWords(headers["subject"] ?? "") == "[finwire] " + title)
        #expect(String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
    }
}
