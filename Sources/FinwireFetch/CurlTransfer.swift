import CCurl
import FinwireModel
import Foundation

/// One easy handle and everything libcurl writes into it. Lives only on the multi thread; libcurl finds
/// it again through the WRITEDATA/HEADERDATA user pointer.
final class CurlTransfer {
    let request: FetchRequest
    let continuation: CheckedContinuation<Result<FetchResponse, FetchError>, Never>
    let handle: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private var recipientList: UnsafeMutablePointer<curl_slist>?
    /// Bytes of an email handed to libcurl so far.
    var uploaded = 0
    let maxBody: Int
    let started = ContinuousClock.now
    var body: [UInt8] = []
    var headers: [String: String] = [:]
    /// The status of every response in the redirect chain, in order (the last is the final answer).
    var statuses: [Int] = []
    var overCap = false
    /// Set when the SSRF guard refused an address.
    var refusedAddress: String?

    init(
        request: FetchRequest, configuration: FetchConfiguration,
        continuation: CheckedContinuation<Result<FetchResponse, FetchError>, Never>
    ) {
        self.request = request
        self.continuation = continuation
        self.maxBody = configuration.maxBodyBytes
        self.handle = curl_easy_init()!
        configure(configuration)
    }

    deinit {
        curl_easy_cleanup(handle)
        if let headerList { curl_slist_free_all(headerList) }
        if let recipientList { curl_slist_free_all(recipientList) }
    }

