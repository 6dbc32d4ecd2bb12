/// Repairs the byte-level faults that make libxml2 drop text — or whole documents — from real feeds, before
/// it sees them: a bare `&` that starts no reference (`?a=1&b=2`) becomes `&amp;`, `&#X41;` becomes
/// `&#x41;`, a `<` before a non-ASCII name (`<草根网>` in a title, never a feed's element) becomes `&lt;`,
/// and C0 control characters (other than tab, LF, CR), which XML forbids, are removed — inside CDATA
/// sections too, where libxml2 otherwise stops the whole document ("Input is not proper UTF-8") and a feed
/// loses every entry. Comments are left alone. Works on chunks as they arrive, holding back at most a few
/// bytes at a boundary.
///
/// Only for ASCII-compatible encodings (UTF-8, GB18030, Big5, ISO-8859-x…), where these bytes can never
/// be part of a multi-byte character.
struct XMLRepairFilter {
    private var inCDATA = false
    private var inComment = false
    private var pending: [UInt8] = []
    /// How many repairs were made; non-zero means the document was not well-formed.
    private(set) var repairs = 0
    /// Set when bytes reach libxml2 unvalidated (`FeedParser.parse`). libxml2 checks every sequence, but
    /// inside CDATA sections (push parser) it does not reject overlong forms (C0 AF, E0 80 AF, F0 80 80 AF);
    /// those are looked for here.
    var checkOverlongs = false
    /// A CDATA section held an overlong sequence: the document must be parsed again with validation.
    private(set) var overlongInCDATA = false
    /// Control characters removed. On unvalidated input this matters beyond the count: removing one can join
    /// the halves of a broken sequence into a valid one, which validation first would have replaced.
    private(set) var removedControls = 0

    /// An overlong three- or four-byte form: E0 followed by 80–9F, or F0 followed by 80–8F.
    static func overlong(_ lead: UInt8, _ next: UInt8) -> Bool {
        (lead == 0xE0 && next >= 0x80 && next < 0xA0) || (lead == 0xF0 && next >= 0x80 && next < 0x90)
    }

    private static let amp = UInt8(ascii: "&")
    private static let lt = UInt8(ascii: "<")
    private static let cdataOpen = Array("<![CDATA[".utf8)
    private static let commentOpen = Array("<!--".utf8)
    /// Bytes the scan outside CDATA and comments must look at: `&`, `<` and C0 controls.
    private static let interesting: [Bool] = (0..<256).map { b in
        b == 0x26 || b == 0x3C || (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D)
    }
    private static let escapedAmp = Array("&amp;".utf8)
    private static let escapedLt = Array("&lt;".utf8)
    /// `&lt;` and `&gt;` as little-endian words.
    private static let ltWord = UInt32(0x26) | UInt32(0x6C) << 8 | UInt32(0x74) << 16 | UInt32(0x3B) << 24
    private static let gtWord = UInt32(0x26) | UInt32(0x67) << 8 | UInt32(0x74) << 16 | UInt32(0x3B) << 24
    private static let lowerX: [UInt8] = [UInt8(ascii: "x")]

    mutating func process(_ input: UnsafeRawBufferPointer, final: Bool, emit: (UnsafeRawBufferPointer) -> Void) {
        if pending.isEmpty {
            let consumed = scan(input.bindMemory(to: UInt8.self), final: final, emit: emit)
            if consumed < input.count { pending.append(contentsOf: input[consumed...]) }
        } else {
            var joined = pending
            joined.append(contentsOf: input)
            pending.removeAll(keepingCapacity: true)
            let consumed = joined.withUnsafeBufferPointer { scan($0, final: final, emit: emit) }
            if consumed < joined.count { pending.append(contentsOf: joined[consumed...]) }
        }
    }

