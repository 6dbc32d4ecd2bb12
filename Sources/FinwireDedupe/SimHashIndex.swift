/// Near-duplicate candidates in sub-linear time: each 64-bit SimHash is cut into 4 bands of 16 bits, and
/// two hashes within 3 bits of each other agree on at least one band (pigeonhole). A lookup reads 4
/// buckets and checks the Hamming distance of what it finds.
///
/// Memory is the point: a bucket is a chain through flat arrays, not an array of its own. Its head is
/// the newest slot; each slot holds its hash and, per band, the next older slot of that band's bucket —
/// 40 bytes an article and 1 MB of heads, where 262,144 growable arrays took ~130 bytes an article at
/// 100,000 (and the allocator's share of the daemon's memory with them).
public struct SimHashIndex: Sendable {
    public static let bands = 4
    /// Per bucket (band × 16-bit value), its newest slot, or -1.
    private var heads: [Int32]
    /// Per slot: the hash and, per band, the next older slot in that band's bucket (-1 at the end). One
    /// read brings both, so walking a chain costs what scanning an array of slots did.
    private var nodes: [Node] = []
    /// The caller's id for each slot (an article row id).
    private(set) var ids: [Int64] = []

    struct Node {
        var hash: UInt64
        var next: SIMD4<Int32>
    }

    public init() {
        heads = [Int32](repeating: -1, count: Self.bands << 16)
    }

    public var count: Int { ids.count }

    @inline(__always)
    static func band(_ h: UInt64, _ b: Int) -> Int { b << 16 | Int((h >> UInt64(b * 16)) & 0xFFFF) }

    public mutating func insert(id: Int64, simhash: UInt64) {
        let slot = Int32(ids.count)
        ids.append(id)
        var next = SIMD4<Int32>(repeating: -1)
        for b in 0..<Self.bands {
            let bucket = Self.band(simhash, b)
            next[b] = heads[bucket]
            heads[bucket] = slot
        }
        nodes.append(Node(hash: simhash, next: next))
    }

    public static let defaultLimit = 32

    /// Ids whose hash is within `maxDistance` (≤ 3 is exhaustive) bits, nearest first.
    ///
    /// A slot sits in one bucket per band, so a near hash can turn up in several of the four read here. It is
    /// reported at the first band it agrees on: a later band skips it when an earlier one agrees too. That
    /// check runs only for the few hashes within the distance; a `Set` of every slot read cost a fifth of a
    /// 1,000,000-article `dedupe --rebuild`, whose buckets hold thousands of templated texts.
    /// `band` is the first band the hash agrees on: a caller merging other hashes into the list (the
    /// clusterer, its batch's own rows) sorts by distance and band to keep this order.
    public func candidates(of simhash: UInt64, maxDistance: Int = 3, limit: Int = defaultLimit)
        -> [(id: Int64, distance: Int, band: Int)]
    {
        var out: [(Int64, Int, Int)] = []
        nodes.withUnsafeBufferPointer { nodes in
            for b in 0..<Self.bands {
                // Chains run newest first; a bucket's matches are reported oldest first, as they always were,
                // so ties in distance keep their order.
                let first = out.count
                var slot = heads[Self.band(simhash, b)]
                while slot >= 0 {
                    let node = nodes[Int(slot)]
                    let d = (node.hash ^ simhash).nonzeroBitCount
                    if d <= maxDistance {
                        var reported = false
                        for e in 0..<b where Self.band(node.hash, e) == Self.band(simhash, e) {
                            reported = true
                            break
                        }
                        if !reported { out.append((ids[Int(slot)], d, b)) }
                    }
                    slot = node.next[b]
                }
                out[first...].reverse()
            }
        }
        out.sort { $0.1 < $1.1 }
        return Array(out.prefix(limit))
    }

    /// The first band two hashes agree on, if any (always one within 3 bits).
    public static func firstSharedBand(_ a: UInt64, _ b: UInt64) -> Int? {
        (0..<bands).first { band(a, $0) == band(b, $0) }
    }

    /// Bytes held: bucket heads, nodes and ids.
    public var memoryBytes: Int {
        heads.capacity * 4 + nodes.capacity * MemoryLayout<Node>.stride + ids.capacity * 8
    }
}