    private func configure(_ c: FetchConfiguration) {
        let h = handle
        fw_easy_setopt_string(h, CURLOPT_URL, request.url.absoluteString)
        // Only http(s), also after redirects: a feed can never make us read file:// or talk gopher/dict.
        // An alert's email is the one exception, and speaks only SMTP.
        fw_easy_setopt_string(h, CURLOPT_PROTOCOLS_STR, request.mail == nil ? "http,https" : "smtp,smtps")
        fw_easy_setopt_string(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        // A POST is not followed: curl would re-send it as a GET, and a receiver that moved is misconfigured.
        fw_easy_setopt_long(h, CURLOPT_FOLLOWLOCATION, request.post == nil ? 1 : 0)
        fw_easy_setopt_long(h, CURLOPT_MAXREDIRS, c.maxRedirects)
        fw_easy_setopt_string(h, CURLOPT_ACCEPT_ENCODING, "")  // every encoding libcurl can decode
        fw_easy_setopt_string(h, CURLOPT_USERAGENT, c.userAgent)
        fw_easy_setopt_long(h, CURLOPT_NOSIGNAL, 1)
        fw_easy_setopt_long(h, CURLOPT_CONNECTTIMEOUT, c.connectTimeout)
        fw_easy_setopt_long(h, CURLOPT_TIMEOUT, c.totalTimeout)
        fw_easy_setopt_long(h, CURLOPT_LOW_SPEED_LIMIT, c.lowSpeedBytes)
        fw_easy_setopt_long(h, CURLOPT_LOW_SPEED_TIME, c.lowSpeedSeconds)
        fw_easy_setopt_long(h, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
        fw_easy_setopt_off_t(h, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(c.maxBodyBytes))
        var list: UnsafeMutablePointer<curl_slist>?
        if let mail = request.mail {
            configureMail(mail)
        } else if let post = request.post {
            fw_easy_setopt_off_t(h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(post.body.count))
            // COPYPOSTFIELDS copies the bytes (POSTFIELDSIZE of them, set first): the handle owns its body.
            _ = (post.body + [0]).withUnsafeBytes { fw_easy_setopt_pointer(h, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0.baseAddress!)) }
            list = curl_slist_append(list, "Content-Type: \(post.contentType)")
            // No `Expect: 100-continue` round trip before a body of more than 1 KB.
            list = curl_slist_append(list, "Expect:")
        } else {
            list = curl_slist_append(
                list, "Accept: application/rss+xml, application/atom+xml, application/rdf+xml, application/feed+json, "
                    + "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
        }
        for (name, value) in request.access.headers.sorted(by: { $0.key < $1.key }) where request.mail == nil {
            list = curl_slist_append(list, "\(name): \(value)")
        }
        if let cookies = request.access.cookies { fw_easy_setopt_string(h, CURLOPT_COOKIE, cookies) }
        if let proxy = request.access.proxy ?? c.proxy { fw_easy_setopt_string(h, CURLOPT_PROXY, proxy) }
        if let ca = c.caBundle { fw_easy_setopt_string(h, CURLOPT_CAINFO, ca) }
        if let etag = request.validators.etag { list = curl_slist_append(list, "If-None-Match: \(etag)") }
        if let lm = request.validators.lastModified { list = curl_slist_append(list, "If-Modified-Since: \(lm)") }
        headerList = list
        if request.mail == nil { fw_easy_setopt_slist(h, CURLOPT_HTTPHEADER, list) }
        let me = Unmanaged.passUnretained(self).toOpaque()
        if c.blockPrivateAddresses {
            fw_easy_setopt_pointer(h, CURLOPT_OPENSOCKETDATA, me)
            fw_easy_setopt_opensocket(h) { user, _, address in
                guard let user, let address else { return CURL_SOCKET_BAD }
                let t = Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue()
                let a = address.pointee
                let start = UnsafeRawPointer(address) + MemoryLayout<curl_sockaddr>.offset(of: \.addr)!
                if let refused = AddressGuard.nonPublic(start, family: a.family) {
                    t.refusedAddress = refused
                    return CURL_SOCKET_BAD
                }
                return socket(a.family, a.socktype, a.protocol)
            }
        }
        fw_easy_setopt_pointer(h, CURLOPT_WRITEDATA, me)
        fw_easy_setopt_pointer(h, CURLOPT_HEADERDATA, me)
        fw_easy_setopt_pointer(h, CURLOPT_PRIVATE, me)
        fw_easy_setopt_write(h, CURLOPT_WRITEFUNCTION) { data, size, count, user in
            let t = Unmanaged<CurlTransfer>.fromOpaque(user!).takeUnretainedValue()
            let n = size * count
            guard let data else { return n }
            if t.body.count + n > t.maxBody {
                t.overCap = true
                return 0  // aborts the transfer with CURLE_WRITE_ERROR
            }
            data.withMemoryRebound(to: UInt8.self, capacity: n) { t.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: n)) }
            return n
        }
        fw_easy_setopt_write(h, CURLOPT_HEADERFUNCTION) { data, size, count, user in
            let t = Unmanaged<CurlTransfer>.fromOpaque(user!).takeUnretainedValue()
            let n = size * count
            guard let data else { return n }
            let line = data.withMemoryRebound(to: UInt8.self, capacity: n) {
                String(decoding: UnsafeBufferPointer(start: $0, count: n), as: UTF8.self)
            }
            t.header(line)
            return n
        }
    }

