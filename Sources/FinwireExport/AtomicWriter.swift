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
        try write(to: path) { emit in try emit(Array(text.utf8)) }
    }

    /// Streams into the temporary file: `produce` calls `emit` with each piece as it is rendered, so a large
    /// export never holds the whole output in memory. The file replaces `path` only once `produce` returned.
    public static func write(to path: String, _ produce: (_ emit: @escaping ([UInt8]) throws -> Void) throws -> Void) throws {
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
            try produce { piece in
                try piece.withUnsafeBufferPointer { bytes in
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

    /// Writes each document into `folder` (created if missing); see `PostFolder`.
    public static func write(_ documents: [ExportDocument], into folder: String, header: String) throws {
        let posts = try PostFolder(folder, header: header)
        for d in documents { try posts.write(d) }
        try posts.finish()
    }

    /// Article id → file name of every post this writer put in a folder.
    public static let manifestName = PostFolder.manifestName
}

/// A folder of posts, one file per article, written one at a time as an export streams (each file
/// atomically). The folder keeps a small manifest (`.finwire-posts.json`: article id → file name) so that a
/// revised article whose title changed replaces its own earlier file, and two articles with the same title
/// get `name.md` and `name-2.md` instead of overwriting each other. A file not in the manifest is replaced
/// only when it begins with the format's own header (a post the old bot wrote under the same name);
/// anything else in the folder — a user's own post — is never touched. The manifest is written at `finish`.
public final class PostFolder {
    public static let manifestName = ".finwire-posts.json"

    let folder: String
    let header: String
    private var manifest: [String: String]
    private var owner: [String: String]

    public init(_ folder: String, header: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw AtomicWriter.WriteError(path: folder, message: "cannot create the folder (\(error.localizedDescription))")
        }
        self.folder = folder
        self.header = header
        manifest = Self.readManifest(folder + "/" + Self.manifestName)
        owner = Dictionary(manifest.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
    }

    private func ours(_ name: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: folder + "/" + name) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: header.utf8.count)) == Data(header.utf8)
    }

    public func write(_ d: ExportDocument) throws {
        guard let id = d.articleId else {
            return try AtomicWriter.write(d.text, to: folder + "/" + d.name)
        }
        let key = String(id)
        var name = d.name
        var n = 1
        while true {
            let taken = owner[name].map { $0 != key }
                ?? (FileManager.default.fileExists(atPath: folder + "/" + name) && !ours(name))
            if !taken { break }
            n += 1
            name = Self.numbered(d.name, n)
        }
        try AtomicWriter.write(d.text, to: folder + "/" + name)
        if let old = manifest[key], old != name, ours(old) { unlink(folder + "/" + old) }
        if let old = manifest[key] { owner[old] = nil }
        manifest[key] = name
        owner[name] = key
    }

    /// Writes the manifest, a key a line in key order, streamed. (`JSONSerialization` bridged every entry
    /// to Foundation objects first: at 100,000 posts that was the export's peak memory.)
    public func finish() throws {
        try AtomicWriter.write(to: folder + "/" + Self.manifestName) { emit in try Self.manifestBytes(manifest, emit) }
    }

    static func manifestBytes(_ manifest: [String: String], _ emit: ([UInt8]) throws -> Void) rethrows {
        var out = Array("{\n".utf8)
        for (i, key) in manifest.keys.sorted().enumerated() {
            if i > 0 { out.append(contentsOf: ",\n".utf8) }
            out.append(contentsOf: "  ".utf8)
            JSONLine.escape(key, into: &out)
            out.append(contentsOf: " : ".utf8)
            JSONLine.escape(manifest[key] ?? "", into: &out)
            if out.count >= 1 << 20 {
                try emit(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        out.append(contentsOf: "\n}\n".utf8)
        try emit(out)
    }

    /// The manifest's text (for tests).
    static func manifestText(_ manifest: [String: String]) -> String {
        var text = ""
        manifestBytes(manifest) { text += String(decoding: $0, as: UTF8.self) }
        return text
    }

    static func readManifest(_ path: String) -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        return (try? JSONDecoder().decode([String: String].self, from: data)) ?? [:]
    }

    /// `name.md` → `name-2.md`.
    static func numbered(_ name: String, _ n: Int) -> String {
        let stem = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        return "\(stem)-\(n).md"
    }
}
