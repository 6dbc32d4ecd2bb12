import FinwireModel
import Foundation

/// The fetch stage's entry point: a request in, an HTTP answer or a typed error out.
///
/// http(s) goes through the shared libcurl multi handle; `file:` URLs (allowed only when a feed is
/// configured that way, never via redirects) are read directly, with the file's mtime as Last-Modified so
/// that an unchanged file answers 304 like a server would.
public final class FeedFetcher: Sendable {
    public let configuration: FetchConfiguration
    private let multi: CurlMulti

    public init(configuration: FetchConfiguration = FetchConfiguration()) {
        self.configuration = configuration
        self.multi = CurlMulti(configuration: configuration)
    }

    public func fetch(_ request: FetchRequest) async -> Result<FetchResponse, FetchError> {
        switch request.url.scheme?.lowercased() {
        case "http", "https":
            return await multi.perform(request)
        case "smtp" where request.mail != nil, "smtps" where request.mail != nil:
            return await multi.perform(request)
        case "file":
            return readFile(request)
        default:
            return .failure(
                FetchError(
                    kind: .protocolRefused, url: request.url.absoluteString,
                    message: "refused: only http, https and configured file: URLs are fetched"))
        }
    }

    deinit { multi.close() }

    /// Stops the transfer thread after in-flight transfers finish. Later fetches fail at once.
    public func close() {
        multi.close()
    }

    private func readFile(_ request: FetchRequest) -> Result<FetchResponse, FetchError> {
        let url = request.url
        let path = url.path
        let started = ContinuousClock.now
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
            let mtime = (attributes[.modificationDate] as? Date) ?? Date(timeIntervalSince1970: 0)
            let lastModified = HTTPDate.string(mtime)
            if request.validators.lastModified == lastModified {
                return .success(
                    FetchResponse(status: 304, effectiveURL: url.absoluteString, headers: ["last-modified": lastModified]))
            }
            guard size <= configuration.maxBodyBytes else {
                return .failure(
                    FetchError(
                        kind: .tooLarge, url: url.absoluteString,
                        message: "file larger than the \(configuration.maxBodyBytes)-byte cap"))
            }
            let data = try Data(contentsOf: url)
            let elapsed = ContinuousClock.now - started
            return .success(
                FetchResponse(
                    status: 200, effectiveURL: url.absoluteString, headers: ["last-modified": lastModified],
                    body: Array(data), durationMilliseconds: elapsed.wholeMilliseconds))
        } catch {
            return .failure(
                FetchError(kind: .file, url: url.absoluteString, message: "cannot read \(path): \(error.localizedDescription)"))
        }
    }
}
