import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A real HTTP/1.1 server on 127.0.0.1 and an ephemeral port, run by the tests themselves so that libcurl
/// is exercised over real sockets and no test ever touches the internet.
///
/// One thread accepts; each connection is served on its own thread, one request per connection
/// (`Connection: close`). Routes can be changed while it runs; every request is recorded.
public final class LoopbackHTTPServer: Sendable {
    public struct Request: Sendable {
        public var method: String
        public var path: String
        /// Header names lower-cased.
        public var headers: [String: String]
        /// The body (of a POST), as many bytes as Content-Length said.
        public var body: [UInt8] = []
    }

    public struct Response: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: [UInt8]
        /// Bytes written per second, to simulate a dripping server; nil writes at once.
        public var dripBytesPerSecond: Int?
        /// Close the connection after this many body bytes (Content-Length still announces all of them).
        public var resetAfter: Int?

        public init(
            status: Int, headers: [(String, String)] = [], body: [UInt8] = [], dripBytesPerSecond: Int? = nil,
            resetAfter: Int? = nil
        ) {
            self.status = status
            self.headers = headers
            self.body = body
            self.dripBytesPerSecond = dripBytesPerSecond
            self.resetAfter = resetAfter
        }
    }

    public typealias Handler = @Sendable (Request) -> Response

    typealias StateForBox = State
    struct State: Sendable {
        var routes: [String: Handler] = [:]
        var requests: [Request] = []
        var stopped = false
    }

    public let port: Int
    private let listener: Int32
    /// Shared with the server threads, which never hold the server itself: dropping the server stops them.
    private let box: StateBox

    public init() throws {
        let (fd, port) = try LoopbackSocket.listen()
        listener = fd
        self.port = port
        let box = StateBox()
        self.box = box
        LoopbackSocket.serve(fd, stopped: { box.state.withLock { $0.stopped } }) { LoopbackHTTPServer.serve($0, box) }
    }

    deinit { stop() }

    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    public func url(_ path: String) -> URL { URL(string: "http://127.0.0.1:\(port)\(path)")! }

    /// Serves `path` with `handler` from now on.
    public func route(_ path: String, _ handler: @escaping Handler) {
        box.state.withLock { $0.routes[path] = handler }
    }

    /// Every request received so far, in order.
    public var requests: [Request] { box.state.withLock { $0.requests } }

    public func requests(to path: String) -> [Request] { requests.filter { $0.path == path } }

    public func stop() {
        let wasRunning = box.state.withLock { s -> Bool in
            defer { s.stopped = true }
            return !s.stopped
        }
        // Only shut down here: the accept thread closes the descriptor once it has left accept(), so the
        // number cannot be reused by another socket while this server's thread still waits on it.
        if wasRunning { shutdown(listener, Int32(SHUT_RDWR)) }
    }


    private static func serve(_ fd: Int32, _ box: StateBox) {
        defer { close(fd) }
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        var headerEnd: Int?
        while headerEnd == nil {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return }
            buffer.append(contentsOf: chunk[0..<n])
            if let r = findHeaderEnd(buffer) { headerEnd = r }
            if buffer.count > 1 << 20 { return }
        }
        let head = String(decoding: buffer[0..<headerEnd!], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(buffer[(headerEnd! + 4)...])
        let length = headers["content-length"].flatMap { Int($0) } ?? 0
        while body.count < length {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            body.append(contentsOf: chunk[0..<n])
        }
        let request = Request(method: String(requestLine[0]), path: String(requestLine[1]), headers: headers, body: body)
        let handler = box.state.withLock { s -> Handler? in
            s.requests.append(request)
            // A route without a query string also answers requests that carry one (signed bot URLs).
            return s.routes[request.path] ?? s.routes[String(request.path.prefix { $0 != "?" })]
        }
        let response = handler?(request) ?? Response(status: 404, body: Array("not found\n".utf8))
        write(response, to: fd, headOnly: request.method == "HEAD")
    }

    private static func findHeaderEnd(_ b: [UInt8]) -> Int? {
        guard b.count >= 4 else { return nil }
        for i in 0...(b.count - 4) where b[i] == 13 && b[i + 1] == 10 && b[i + 2] == 13 && b[i + 3] == 10 {
            return i
        }
        return nil
    }

    private static func write(_ r: Response, to fd: Int32, headOnly: Bool) {
        var head = "HTTP/1.1 \(r.status) \(Self.reason(r.status))\r\n"
        var hasLength = false
        for (name, value) in r.headers {
            head += "\(name): \(value)\r\n"
            if name.lowercased() == "content-length" { hasLength = true }
        }
        if !hasLength, r.status != 304 { head += "Content-Length: \(r.body.count)\r\n" }
        head += "Connection: close\r\n\r\n"
        sendAll(fd, Array(head.utf8))
        guard !headOnly, r.status != 304 else { return }
        if let cut = r.resetAfter {
            sendAll(fd, Array(r.body.prefix(cut)))
            var linger = linger(l_onoff: 1, l_linger: 0)  // RST instead of FIN: a reset mid-body
            setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
            return
        }
        if let rate = r.dripBytesPerSecond, rate > 0 {
            for b in r.body {
                if !sendAll(fd, [b]) { return }
                usleep(UInt32(1_000_000 / rate))
            }
        } else {
            sendAll(fd, r.body)
        }
    }

    @discardableResult
    private static func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool { LoopbackSocket.sendAll(fd, bytes) }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 301: return "Moved Permanently"
        case 302: return "Found"
        case 304: return "Not Modified"
        case 404: return "Not Found"
        case 410: return "Gone"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 503: return "Service Unavailable"
        default: return "Status"
        }
    }
}

