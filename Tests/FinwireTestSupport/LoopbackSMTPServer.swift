import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A real SMTP server on 127.0.0.1 (RFC 5321's plain command set, AUTH PLAIN and LOGIN, no TLS), run by the
/// tests so that libcurl's SMTP client sends real mail over a real socket. A recipient given a refusal
/// (`550 …` for good, `450 …` for now) gets it at RCPT; every accepted message is recorded with its envelope.
public final class LoopbackSMTPServer: Sendable {
    public struct Message: Sendable {
        public var from: String
        public var recipients: [String]
        /// The DATA section, dot-unstuffed, without the final `.` line.
        public var data: [UInt8]
        /// `user:password` from AUTH, when the client logged in.
        public var login: String?
    }

    struct State: Sendable {
        var refusals: [String: String] = [:]
        var messages: [Message] = []
        var stopped = false
    }

    public let port: Int
    private let listener: Int32
    private let state: SharedState

    final class SharedState: Sendable { let value = Mutex(State()) }

    public init() throws {
        let (fd, port) = try LoopbackSocket.listen()
        listener = fd
        self.port = port
        let state = SharedState()
        self.state = state
        LoopbackSocket.serve(fd, stopped: { state.value.withLock { $0.stopped } }) { LoopbackSMTPServer.session($0, state) }
    }

    deinit {
        state.value.withLock { $0.stopped = true }
        shutdown(listener, Int32(SHUT_RDWR))
    }

    public var url: URL { URL(string: "smtp://127.0.0.1:\(port)")! }

    /// RCPT TO this address is answered with `reply` (`550 5.1.1 no such user`).
    public func refuse(_ recipient: String, with reply: String) {
        state.value.withLock { $0.refusals[recipient] = reply }
    }

    public var messages: [Message] { state.value.withLock { $0.messages } }

    private static func session(_ fd: Int32, _ state: SharedState) {
        defer { close(fd) }
        var reader = LineReader(fd: fd)
        func say(_ line: String) { LoopbackSocket.sendAll(fd, Array((line + "\r\n").utf8)) }
        func decode(_ b64: String) -> String {
            String(decoding: Data(base64Encoded: b64) ?? Data(), as: UTF8.self)
        }
        say("220 127.0.0.1 finwire-test ESMTP")
        var from = ""
        var recipients: [String] = []
        var login: String?
        while let line = reader.line() {
            let upper = line.uppercased()
            func address() -> String {
                guard let a = line.firstIndex(of: "<"), let b = line.lastIndex(of: ">"), a < b else { return "" }
                return String(line[line.index(after: a)..<b])
            }
            if upper.hasPrefix("EHLO") {
                say("250-127.0.0.1")
                say("250-AUTH PLAIN LOGIN")
                say("250 8BITMIME")
            } else if upper.hasPrefix("HELO") || upper.hasPrefix("NOOP") {
                say("250 ok")
            } else if upper.hasPrefix("AUTH PLAIN") {
                var payload = String(line.dropFirst("AUTH PLAIN".count)).trimmingCharacters(in: .whitespaces)
                if payload.isEmpty {
                    say("334 ")
                    payload = reader.line() ?? ""
                }
                let parts = decode(payload).split(separator: "\0", omittingEmptySubsequences: false)
                login = parts.count == 3 ? "\(parts[1]):\(parts[2])" : nil
                say("235 2.7.0 accepted")
            } else if upper.hasPrefix("AUTH LOGIN") {
                say("334 VXNlcm5hbWU6")
                let user = decode(reader.line() ?? "")
                say("334 UGFzc3dvcmQ6")
                login = "\(user):\(decode(reader.line() ?? ""))"
                say("235 2.7.0 accepted")
            } else if upper.hasPrefix("MAIL FROM") {
                from = address()
                recipients = []
                say("250 ok")
            } else if upper.hasPrefix("RCPT TO") {
                let to = address()
                if let refusal = state.value.withLock({ $0.refusals[to] }) {
                    say(refusal)
                } else {
                    recipients.append(to)
                    say("250 ok")
                }
            } else if upper == "DATA" {
                guard !recipients.isEmpty else {
                    say("554 no valid recipients")
                    continue
                }
                say("354 end with <CRLF>.<CRLF>")
                var data: [UInt8] = []
                while let l = reader.line() {
                    if l == "." { break }
                    data += Array((l.hasPrefix(".") ? String(l.dropFirst()) : l).utf8) + [13, 10]
                }
                let message = Message(from: from, recipients: recipients, data: data, login: login)
                state.value.withLock { $0.messages.append(message) }
                say("250 2.0.0 queued")
            } else if upper == "RSET" {
                from = ""
                recipients = []
                say("250 ok")
            } else if upper == "QUIT" {
                say("221 bye")
                return
            } else {
                say("502 5.5.2 not implemented")
            }
        }
    }

    /// CRLF-terminated lines off a socket.
    struct LineReader {
        let fd: Int32
        var buffer: [UInt8] = []

        mutating func line() -> String? {
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                if let i = buffer.firstIndex(of: 10) {
                    var bytes = Array(buffer[..<i])
                    buffer.removeFirst(i + 1)
                    if bytes.last == 13 { bytes.removeLast() }
                    return String(decoding: bytes, as: UTF8.self)
                }
                let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if n <= 0 { return nil }
                buffer += chunk[0..<n]
            }
        }
    }
}