    /// SMTP: envelope, credentials, TLS, and the message read from memory by libcurl's upload callback.
    private func configureMail(_ mail: FetchRequest.Mail) {
        let h = handle
        fw_easy_setopt_string(h, CURLOPT_MAIL_FROM, "<\(mail.from)>")
        var rcpt: UnsafeMutablePointer<curl_slist>?
        for r in mail.recipients { rcpt = curl_slist_append(rcpt, "<\(r)>") }
        recipientList = rcpt
        fw_easy_setopt_slist(h, CURLOPT_MAIL_RCPT, rcpt)
        if mail.requireTLS { fw_easy_setopt_long(h, CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue)) }
        if let u = mail.username { fw_easy_setopt_string(h, CURLOPT_USERNAME, u) }
        if let p = mail.password { fw_easy_setopt_string(h, CURLOPT_PASSWORD, p) }
        fw_easy_setopt_long(h, CURLOPT_UPLOAD, 1)
        fw_easy_setopt_off_t(h, CURLOPT_INFILESIZE_LARGE, curl_off_t(mail.message.count))
        fw_easy_setopt_pointer(h, CURLOPT_READDATA, Unmanaged.passUnretained(self).toOpaque())
        fw_easy_setopt_read(h) { buffer, size, count, user in
            let t = Unmanaged<CurlTransfer>.fromOpaque(user!).takeUnretainedValue()
            guard let buffer, let message = t.request.mail?.message else { return 0 }
            let n = min(size * count, message.count - t.uploaded)
            message.withUnsafeBytes { src in
                UnsafeMutableRawPointer(buffer).copyMemory(from: src.baseAddress! + t.uploaded, byteCount: n)
            }
            t.uploaded += n
            return n
        }
    }

    /// A new status line starts a new header block (each redirect hop has one); only the last block counts.
    private func header(_ line: String) {
        if line.hasPrefix("HTTP/") {
            headers.removeAll()
            let parts = line.split(separator: " ", maxSplits: 2)
            if parts.count >= 2, let code = Int(parts[1]) { statuses.append(code) }
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        if !name.isEmpty { headers[name] = value }
    }

    /// Called on the multi thread once libcurl reports the transfer done.
    func complete(code: CURLcode) {
        let url = request.url.absoluteString
        guard code == CURLE_OK else {
            continuation.resume(returning: .failure(error(for: code, url: url)))
            return
        }
        var status = 0
        fw_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        var redirects = 0
        fw_easy_getinfo_long(handle, CURLINFO_REDIRECT_COUNT, &redirects)
        var effective: UnsafeMutablePointer<CChar>?
        fw_easy_getinfo_string(handle, CURLINFO_EFFECTIVE_URL, &effective)
        let elapsed = ContinuousClock.now - started
        let ms = elapsed.wholeMilliseconds
        continuation.resume(
            returning: .success(
                FetchResponse(
                    status: status, effectiveURL: effective.map { String(cString: $0) } ?? url, redirects: redirects,
                    headers: headers, body: body, durationMilliseconds: ms,
                    redirectStatuses: Array(statuses.dropLast()))))
    }

    private func error(for code: CURLcode, url: String) -> FetchError {
        let text = String(cString: curl_easy_strerror(code))
        let c = Int(code.rawValue)
        if request.mail != nil {
            var reply = 0
            fw_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &reply)
            if reply >= 400 || code == CURLE_LOGIN_DENIED {
                return FetchError(
                    kind: .mailRefused, url: url, message: "mail server refused (\(reply > 0 ? "\(reply)" : "login")): \(text)",
                    curlCode: c, replyCode: reply > 0 ? reply : 535)
            }
        }
        switch code {
        case _ where refusedAddress != nil:
            return FetchError(
                kind: .blockedAddress, url: url,
                message: "refused: \(refusedAddress!) is not a public address (fetch.block_private_addresses)",
                curlCode: c)
        case CURLE_WRITE_ERROR where overCap, CURLE_FILESIZE_EXCEEDED:
            return FetchError(
                kind: .tooLarge, url: url, message: "body larger than the \(maxBody)-byte cap", curlCode: c)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return FetchError(kind: .dns, url: url, message: "DNS: \(text)", curlCode: c)
        case CURLE_COULDNT_CONNECT:
            return FetchError(kind: .connect, url: url, message: "connect: \(text)", curlCode: c)
        case CURLE_OPERATION_TIMEDOUT:
            return FetchError(kind: .timeout, url: url, message: "timeout: \(text)", curlCode: c)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE:
            return FetchError(kind: .tls, url: url, message: "TLS: \(text)", curlCode: c)
        case CURLE_UNSUPPORTED_PROTOCOL:
            return FetchError(
                kind: .protocolRefused, url: url,
                message: "refused: only \(request.mail == nil ? "http and https are fetched" : "smtp and smtps send mail") (\(text))",
                curlCode: c)
        case CURLE_TOO_MANY_REDIRECTS:
            return FetchError(kind: .tooManyRedirects, url: url, message: "too many redirects", curlCode: c)
        default:
            return FetchError(kind: .transport, url: url, message: "curl error \(c): \(text)", curlCode: c)
        }
    }
}
