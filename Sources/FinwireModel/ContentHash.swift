/// A 64-bit FNV-1a digest, hex-encoded: cheap change detection for article content and feed bodies.
/// Not a security hash; a collision only costs one missed revision.
public enum ContentHash {
    public static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        let s = String(h, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    public static func hex(_ parts: [String]) -> String {
        var bytes: [UInt8] = []
        for (i, p) in parts.enumerated() {
            if i > 0 { bytes.append(0x1F) }
            bytes.append(contentsOf: p.utf8)
        }
        return hex(bytes)
    }
}
