import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One writer per database: an advisory `flock` on `<database>.lock`, held for the writer's lifetime.
/// The daemon holds it while it runs; a one-shot `finwire fetch` that finds it taken says so plainly and
/// exits 75 (EX_TEMPFAIL) instead of competing (SQLite would keep the data safe either way, but two
/// schedulers would double the load on every host). Readers (`status`, `export`) never take it.
public final class WriterLock: Sendable {
    public let path: String
    private let fd: Int32

    public struct Held: Error, CustomStringConvertible {
        public var path: String
        public var holder: String
        public var description: String {
            "\(path): the database is being written by \(holder); it already fetches on schedule "
                + "(reload it with `systemctl reload finwire`, or stop it before a manual fetch)"
        }
    }

    /// Takes the lock without waiting; throws `Held` naming the holder when another process has it.
    public init(database: String) throws {
        path = database + ".lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Held(path: path, holder: "nobody (cannot open the lock file: errno \(errno))") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            var buffer = [UInt8](repeating: 0, count: 64)
            let n = read(fd, &buffer, 63)
            close(fd)
            let pid = n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : "?"
            throw Held(path: path, holder: "another finwire process (pid \(pid))")
        }
        ftruncate(fd, 0)
        let pid = Array("\(getpid())\n".utf8)
        _ = pwrite(fd, pid, pid.count, 0)
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }

    /// The exit status for "the database is busy" (sysexits EX_TEMPFAIL).
    public static let busyExitCode: Int32 = 75
}
