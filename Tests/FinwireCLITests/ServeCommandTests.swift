import FinwireTestSupport
import Foundation
import Testing

/// `finwire serve` hands over to finwire-serve (its own package, Serve/): with exec, so the server keeps
/// the process id systemd and signals know; and with a clear exit 69 when it is not built.
@Suite struct ServeCommandTests {
    /// A copy of finwire in a folder of its own, so that neither the build folders nor PATH hold a
    /// finwire-serve unless the test puts one there.
    static func isolatedFinwire(_ dir: TemporaryDirectory) throws -> String {
        let copy = dir.path("finwire")
        try FileManager.default.copyItem(atPath: CLI.binary.path, toPath: copy)
        return copy
    }

    static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, pid: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.environment = ["PATH": "/nonexistent"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let pid = process.processIdentifier
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, pid, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test func withoutItsProgramServeExits69AndSaysHowToBuildIt() throws {
        let dir = try TemporaryDirectory()
        let r = try Self.run(try Self.isolatedFinwire(dir), ["serve", "--config", "c.json"])
        #expect(r.status == 69)
        #expect(r.stderr.contains("finwire-serve"))
        #expect(r.stderr.contains("swift build -c release --package-path Serve"))
    }

    @Test func serveRunsTheProgramBesideItWithTheSameArgumentsAndProcess() throws {
        let dir = try TemporaryDirectory()
        let finwire = try Self.isolatedFinwire(dir)
        let stand = try dir.write("finwire-serve", "#!/bin/sh\necho \"$$ $*\"\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: stand)
        let r = try Self.run(finwire, ["serve", "--config", "my config.json", "--listen", "127.0.0.1:9", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout == "\(r.pid) --config my config.json --listen 127.0.0.1:9 --help\n")
    }
}
