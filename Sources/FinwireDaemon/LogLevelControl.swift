import Logging
import Synchronization

/// The daemon's log level, shared by its log handlers, so that a reload can change it without
/// rebuilding every `Logger` that was handed out. `--log-level` on the command line pins it: the
/// flag then wins over `log_level` in the file, at start and on every reload.
public final class LogLevelControl: Sendable {
    private let current: Mutex<Logger.Level>
    public let pinned: Bool

    public init(_ level: Logger.Level, pinned: Bool) {
        current = Mutex(level)
        self.pinned = pinned
    }

    public var level: Logger.Level { current.withLock { $0 } }

    /// Applies the configuration's `log_level` unless the command line pinned one; true when it changed.
    @discardableResult
    public func apply(configured: String?) -> Bool {
        guard !pinned else { return false }
        let next = configured.flatMap(Logger.Level.init(rawValue:)) ?? .info
        return current.withLock { level in
            defer { level = next }
            return level != next
        }
    }
}
