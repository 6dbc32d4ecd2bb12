import Foundation

/// Fixture files under `Tests/Fixtures/`, found relative to this source file so tests run from any folder.
public enum Fixture {
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    public static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// The repository's top folder: for what a test checks as shipped (README's demo in `examples/`).
    public static let repository: URL = root.deletingLastPathComponent().deletingLastPathComponent()

    public static func bytes(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: url(relative)))
    }

    public static func string(_ relative: String) throws -> String {
        String(decoding: try bytes(relative), as: UTF8.self)
    }
}

/// A fresh folder under the system temporary directory, removed when the value goes away.
public final class TemporaryDirectory: Sendable {
    public let url: URL

    public init(_ label: String = "finwire-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    public func write(_ name: String, _ text: String) throws -> String {
        let p = path(name)
        try text.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }
}