private final class StateBox: Sendable {
    let state = Mutex(LoopbackHTTPServer.StateForBox())
}

/// The listening socket and the sending loop both loopback servers (HTTP, SMTP) share.
enum LoopbackSocket {
    /// A socket listening on 127.0.0.1 and an ephemeral port, and that port.
    static func listen() throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError("socket: errno \(errno)") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, Glibc.listen(fd, 128) == 0 else {
            close(fd)
            throw ServerError("bind/listen: errno \(errno)")
        }
        var actual = sockaddr_in()
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        return (fd, Int(UInt16(bigEndian: actual.sin_port)))
    }

    /// Accepts on `listener` on a thread of its own, each client on another, until `stopped` says so once
    /// the listener is shut down; the listener is closed at the end.
    static func serve(_ listener: Int32, stopped: @escaping @Sendable () -> Bool, session: @escaping @Sendable (Int32) -> Void) {
        Thread {
            defer { close(listener) }
            while true {
                let client = accept(listener, nil, nil)
                if client < 0 {
                    if stopped() || errno != EINTR { return }
                    continue
                }
                if stopped() {
                    close(client)
                    return
                }
                Thread { session(client) }.start()
            }
        }.start()
    }

    @discardableResult
    static func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }
}

public struct ServerError: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}

extension LoopbackHTTPServer {
    /// A static document with validators, answering conditional GETs with 304 the way nginx does.
    public static func staticFeed(
        _ body: [UInt8], etag: String? = nil, lastModified: String = "Sat, 01 Jun 2024 00:00:00 GMT",
        contentType: String = "application/xml"
    ) -> Handler {
        let tag = etag ?? "\"\(body.count)-\(body.reduce(0) { ($0 &* 31 &+ Int($1)) & 0xFFFFFF })\""
        return { request in
            if let inm = request.headers["if-none-match"], inm == tag {
                return Response(status: 304, headers: [("ETag", tag), ("Last-Modified", lastModified)])
            }
            if request.headers["if-none-match"] == nil, request.headers["if-modified-since"] == lastModified {
                return Response(status: 304, headers: [("ETag", tag), ("Last-Modified", lastModified)])
            }
            return Response(
                status: 200, headers: [("Content-Type", contentType), ("ETag", tag), ("Last-Modified", lastModified)],
                body: body)
        }
    }
}
