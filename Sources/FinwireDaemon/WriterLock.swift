import FinwireModel
import FinwireStore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One writer per database: an advisory `flock` on `<database>.lock`, held for the writer's lifetime.
/// The daemon holds it while it runs; a one-shot `finwire fetch` that finds it taken says so plainly and
/// exits 75 (EX_TEMPFAIL) instead of competing (SQLite would keep the data safe either way, but two
/// schedulers would double the load on every host). Readers (`status`, `export`) never take it.
///
/// The holder writes `pid <N> since <ISO time>` into the file, so that a second writer can name it. A lock
/// file that cannot be opened is a different failure (a missing or read-only folder) and says so: the
/// message never blames a daemon that does not exist.
public final class WriterLock: Sendable {
    public let path: String
    private let fd: Int32

    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// Another process holds the lock; `holder` is what it wrote (`pid N since T`), if readable.
        case held(path: String, holder: String?)
        /// The lock file (or the database's folder) cannot be opened or created.
        case cannotOpen(path: String, reason: String)

        public var description: String {
            switch self {
            case .held(let path, let holder):
                let who = holder.map { "another finwire (\($0))" } ?? "another finwire (it did not say which)"
                return "\(path): the database is being written by \(who); when that is the daemon, it already "
                    + "fetches on schedule (reload it with `systemctl reload finwire`, or stop it before a manual fetch)"
            case .cannotOpen(let path, let reason):
                return "\(path): cannot open or create the lock file: \(reason)"
            }
        }

        /// 75 (EX_TEMPFAIL) when held — try again later; 73 (EX_CANTCREAT) when the file cannot be made.
        public var exitCode: Int32 {
            switch self {
            case .held: WriterLock.busyExitCode
            case .cannotOpen: DatabaseFolderError.exitCode
            }
        }
    }

    /// Takes the lock without waiting, creating the database's folder first when it is missing.
    public init(database: String, now: Date = Date()) throws(Failure) {
        path = database + ".lock"
        do {
            try DatabaseFolder.ensure(forDatabase: database)
        } catch {
            throw .cannotOpen(path: path, reason: error.description)
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let failure = errno
            var buffer = [UInt8](repeating: 0, count: 128)
            let n = pread(fd, &buffer, 127, 0)
            close(fd)
            guard failure == EWOULDBLOCK else {
                throw .cannotOpen(path: path, reason: "flock: " + String(cString: strerror(failure)))
            }
            let text = n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : ""
            throw .held(path: path, holder: text.isEmpty ? nil : text)
        }
        ftruncate(fd, 0)
        let note = Array("pid \(getpid()) since \(ISODate.string(now))\n".utf8)
        _ = pwrite(fd, note, note.count, 0)
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }

    /// The exit status for "the database is busy" (sysexits EX_TEMPFAIL).
    public static let busyExitCode: Int32 = 75
}
