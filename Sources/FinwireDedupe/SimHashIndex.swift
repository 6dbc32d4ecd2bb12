/// Near-duplicate candidates in sub-linear time: each 64-bit SimHash is cut into 4 bands of 16 bits, and
/// two hashes within 3 bits of each other agree on at least one band (pigeonhole). A lookup reads 4
/// buckets and checks the Hamming distance of what it finds.
///
/// Memory is the point: slots are dense `Int32`s, each bucket a growable array of slots, and the hashes
/// and story ids flat arrays — about 40 bytes an article, against 200 allowed.
public struct SimHashIndex: Sendable {
    public static let bands = 4
    private var buckets: [[Int32]]
    private(set) var hashes: [UInt64] = []
    /// The caller's id for each slot (an article row id).
    private(set) var ids: [Int64] = []

    public init() {
        buckets = [[Int32]](repeating: [], count: Self.bands << 16)
    }

    public var count: Int { ids.count }

    @inline(__always)
    static func band(_ h: UInt64, _ b: Int) -> Int { b << 16 | Int((h >> UInt64(b * 16)) & 0xFFFF) }

    public mutating func insert(id: Int64, simhash: UInt64) {
        let slot = Int32(ids.count)
        ids.append(id)
        hashes.append(simhash)
        for b in 0..<Self.bands { buckets[Self.band(simhash, b)].append(slot) }
    }

    /// Ids whose hash is within `maxDistance` (≤ 3 is exhaustive) bits, nearest first.
    ///
    /// A slot sits in one bucket per band, so a near hash can turn up in several of the four read here. It is
    /// reported at the first band it agrees on: a later band skips it when an earlier one agrees too. That
    /// check runs only for the few hashes within the distance; a `Set` of every slot read cost a fifth of a
    /// 1,000,000-article `dedupe --rebuild`, whose buckets hold thousands of templated texts.
    public static let defaultLimit = 32

    public func candidates(of simhash: UInt64, maxDistance: Int = 3, limit: Int = defaultLimit) -> [(id: Int64, distance: Int)] {
        var out: [(Int64, Int)] = []
        for b in 0..<Self.bands {
            for slot in buckets[Self.band(simhash, b)] {
                let h = hashes[Int(slot)]
                let d = (h ^ simhash).nonzeroBitCount
                guard d <= maxDistance else { continue }
                var reported = false
                for e in 0..<b where Self.band(h, e) == Self.band(simhash, e) {
                    reported = true
                    break
                }
                if !reported { out.append((ids[Int(slot)], d)) }
            }
        }
        out.sort { $0.1 < $1.1 }
        return Array(out.prefix(limit))
    }

    /// Bytes held: bucket headers and contents, hashes and ids.
    public var memoryBytes: Int {
        var n = buckets.count * MemoryLayout<[Int32]>.stride
        for b in buckets where b.capacity > 0 { n += b.capacity * 4 + 32 }
        return n + hashes.capacity * 8 + ids.capacity * 8
    }
}
