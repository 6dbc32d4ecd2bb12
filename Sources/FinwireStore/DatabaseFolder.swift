import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The database's folder could not be made: on a fresh install this is the first thing that can go wrong,
/// so the message names the exact folder and the system's reason rather than an SQLite code.
public struct DatabaseFolderError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): cannot create the database's folder: \(reason)" }
    /// sysexits EX_CANTCREAT: an output file (here its folder) cannot be created.
    public static let exitCode: Int32 = 73
}

/// Creates the folder a database file lives in when it is missing, owner-only (0700): the database
/// holds everything a user has collected, and `data/` is not in git, so a fresh clone has none.
public enum DatabaseFolder {
    public static func ensure(forDatabase path: String) throws(DatabaseFolderError) {
        let folder = (path as NSString).deletingLastPathComponent
        guard !folder.isEmpty else { return }
        try make(folder)
    }

    /// mkdir -p with mode 0700 for every folder it creates (existing ones are left as they are).
    static func make(_ folder: String) throws(DatabaseFolderError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return }
            throw DatabaseFolderError(path: folder, reason: "a file of that name is in the way")
        }
        let parent = (folder as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != folder { try make(parent) }
        if mkdir(folder, 0o700) != 0, errno != EEXIST {
            throw DatabaseFolderError(path: folder, reason: String(cString: strerror(errno)))
        }
    }
}
