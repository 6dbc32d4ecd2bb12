import Foundation

#if canImport(Glibc)
    import Glibc
    private let systemWrite = Glibc.write
#elseif canImport(Darwin)
    import Darwin
    private let systemWrite = Darwin.write
#endif

/// Writes files so that a reader (a web server, a sync job, a Hexo build) sees the old file or the new one,
/// never half of one: the bytes go to a temporary file beside the target, are flushed to disk, and the
/// temporary file is renamed over the target (rename(2) is atomic within a filesystem); then the folder is
/// flushed so the rename survives a crash. On any failure the temporary file is removed and the target is
/// untouched.
public enum AtomicWriter {
    public struct WriteError: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var message: String
        public var description: String { "export: cannot write \(path): \(message)" }
    }

    public static func write(_ text: String, to path: String) throws {
        try write(to: path) { emit in try emit(text) }
    }

    /// Streams into the temporary file: `produce` calls `emit` with each piece as it is rendered, so a large
    /// export never holds the whole output in memory. The file replaces `path` only once `produce` returned.
    public static func write(to path: String, _ produce: (_ emit: @escaping (String) throws -> Void) throws -> Void) throws {
        let target = URL(fileURLWithPath: path)
        let folder = target.deletingLastPathComponent().path
        let temp = folder + "/." + target.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, message: String(cString: strerror(errno))) }
        var ok = false
        defer {
            if !ok { unlink(temp) }
        }
        do {
            defer { close(fd) }
            try produce { text in
                var text = text
                try text.withUTF8 { bytes in
                    var offset = 0
                    while offset < bytes.count {
                        let n = systemWrite(fd, bytes.baseAddress! + offset, bytes.count - offset)
                        if n < 0 {
                            if errno == EINTR { continue }
                            throw WriteError(path: path, message: String(cString: strerror(errno)))
                        }
                        offset += n
                    }
                }
            }
            guard fsync(fd) == 0 else { throw WriteError(path: path, message: String(cString: strerror(errno))) }
        }
        guard rename(temp, path) == 0 else { throw WriteError(path: path, message: String(cString: strerror(errno))) }
        ok = true
        let dir = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 {
            _ = fsync(dir)
            close(dir)
        }
    }

    /// Writes each document into `folder` (created if missing). When a document made from an article is
    /// written, an older file of the same article under another name (its title changed) is removed, so a
    /// folder never holds two copies of one article. Only files this format made are ever removed: the name
    /// ends in `-<id>.md` and the content begins with the format's own header.
    public static func write(
        _ documents: [ExportDocument], into folder: String, suffix: (Int64) -> String, header: String
    ) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: folder, message: "cannot create the folder (\(error.localizedDescription))")
        }
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for d in documents {
            try write(d.text, to: folder + "/" + d.name)
            guard let id = d.articleId else { continue }
            for old in existing where old != d.name && old.hasSuffix(suffix(id)) && !old.hasPrefix(".") {
                let path = folder + "/" + old
                guard let handle = FileHandle(forReadingAtPath: path) else { continue }
                let head = (try? handle.read(upToCount: header.utf8.count)) ?? nil
                try? handle.close()
                if let head, head == Data(header.utf8) { unlink(path) }
            }
        }
    }
}
