import FinwireDaemon
import FinwireStore
import FinwireTestSupport
import Foundation
import Testing

@Suite struct WriterLockTests {
    @Test func aSecondWriterIsToldWhoHoldsItAndSince() throws {
        let dir = try TemporaryDirectory()
        let t = Date(timeIntervalSince1970: 1_764_633_600)  // 2025-12-02T00:00:00Z
        do {
            let first = try WriterLock(database: dir.path("db/finwire.sqlite"), now: t)
            #expect(throws: WriterLock.Failure.held(
                path: dir.path("db/finwire.sqlite.lock"), holder: "pid \(getpid()) since 2025-12-02T00:00:00Z")
            ) {
                _ = try WriterLock(database: dir.path("db/finwire.sqlite"))
            }
            withExtendedLifetime(first) {}
        }
        // Released with its owner: the next writer takes it.
        _ = try WriterLock(database: dir.path("db/finwire.sqlite"))
    }

    @Test func aLockFileThatCannotBeCreatedIsNotBlamedOnAnotherWriter() throws {
        let dir = try TemporaryDirectory()
        _ = try dir.write("blocker", "")
        do {
            _ = try WriterLock(database: dir.path("blocker/finwire.sqlite"))
            Issue.record("expected a failure")
        } catch {
            guard case .cannotOpen(let path, let reason) = error else {
                Issue.record("expected cannotOpen, got \(error)")
                return
            }
            #expect(path == dir.path("blocker/finwire.sqlite.lock"))
            #expect(reason.contains("a file of that name is in the way"))
            #expect(error.exitCode == 73)
        }
    }
}
