import CCurl
import FinwireModel
import Foundation
import Synchronization

/// One libcurl multi handle driven by one dedicated thread, bridged to Swift concurrency.
///
/// Why a thread: every `CURL*` must stay on the thread that drives the multi handle, and
/// `curl_multi_poll` blocks. Async callers hand requests over through a mutex-guarded queue and
/// `curl_multi_wakeup` (the one thread-safe multi call); results come back through continuations.
/// The multi handle shares connections (keep-alive, HTTP/2 multiplexing) and the DNS cache among transfers.
final class CurlMulti: Sendable {
    private struct Pending: Sendable {
        var request: FetchRequest
        var continuation: CheckedContinuation<Result<FetchResponse, FetchError>, Never>
    }
    private struct State: Sendable {
        var pending: [Pending] = []
        var closing = false
    }

    nonisolated(unsafe) private let multi: UnsafeMutableRawPointer
    private let state = Mutex(State())
    private let configuration: FetchConfiguration
    private let done = Mutex(false)

    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    init(configuration: FetchConfiguration) {
        _ = CurlMulti.globalInit
        self.configuration = configuration
        multi = curl_multi_init()!
        fw_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, configuration.maxConnections)
        fw_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, configuration.maxHostConnections)
        fw_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        let thread = Thread { [self] in self.loop() }
        thread.name = "finwire-curl"
        thread.start()
    }

    func perform(_ request: FetchRequest) async -> Result<FetchResponse, FetchError> {
        await withCheckedContinuation { continuation in
            let accepted = state.withLock { s -> Bool in
                guard !s.closing else { return false }
                s.pending.append(Pending(request: request, continuation: continuation))
                return true
            }
            if accepted {
                curl_multi_wakeup(multi)
            } else {
                continuation.resume(
                    returning: .failure(
                        FetchError(kind: .transport, url: request.url.absoluteString, message: "fetcher is closed")))
            }
        }
    }

    /// Lets in-flight transfers finish, then stops the thread and frees the multi handle.
    func close() {
        state.withLock { $0.closing = true }
        curl_multi_wakeup(multi)
    }

    private func loop() {
        var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
        while true {
            let (incoming, closing) = state.withLock { s -> ([Pending], Bool) in
                defer { s.pending.removeAll() }
                return (s.pending, s.closing)
            }
            for p in incoming {
                let t = CurlTransfer(request: p.request, configuration: configuration, continuation: p.continuation)
                active[t.handle] = t
                curl_multi_add_handle(multi, t.handle)
            }
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            var left: Int32 = 0
            while let msg = curl_multi_info_read(multi, &left) {
                guard msg.pointee.msg == CURLMSG_DONE, let easy = msg.pointee.easy_handle else { continue }
                let code = msg.pointee.data.result
                curl_multi_remove_handle(multi, easy)
                if let t = active.removeValue(forKey: easy) { t.complete(code: code) }
            }
            if closing, active.isEmpty, state.withLock({ $0.pending.isEmpty }) { break }
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        curl_multi_cleanup(multi)
    }
}
