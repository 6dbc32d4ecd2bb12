import FinwireExport
import FinwireTestSupport
import Foundation
import Testing

@Suite struct AtomicWriterTests {
    @Test func replacesWholeAndLeavesNoTemporaryFile() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("digest.md")
        try AtomicWriter.write("first", to: path)
        try AtomicWriter.write("second, longer", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second, longer")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["digest.md"])
    }

    @Test func aFailureLeavesTheOldFileAndNamesThePath() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("digest.md")
        try AtomicWriter.write("old", to: path)
        let error = #expect(throws: AtomicWriter.WriteError.self) {
            try AtomicWriter.write("new", to: dir.path("missing/digest.md"))
        }
        #expect(error?.description.hasPrefix("export: cannot write \(dir.path("missing/digest.md")): ") == true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
    }
}