    /// Emits what can be decided; returns how many bytes were consumed (the rest waits for more input).
    private mutating func scan(
        _ buf: UnsafeBufferPointer<UInt8>, final: Bool, emit: (UnsafeRawBufferPointer) -> Void
    ) -> Int {
        let n = buf.count
        var runStart = 0
        var i = 0
        let interesting = XMLRepairFilter.interesting  // hoisted: a static read per byte costs a swift_once check
        let ltWord = XMLRepairFilter.ltWord, gtWord = XMLRepairFilter.gtWord
        func flush(_ end: Int) {
            if end > runStart { emit(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buf[runStart..<end]))) }
        }
        while i < n {
            let b = buf[i]
            if inComment {
                if b == UInt8(ascii: "-") {
                    if i + 3 > n, !final { flush(i); return i }
                    if i + 3 <= n, buf[i + 1] == UInt8(ascii: "-"), buf[i + 2] == UInt8(ascii: ">") {
                        inComment = false
                        i += 3
                        continue
                    }
                }
                i += 1
                continue
            }
            if inCDATA {
                if b < 0x20, b != 0x09, b != 0x0A, b != 0x0D {
                    flush(i)
                    repairs += 1
                    removedControls += 1
                    i += 1
                    runStart = i
                    continue
                }
                if b != UInt8(ascii: "]"), let base = buf.baseAddress {
                    if checkOverlongs, b >= 0xC0, b == 0xC0 || b == 0xC1 || (i + 1 < n && XMLRepairFilter.overlong(b, buf[i + 1])) {
                        overlongInCDATA = true
                    }
                    // Only `]]>` ends a section: skip eight bytes at a time to the next `]`, control byte (tab
                    // and line ends stop the skip too, and are passed over above), or overlong lead.
                    i += 1
                    while i + 8 <= n {
                        let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                        var m = XMLRepairFilter.byteMask(x, 0x5D) | XMLRepairFilter.belowMask(x, 0x20)
                        if checkOverlongs {
                            m |= XMLRepairFilter.byteMask(x, 0xC0) | XMLRepairFilter.byteMask(x, 0xC1)
                                | XMLRepairFilter.byteMask(x, 0xE0) | XMLRepairFilter.byteMask(x, 0xF0)
                        }
                        if m == 0 { i += 8 } else { i += m.trailingZeroBitCount >> 3; break }
                    }
                    continue
                }
                if b == UInt8(ascii: "]") {
                    if i + 3 > n, !final { flush(i); return i }
                    if i + 3 <= n, buf[i + 1] == UInt8(ascii: "]"), buf[i + 2] == UInt8(ascii: ">") {
                        inCDATA = false
                        i += 3
                        continue
                    }
                }
                i += 1
                continue
            }
            if !interesting[Int(b)] {
                i += 1
                // Skip to the next byte that can matter, eight at a time (most bytes are text or CJK).
                if let base = buf.baseAddress {
                    while i + 8 <= n {
                        let m = XMLRepairFilter.specialMask(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                        if m == 0 { i += 8 } else { i += m.trailingZeroBitCount >> 3; break }
                    }
                }
                continue
            }
            if b == XMLRepairFilter.lt {
                if i + 9 > n, !final, matchesPrefix(buf, i, XMLRepairFilter.cdataOpen) { flush(i); return i }
                if i + 9 <= n, matchesPrefix(buf, i, XMLRepairFilter.cdataOpen) {
                    inCDATA = true
                    i += 9
                    continue
                }
                if i + 4 <= n, matchesPrefix(buf, i, XMLRepairFilter.commentOpen) {
                    inComment = true
                    i += 4
                    continue
                }
                // A `<` before a non-ASCII byte (or `</` before one) is text: feeds' elements have ASCII names.
                let nameAt = i + 1 < n && buf[i + 1] == UInt8(ascii: "/") ? i + 2 : i + 1
                if nameAt >= n, !final { flush(i); return i }
                if nameAt < n, buf[nameAt] >= 0x80 {
                    flush(i)
                    XMLRepairFilter.escapedLt.withUnsafeBytes { emit($0) }
                    repairs += 1
                    i += 1
                    runStart = i
                    continue
                }
                i += 1
            } else if b == XMLRepairFilter.amp {
                // `&lt;` and `&gt;` are most of the references in real feeds (escaped HTML): one 4-byte compare.
                if i + 4 <= n, let base = buf.baseAddress {
                    let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt32.self)
                    if w == ltWord || w == gtWord {
                        i += 4
                        continue
                    }
                }
                switch classifyReference(buf, i) {
                case .needMore where !final:
                    flush(i)
                    return i
                case .valid:
                    i += 1
                case .upperHex:
                    flush(i + 2)  // "&#"
                    XMLRepairFilter.lowerX.withUnsafeBytes { emit($0) }
                    repairs += 1
                    i += 3
                    runStart = i
                case .needMore, .bare:
                    flush(i)
                    XMLRepairFilter.escapedAmp.withUnsafeBytes { emit($0) }
                    repairs += 1
                    i += 1
                    runStart = i
                }
            } else if b < 0x20, b != 0x09, b != 0x0A, b != 0x0D {
                flush(i)
                repairs += 1
                removedControls += 1
                i += 1
                runStart = i
            } else {
                i += 1
            }
        }
        flush(n)
        return n
    }

    /// High bit set in each byte of `x` (little-endian) that is `&`, `<` or below 0x20; the lowest set bit is
    /// always exact (borrows can only flag bytes above a true one), which is all the skip loops use.
    @inline(__always)
    static func specialMask(_ x: UInt64) -> UInt64 {
        byteMask(x, 0x26) | byteMask(x, 0x3C) | belowMask(x, 0x20)
    }

    /// High bit set in each byte equal to `byte` (lowest set bit exact, as above).
    @inline(__always)
    static func byteMask(_ x: UInt64, _ byte: UInt8) -> UInt64 {
        belowMask(x ^ (0x0101_0101_0101_0101 &* UInt64(byte)), 1)
    }

    /// High bit set in each byte of `x` below `bound` (at most 0x80; lowest set bit exact, as above).
    @inline(__always)
    static func belowMask(_ x: UInt64, _ bound: UInt8) -> UInt64 {
        (x &- 0x0101_0101_0101_0101 &* UInt64(bound)) & ~x & 0x8080_8080_8080_8080
    }

    private enum Reference { case valid, upperHex, bare, needMore }

    /// `&name;`, `&#123;` or `&#x1F;` (names up to 32 bytes).
    private func classifyReference(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int) -> Reference {
        let n = buf.count
        var j = start + 1
        guard j < n else { return .needMore }
        if buf[j] == UInt8(ascii: "#") {
            j += 1
            guard j < n else { return .needMore }
            var upper = false
            var hex = false
            if buf[j] == UInt8(ascii: "x") || buf[j] == UInt8(ascii: "X") {
                upper = buf[j] == UInt8(ascii: "X")
                hex = true
                j += 1
            }
            let digitsStart = j
            while j < n, j - start < 40, isDigit(buf[j], hex: hex) { j += 1 }
            guard j < n else { return .needMore }
            guard j > digitsStart, buf[j] == UInt8(ascii: ";") else { return .bare }
            return upper ? .upperHex : .valid
        }
        guard isNameStart(buf[j]) else { return .bare }
        j += 1
        while j < n, j - start < 40, isNameByte(buf[j]) { j += 1 }
        guard j < n else { return .needMore }
        return buf[j] == UInt8(ascii: ";") ? .valid : .bare
    }

    private func matchesPrefix(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int, _ p: [UInt8]) -> Bool {
        var k = 0
        while k < p.count, i + k < buf.count {
            if buf[i + k] != p[k] { return false }
            k += 1
        }
        return true
    }

    private func isDigit(_ b: UInt8, hex: Bool) -> Bool {
        (b >= 0x30 && b <= 0x39) || (hex && ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x66))
    }
    private func isNameStart(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b == 0x5F || b >= 0x80 }
    private func isNameByte(_ b: UInt8) -> Bool {
        isNameStart(b) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2E
    }
}

/// The oracle the in-stream repair is held to, by the fuzzer and the tests: the document with every C0
/// control character (other than tab, LF, CR) simply dropped — the cheapest repair a lenient reader could
/// make. Parsing the raw bytes must never keep fewer entries than parsing this copy. Nil for documents it
/// cannot speak for: UTF-16/32 (zero bytes are their text) and EBCDIC (0x15 is its newline).
public enum ControlCharacterOracle {
    public static func strippedCopy(_ bytes: [UInt8]) -> [UInt8]? {
        if bytes.count >= 2, (bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE) { return nil }
        if bytes.count >= 2, bytes[0] == 0 || bytes[1] == 0 { return nil }
        if bytes.starts(with: [0x4C, 0x6F, 0xA7, 0x94]) { return nil }
        return bytes.filter { $0 >= 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }
}
