/// A 64-bit FNV-1a digest, hex-encoded: cheap change detection for article content and feed bodies.
/// Not a security hash; a collision only costs one missed revision.
public enum ContentHash {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// For whole documents (feed bodies): FNV-1a over 64-bit words, eight times fewer steps than bytes.
    /// Only ever compared with hashes made by this same function.
    public static func hex(_ bytes: [UInt8]) -> String {
        var h = offsetBasis
        bytes.withUnsafeBytes { raw in
            let n = raw.count
            var i = 0
            while i + 8 <= n {
                h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* prime
                i += 8
            }
            while i < n {
                h = (h ^ UInt64(raw[i])) &* prime
                i += 1
            }
        }
        h ^= UInt64(bytes.count)
        return render(h)
    }

    /// The parts joined by a unit separator, hashed without building the joined string.
    public static func hex(_ parts: [String]) -> String {
        var h = offsetBasis
        for (i, p) in parts.enumerated() {
            if i > 0 { h = (h ^ 0x1F) &* prime }
            for b in p.utf8 { h = (h ^ UInt64(b)) &* prime }
        }
        return render(h)
    }

    static func render(_ h: UInt64) -> String {
        let s = String(h, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
