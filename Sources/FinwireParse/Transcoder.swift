import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Turns a feed's bytes into valid UTF-8 as they arrive, whatever the source encoding, replacing every
/// invalid or undecodable sequence with U+FFFD and carrying on: a bad byte never cuts off the rest of
/// the text (libxml2's own converters stop at the first one).
///
/// UTF-8 input is validated in place; anything else goes through iconv. Not thread-safe.
final class Transcoder {
    private let cd: iconv_t?
    private var carry: [UInt8] = []
    /// Invalid or undecodable sequences replaced so far.
    private(set) var replacements = 0
    /// False when iconv does not know the encoding (UTF-8 is then assumed).
    let known: Bool

    private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// UTF-8 of the Windows-1252 characters at 0x80–0x9F (nil where 1252 defines none).
    static let windows1252: [[UInt8]?] = [
        "€", nil, "‚", "ƒ", "„", "…", "†", "‡", "ˆ", "‰", "Š", "‹", "Œ", nil, "Ž", nil,
        nil, "‘", "’", "“", "”", "•", "–", "—", "˜", "™", "š", "›", "œ", nil, "ž", "Ÿ",
    ].map { $0.map { Array($0.utf8) } }

    /// True when UTF-8 input is passed on unchecked (see `FeedParser.parse`); libxml2 then does the checking.
    let passthrough: Bool

    /// - Parameters:
    ///   - encoding: an iconv name, or nil for UTF-8.
    ///   - trustUTF8: pass UTF-8 input on without validating it; the caller must re-parse with validation if
    ///     libxml2 reports an invalid character.
    init(encoding: String?, trustUTF8: Bool = false) {
        passthrough = trustUTF8 && (encoding == nil || encoding!.uppercased() == "UTF-8")
        if let encoding, encoding.uppercased() != "UTF-8" {
            let handle = iconv_open("UTF-8", encoding)
            if let handle, handle != iconv_t(bitPattern: -1) {
                cd = handle
                known = true
            } else {
                cd = nil
                known = false
            }
        } else {
            cd = nil
            known = true
        }
    }

    deinit {
        if let cd { iconv_close(cd) }
    }

    func push(_ input: UnsafeRawBufferPointer, final: Bool, emit: (UnsafeRawBufferPointer) -> Void) {
        if passthrough {
            if input.count > 0 { emit(input) }
            return
        }
        if carry.isEmpty {
            let used = convert(input.bindMemory(to: UInt8.self), final: final, emit: emit)
            if used < input.count { carry.append(contentsOf: input[used...]) }
        } else {
            var joined = carry
            joined.append(contentsOf: input)
            carry.removeAll(keepingCapacity: true)
            let used = joined.withUnsafeBufferPointer { convert($0, final: final, emit: emit) }
            if used < joined.count { carry.append(contentsOf: joined[used...]) }
        }
    }

    /// Returns how many input bytes were consumed; an incomplete sequence at the end waits for more.
    private func convert(_ input: UnsafeBufferPointer<UInt8>, final: Bool, emit: (UnsafeRawBufferPointer) -> Void)
        -> Int
    {
        cd == nil ? validateUTF8(input, final: final, emit: emit) : iconvert(input, final: final, emit: emit)
    }

    private func validateUTF8(
        _ b: UnsafeBufferPointer<UInt8>, final: Bool, emit: (UnsafeRawBufferPointer) -> Void
    ) -> Int {
        let n = b.count
        var i = 0
        var runStart = 0
        func flush(_ end: Int) {
            if end > runStart { emit(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: b[runStart..<end]))) }
        }
        let base = UnsafeRawPointer(b.baseAddress)
        while i < n {
            // ASCII fast path: eight bytes at a time.
            if let base {
                while i + 8 <= n, base.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                }
            }
            guard i < n else { break }
            let c = b[i]
            if c < 0x80 {
                i += 1
                continue
            }
            // Fast paths for the common well-formed 3-byte (CJK) and 2-byte sequences.
            if (c >= 0xE1 && c <= 0xEC) || c >= 0xEE && c <= 0xEF, i + 2 < n, b[i + 1] & 0xC0 == 0x80,
                b[i + 2] & 0xC0 == 0x80
            {
                i += 3
                continue
            }
            if c >= 0xC2, c <= 0xDF, i + 1 < n, b[i + 1] & 0xC0 == 0x80 {
                // C1 controls (U+0080–U+009F) in text are Windows-1252 punctuation that went through a
                // Latin-1 decoder somewhere upstream ("don’t" as "don\u{92}t"): put the intended characters back.
                if c == 0xC2, b[i + 1] <= 0x9F, let fixed = Transcoder.windows1252[Int(b[i + 1] - 0x80)] {
                    flush(i)
                    fixed.withUnsafeBytes { emit($0) }
                    i += 2
                    runStart = i
                    continue
                }
                i += 2
                continue
            }
            let need: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; upper = 0x9F
            case 0xF0: need = 3; lower = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; upper = 0x8F
            default: need = -1
            }
            var valid = need > 0
            var length = 1
            if valid {
                if i + need >= n, !final {
                    // Possibly a sequence cut by the chunk boundary: check what is there, wait for the rest.
                    var k = 1
                    var ok = true
                    while i + k < n {
                        let lo = k == 1 ? lower : 0x80
                        let hi = k == 1 ? upper : 0xBF
                        if b[i + k] < lo || b[i + k] > hi { ok = false; break }
                        k += 1
                    }
                    if ok {
                        flush(i)
                        return i
                    }
                }
                for k in 1...need {
                    let lo = k == 1 ? lower : 0x80
                    let hi = k == 1 ? upper : 0xBF
                    if i + k >= n || b[i + k] < lo || b[i + k] > hi {
                        valid = false
                        length = k
                        break
                    }
                }
            }
            if valid {
                i += need + 1
            } else {
                flush(i)
                Transcoder.replacement.withUnsafeBytes { emit($0) }
                replacements += 1
                i += length
                runStart = i
            }
        }
        flush(n)
        return n
    }

    private func iconvert(
        _ input: UnsafeBufferPointer<UInt8>, final: Bool, emit: (UnsafeRawBufferPointer) -> Void
    ) -> Int {
        guard let base = input.baseAddress, input.count > 0 else { return 0 }
        var out = [UInt8](repeating: 0, count: max(4096, input.count * 2))
        var consumed = 0
        while consumed < input.count {
            var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: base + consumed)
                .assumingMemoryBound(to: CChar.self)
            var inLeft = input.count - consumed
            let before = inLeft
            let (result, err, produced): (Int, Int32, Int) = out.withUnsafeMutableBytes { raw in
                var outPtr: UnsafeMutablePointer<CChar>? = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
                var outLeft = raw.count
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                return (r, errno, raw.count - outLeft)
            }
            consumed += before - inLeft
            if produced > 0 { out.withUnsafeBytes { emit(UnsafeRawBufferPointer(rebasing: $0[0..<produced])) } }
            if result != -1 { break }
            switch err {
            case E2BIG:
                continue
            case EINVAL where !final:
                return consumed  // an incomplete sequence at the end of this chunk
            default:
                // EILSEQ (or an incomplete sequence at the very end): replace one byte and go on.
                Transcoder.replacement.withUnsafeBytes { emit($0) }
                replacements += 1
                consumed += 1
            }
        }
        return consumed
    }
}
