import FinwireModel
import FinwireParse
import FinwireTestSupport
import Foundation
import Testing

/// The fuzzer's "no entry lost" check, run over every fixture feed with control characters planted where
/// real feeds have them: inside CDATA, in titles, between elements. Deterministic, so a failure repeats.
@Suite("No entry lost to control characters")
struct RepairOracleTests {
    static func fixtureFeeds() throws -> [String] {
        let root = Fixture.url("feeds")
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var out: [String] = []
        while let url = walker?.nextObject() as? URL {
            guard ["xml", "rss", "atom", "rdf"].contains(url.pathExtension) else { continue }
            out.append(String(url.path.dropFirst(root.path.count + 1)))
        }
        return out.sorted()
    }

    /// Puts `byte` after the first `after` of every occurrence of `marker` (at most `limit` places).
    static func plant(_ byte: UInt8, after marker: String, in bytes: [UInt8], limit: Int = 8) -> [UInt8] {
        let m = Array(marker.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + limit)
        var i = 0
        var planted = 0
        while i < bytes.count {
            if planted < limit, i + m.count <= bytes.count, bytes[i..<(i + m.count)].elementsEqual(m) {
                out += m
                out.append(byte)
                i += m.count
                planted += 1
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }

    @Test func plantedControlCharactersNeverCostAnEntry() throws {
        let feeds = try Self.fixtureFeeds()
        #expect(feeds.count >= 15)
        var checked = 0
        for name in feeds {
            let original = try Fixture.bytes("feeds/" + name)
            for (byte, marker) in [(UInt8(0x08), "<![CDATA["), (0x11, "<title>"), (0x01, "</item>"), (0x1F, "<entry>"), (0x0B, "<description>")] {
                let planted = Self.plant(byte, after: marker, in: original)
                guard planted.count > original.count, let stripped = ControlCharacterOracle.strippedCopy(planted) else { continue }
                let raw = FeedParser().parse(planted).entries.count
                let repaired = FeedParser().parse(stripped).entries.count
                #expect(raw >= repaired, "\(name): 0x\(String(byte, radix: 16)) after \(marker): \(raw) < \(repaired)")
                checked += 1
            }
        }
        #expect(checked >= 30, "the plants reached \(checked) documents")
    }
}
