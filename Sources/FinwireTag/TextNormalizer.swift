/// Text as the dictionaries see it: one scalar per character, full-width ASCII folded to half-width,
/// traditional characters folded to simplified. The fold is one scalar to one scalar, so an offset in the
/// normalized text is the character offset in the original — evidence can point back at what was written.
public struct TextNormalizer: Sendable {
    /// Indexed by scalar − `base`: the simplified form, or 0 for "unchanged". A flat table, because a
    /// dictionary lookup per character would cost more than the whole automaton step.
    private let table: [UInt32]
    private let extra: [UInt32: UInt32]
    private static let base: UInt32 = 0x3400
    private static let end: UInt32 = 0xA000

    public init(traditionalToSimplified pairs: [(UInt32, UInt32)]) {
        var t = [UInt32](repeating: 0, count: Int(Self.end - Self.base))
        var extra: [UInt32: UInt32] = [:]
        for (from, to) in pairs {
            if from >= Self.base && from < Self.end { t[Int(from - Self.base)] = to } else { extra[from] = to }
        }
        table = t
        self.extra = extra
    }

    @inline(__always)
    public func fold(_ c: UInt32) -> UInt32 {
        if c < 0x80 { return c }
        if c >= Self.base && c < Self.end {
            let m = table[Int(c &- Self.base)]
            return m == 0 ? c : m
        }
        if c >= 0xFF01 && c <= 0xFF5E { return c &- 0xFEE0 }
        if c == 0x3000 || c == 0xA0 { return 0x20 }
        if extra.isEmpty { return c }
        return extra[c] ?? c
    }

    /// Decodes UTF-8 by hand: `String.unicodeScalars` is correct but several times slower on Linux, and the
    /// tagger's throughput goal is set in bytes of text per second.
    public func normalize(_ s: String) -> [UInt32] {
        var s = s
        return s.withUTF8 { buf in
            var out = [UInt32]()
            out.reserveCapacity(buf.count / 2 + 8)
            var i = 0
            let n = buf.count
            while i < n {
                let b0 = UInt32(buf[i])
                var c: UInt32
                if b0 < 0x80 {
                    c = b0
                    i += 1
                } else if b0 < 0xE0, i + 1 < n {
                    c = (b0 & 0x1F) << 6 | UInt32(buf[i + 1] & 0x3F)
                    i += 2
                } else if b0 < 0xF0, i + 2 < n {
                    c = (b0 & 0x0F) << 12 | UInt32(buf[i + 1] & 0x3F) << 6 | UInt32(buf[i + 2] & 0x3F)
                    i += 3
                } else if i + 3 < n {
                    c = (b0 & 0x07) << 18 | UInt32(buf[i + 1] & 0x3F) << 12 | UInt32(buf[i + 2] & 0x3F) << 6
                        | UInt32(buf[i + 3] & 0x3F)
                    i += 4
                } else {
                    c = 0xFFFD
                    i += 1
                }
                out.append(fold(c))
            }
            return out
        }
    }
}

extension Array where Element == UInt32 {
    /// The scalars back as a String, for evidence and display.
    func string(_ range: Range<Int>) -> String {
        var s = String.UnicodeScalarView()
        for c in self[range] { if let u = Unicode.Scalar(c) { s.append(u) } }
        return String(s)
    }
}

extension TextNormalizer {
    /// From the table's TSV form (`traditional`, `simplified` columns; OpenCC's characters).
    public init(tsv: String) {
        var pairs: [(UInt32, UInt32)] = []
        for r in TSV(tsv).records() {
            if let t = r["traditional"]?.unicodeScalars.first, let s = r["simplified"]?.unicodeScalars.first {
                pairs.append((t.value, s.value))
            }
        }
        self.init(traditionalToSimplified: pairs)
    }

    /// The bundled traditional → simplified table alone, for stages that fold text without tagging it.
    public static let bundled = TextNormalizer(tsv: EmbeddedData.tsCharacters)
}
