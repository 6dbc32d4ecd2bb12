import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the dedupe stage compares, computed once per article: keys for the exact signals, and a SimHash,
/// shingles and numbers for the near-duplicate ones.
public struct TextFeatures: Sendable, Equatable {
    public var canonicalURL: String?
    /// The title with decorations (【转载】, 转：, ｜site, （附全文）), punctuation and spaces removed.
    public var titleKey: String
    /// The `原标题：` line's title, keyed the same way: a retitled reprint points back at its original.
    public var originalTitleKey: String?
    /// Policy document numbers (浙政办发〔2021〕36号), brackets unified.
    public var docNumbers: [String]
    public var simhash: UInt64
    /// Hashed character 3-grams of the normalized text (sorted, unique).
    public var shingles: [UInt32]
    /// The numbers the text states (sorted, unique): two reports on different figures are different stories.
    public var numbers: [String]
    /// Title character bigrams (hashed, sorted, unique).
    public var titleBigrams: [UInt32]
    /// Calendar dates the text states (11月9日, 2024年5月): routine notices differ by little else.
    public var dates: [String] = []
    /// When it was published: one story's copies appear within a day or two of each other.
    public var published: Date?

    /// Too little text to be evidence of anything ("Download PDF", a caption, an empty body): only the
    /// title and the time can say whether two such items are one story.
    public var isUninformative: Bool { shingles.count < FeatureExtractor.informativeShingles }
    /// A one-line summary or flash: its text cannot be near a full article's even when it is the same story.
    public var isSummary: Bool { shingles.count < 40 }
    /// A news flash (快讯): a paragraph of up to about two hundred characters.
    public var isFlash: Bool { shingles.count < 200 }

    public init(
        canonicalURL: String?, titleKey: String, originalTitleKey: String?, docNumbers: [String], simhash: UInt64,
        shingles: [UInt32], numbers: [String], titleBigrams: [UInt32]
    ) {
        self.canonicalURL = canonicalURL
        self.titleKey = titleKey
        self.originalTitleKey = originalTitleKey
        self.docNumbers = docNumbers
        self.simhash = simhash
        self.shingles = shingles
        self.numbers = numbers
        self.titleBigrams = titleBigrams
    }
}

/// Computes `TextFeatures`. Pure and cheap: a few passes over the text's scalars.
public struct FeatureExtractor: Sendable {
    public var urls: URLCanonicalizer
    /// Folds a character before comparison (traditional → simplified, from the tagger's table), so a Hong
    /// Kong outlet's copy still matches its mainland original.
    public var fold: (@Sendable (UInt32) -> UInt32)?

    public init(urls: URLCanonicalizer = URLCanonicalizer(), fold: (@Sendable (UInt32) -> UInt32)? = nil) {
        self.urls = urls
        self.fold = fold
    }

    /// Fewer 3-gram shingles than this (about twenty characters of text) say nothing about sameness.
    public static let informativeShingles = 20

    public func features(title: String, text: String, url: String?, published: Date? = nil) -> TextFeatures {
        let original = Self.originalTitle(in: text)
        // The text is decoded once: the shingles, figures, dates and document numbers all read its scalars.
        let textScalars = Self.scalars(text)
        var body = Self.comparableScalars(Self.strippedBoilerplate(text).map(Self.scalars) ?? textScalars)
        var tKey = Self.titleKey(title)
        var oKey = original.map(Self.titleKey).flatMap { $0.isEmpty ? nil : $0 }
        if let fold {
            body = body.map(fold)
            tKey = Self.mapScalars(tKey, fold)
            oKey = oKey.map { Self.mapScalars($0, fold) }
        }
        let shingles = Self.shingles(body, n: 3)
        var whole = Self.scalars(title)
        whole.append(10)
        whole += textScalars
        var f = TextFeatures(
            canonicalURL: url.flatMap(urls.canonical), titleKey: tKey, originalTitleKey: oKey,
            docNumbers: Self.docNumbers(in: whole), simhash: Self.simhash(shingles),
            shingles: shingles, numbers: Self.numbers(in: whole),
            titleBigrams: Self.shingles(Array(tKey.unicodeScalars.map(\.value)), n: 2))
        f.dates = Self.dates(in: whole)
        f.published = published
        return f
    }

    static func scalars(_ s: String) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars { out.append(u.value) }
        return out
    }

    static func mapScalars(_ s: String, _ fold: (UInt32) -> UInt32) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars { if let m = Unicode.Scalar(fold(u.value)) { out.append(m) } }
        return String(out)
    }

    /// Stated calendar dates: "11月9日" → "11-9" (with or without a year before it), "2024年5月" with no day →
    /// "2024-5"; full-width digits folded; sorted, unique.
    static func dates(in text: String) -> [String] { dates(in: scalars(text)) }

    static let nian = ("年" as Unicode.Scalar).value, yue = ("月" as Unicode.Scalar).value
    static let ri = ("日" as Unicode.Scalar).value, dian = ("电" as Unicode.Scalar).value
    static let xun = ("讯" as Unicode.Scalar).value, hao = ("号" as Unicode.Scalar).value
    static let di = ("第" as Unicode.Scalar).value

    static func dates(in text: [UInt32]) -> [String] {
        var found = Set<String>()
        var digits: [UInt8] = []
        var year: String?
        var month: String?
        var yearMonth: String?  // committed only if no day follows
        func commitYearMonth() {
            if let ym = yearMonth { found.insert(ym) }
            yearMonth = nil
        }
        var pendingDay: String?
        for u in text {
            if let d = pendingDay {
                if u != dian && u != xun { found.insert(d) }
                pendingDay = nil
            }
            var v = u
            if v >= 0xFF10 && v <= 0xFF19 { v -= 0xFEE0 }
            if v >= 48 && v <= 57 {
                digits.append(UInt8(v))
                continue
            }
            if digits.isEmpty {
                // The common case: no number before this character.
                commitYearMonth()
                year = nil
                month = nil
                continue
            }
            if u == nian {
                commitYearMonth()
                year = String(decoding: digits, as: UTF8.self)
                month = nil
            } else if u == yue {
                commitYearMonth()
                let m = String(decoding: digits, as: UTF8.self)
                month = m
                yearMonth = year.map { "\($0)-\(m)" }
                year = nil
            } else if u == ri, let m = month {
                // A dateline (财联社6月18日电, 湖州讯) dates the report, not what it reports: one outlet's copy
                // of yesterday's fire carries it and another's does not.
                pendingDay = "\(m)-\(String(decoding: digits, as: UTF8.self))"
                yearMonth = nil
                month = nil
                digits.removeAll(keepingCapacity: true)
                continue
            } else {
                commitYearMonth()
                year = nil
                month = nil
            }
            digits.removeAll(keepingCapacity: true)
        }
        commitYearMonth()
        if let d = pendingDay { found.insert(d) }
        return found.sorted()
    }

    /// Folds full-width ASCII to half-width and ASCII letters to lower case; drops spaces, punctuation and
    /// symbols, which reprints change freely.
    static func comparableScalars(_ s: String) -> [UInt32] { comparableScalars(scalars(s)) }

    static func comparableScalars(_ s: [UInt32]) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(s.count)
        for u in s {
            var c = u
            if c >= 0xFF01 && c <= 0xFF5E { c -= 0xFEE0 }
            if c >= 65 && c <= 90 { c += 32 }
            if c < 0x80 {
                if (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || c == 46 || c == 37 { out.append(c) }
                continue
            }
            // CJK ideographs, the bulk of every text: no property lookups.
            if (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) {
                out.append(c)
                continue
            }
            if let s = Unicode.Scalar(c), s.properties.isWhitespace || s.properties.generalCategory.isPunctuationOrSymbol {
                continue
            }
            out.append(c)
        }
        return out
    }

    /// Reprint decorations that say nothing about the story.
    static let titleDecorations = ["【转载】", "[转载]", "转载：", "转载:", "转：", "转:", "（附全文）", "(附全文)", "【独家】", "独家｜", "快讯：", "快讯|"]

    static let decorationStarts = Set(titleDecorations.compactMap(\.unicodeScalars.first))

    public static func titleKey(_ title: String) -> String {
        var t = title
        if t.unicodeScalars.contains(where: { Self.decorationStarts.contains($0) }) {
            // （ and 【 start many titles: look before asking Foundation to rebuild the string.
            for d in titleDecorations where byteOffset(of: d, in: t) != nil { t = t.replacingOccurrences(of: d, with: "") }
        }
        // "标题｜某网站", "标题 - 新浪财经", "标题_东方财富网": a site name after a separator.
        for sep in ["｜", "|", " - ", " — ", "_"] {
            if let r = lastRange(of: sep, in: t) {
                let tail = t[r.upperBound...]
                if tail.count <= 8, t[..<r.lowerBound].count >= 6 { t = String(t[..<r.lowerBound]) }
            }
        }
        var s = String.UnicodeScalarView()
        for c in comparableScalars(t) { if let u = Unicode.Scalar(c) { s.append(u) } }
        return String(s)
    }

    /// Where `needle` last occurs in `hay`, found on UTF-8 bytes (Foundation's backwards `range(of:)` went
    /// through CFString and was a quarter of the title key's cost).
    static func lastRange(of needle: String, in hay: String) -> Range<String.Index>? {
        let h = Array(hay.utf8)
        let n = Array(needle.utf8)
        guard !n.isEmpty, h.count >= n.count else { return nil }
        var i = h.count - n.count
        while i >= 0 {
            if h[i] == n[0] && h[i..<(i + n.count)].elementsEqual(n) {
                let lower = hay.utf8.index(hay.utf8.startIndex, offsetBy: i)
                let upper = hay.utf8.index(lower, offsetBy: n.count)
                return lower..<upper
            }
            i -= 1
        }
        return nil
    }

    /// The first `原标题：…` line, if any.
    static func originalTitle(in text: String) -> String? {
        guard let at = byteOffset(of: "原标题", in: text) else { return nil }
        let start = text.utf8.index(text.utf8.startIndex, offsetBy: at + "原标题".utf8.count)
        var rest = text[start...]
        while let f = rest.first, f == "：" || f == ":" || f == " " || f == "　" { rest.removeFirst() }
        let line = rest.prefix { $0 != "\n" && $0 != "\r" }
        let t = line.trimmingCharacters(in: .whitespaces)
        return t.count >= 4 ? String(t.prefix(120)) : nil
    }

    /// The text without the lines every copy may add or drop (editors, sources, app banners); nil when it has
    /// none, so the caller keeps the scalars it already decoded.
    static func strippedBoilerplate(_ text: String) -> String? {
        let markers: [String] = ["责任编辑", "原标题", "来源", "编辑：", "海量资讯"]
        guard markers.contains(where: { byteOffset(of: $0, in: text) != nil }) else { return nil }
        return text.split(separator: "\n", omittingEmptySubsequences: true).filter { line in
            let l = line.trimmingCharacters(in: .whitespaces)
            return !(l.hasPrefix("责任编辑") || l.hasPrefix("原标题") || l.hasPrefix("来源：") || l.hasPrefix("编辑：")
                || l.hasPrefix("海量资讯") || l.hasPrefix("（来源") || l.hasPrefix("(来源"))
        }.joined(separator: "\n")
    }

    /// 浙政办发〔2021〕36号, 银发[2024]12号, 国发（2023）5号 → with 〔〕.
    public static func docNumbers(in text: String) -> [String] { docNumbers(in: scalars(text)) }

    static let openBrackets: Set<UInt32> = [0x3014, 0x5B, 0x3010, 0xFF08, 0x28, 0xFF3B]  // 〔 [ 【 （ ( ［
    static let closeBrackets: Set<UInt32> = [0x3015, 0x5D, 0x3011, 0xFF09, 0x29, 0xFF3D]

    static func docNumbers(in scalars: [UInt32]) -> [String] {
        guard scalars.contains(hao) else { return [] }
        var found = Set<String>()
        func digit(_ v: UInt32) -> Bool { v >= 48 && v <= 57 }
        var i = 0
        while i < scalars.count {
            guard openBrackets.contains(scalars[i]) else { i += 1; continue }
            var j = i + 1
            let yearStart = j
            while j < scalars.count, j - yearStart < 4, digit(scalars[j]) { j += 1 }
            guard j - yearStart == 4, j < scalars.count, closeBrackets.contains(scalars[j]) else { i += 1; continue }
            let yearEnd = j
            j += 1
            if j < scalars.count, scalars[j] == di { j += 1 }
            let numStart = j
            while j < scalars.count, digit(scalars[j]), j - numStart < 5 { j += 1 }
            guard j > numStart, j < scalars.count, scalars[j] == hao else { i += 1; continue }
            // The issuer's abbreviation: up to 8 CJK characters right before the bracket.
            var k = i
            while k > 0, i - k < 8, (0x4E00...0x9FFF).contains(scalars[k - 1]), !Self.issuerStops.contains(scalars[k - 1]) {
                k -= 1
            }
            guard k < i else { i += 1; continue }
            var out = String.UnicodeScalarView()
            for v in scalars[k..<i] { out.append(Unicode.Scalar(v)!) }
            out.append("〔")
            for v in scalars[yearStart..<yearEnd] { out.append(Unicode.Scalar(v)!) }
            out.append("〕")
            for v in scalars[numStart..<j] { out.append(Unicode.Scalar(v)!) }
            out.append("号")
            found.insert(String(out))
            i = j + 1
        }
        return found.sorted()
    }

    /// Characters that end a document number's issuer when reading backwards (根据浙政办发 → 浙政办发).
    static let issuerStops: Set<UInt32> = Set(
        ["号", "和", "及", "与", "据", "照", "的", "即", "见", "按", "依", "是", "为", "在", "将", "了"].map { ($0 as Unicode.Scalar).value })

    /// Hashed n-grams of a scalar sequence, sorted and unique.
    static func shingles(_ s: [UInt32], n: Int) -> [UInt32] {
        guard s.count >= n else { return s.isEmpty ? [] : [hash(s[...])] }
        var out: [UInt32] = []
        out.reserveCapacity(s.count)
        for i in 0...(s.count - n) { out.append(hash(s[i..<(i + n)])) }
        radixSort(&out)
        // Deduplicated in place, then copied at its exact size: the features of thousands of articles are
        // held at once (the clusterer's queue and cache), and an array sized for every raw shingle kept a
        // third of that memory empty.
        var n = 0
        for i in out.indices where n == 0 || out[n - 1] != out[i] {
            out[n] = out[i]
            n += 1
        }
        return Array(out[..<n])
    }

    /// Ascending, four passes of eight bits: a comparison sort of a long article's shingles was the
    /// largest single cost of its features.
    static func radixSort(_ a: inout [UInt32]) {
        guard a.count > 64 else {
            a.sort()
            return
        }
        var scratch = [UInt32](repeating: 0, count: a.count)
        a.withUnsafeMutableBufferPointer { src in
            scratch.withUnsafeMutableBufferPointer { dst in
                var from = src
                var to = dst
                var counts = [Int](repeating: 0, count: 256)
                for shift in stride(from: UInt32(0), to: 32, by: 8) {
                    for i in 0..<256 { counts[i] = 0 }
                    for x in from { counts[Int((x >> shift) & 0xFF)] += 1 }
                    var total = 0
                    for i in 0..<256 {
                        let c = counts[i]
                        counts[i] = total
                        total += c
                    }
                    for x in from {
                        let b = Int((x >> shift) & 0xFF)
                        to[counts[b]] = x
                        counts[b] += 1
                    }
                    swap(&from, &to)
                }
                // Four passes: the sorted values are back in `src`.
            }
        }
    }

    static func hash(_ s: ArraySlice<UInt32>) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for c in s {
            h = (h ^ (c & 0xFF)) &* 16_777_619
            h = (h ^ (c >> 8)) &* 16_777_619
        }
        return h
    }

    /// 64-bit SimHash over the shingles, each spread to 64 bits by a mixer.
    public static func simhash(_ shingles: [UInt32]) -> UInt64 {
        guard !shingles.isEmpty else { return 0 }
        // Ones per bit, a bit set when more than half the shingles set it (the same as a +1/-1 vote above
        // zero). Counted eight bits to a lane: lane j's byte k counts bit 8k + j, so a shingle costs one
        // eight-lane add instead of 64; the bytes are emptied into the totals before they can overflow.
        var ones = [Int32](repeating: 0, count: 64)
        let shifts = SIMD8<UInt64>(0, 1, 2, 3, 4, 5, 6, 7)
        let low = SIMD8<UInt64>(repeating: 0x0101_0101_0101_0101)
        var start = 0
        while start < shingles.count {
            let end = min(shingles.count, start + 255)
            var lanes = SIMD8<UInt64>(repeating: 0)
            for s in shingles[start..<end] {
                var x = UInt64(s) &* 0x9E37_79B9_7F4A_7C15
                x ^= x >> 31
                x = x &* 0xBF58_476D_1CE4_E5B9
                x ^= x >> 27
                lanes &+= (SIMD8(repeating: x) &>> shifts) & low
            }
            for j in 0..<8 {
                for k in 0..<8 { ones[8 * k + j] &+= Int32(truncatingIfNeeded: (lanes[j] >> UInt64(8 * k)) & 0xFF) }
            }
            start = end
        }
        let n = Int32(shingles.count)
        var h: UInt64 = 0
        for b in 0..<64 where 2 * ones[b] > n { h |= 1 << UInt64(b) }
        return h
    }

    /// Where `needle` first occurs in `hay`, in UTF-8 bytes. Foundation's `range(of:)` folds character
    /// clusters through UTF-16 on Linux and cost a third of the dedupe stage; this is a byte search on
    /// libc's `memchr` and `memcmp`.
    static func byteOffset(of needle: String, in hay: String) -> Int? {
        var hay = hay
        var needle = needle
        return hay.withUTF8 { h in
            needle.withUTF8 { n in
                guard n.count > 0, h.count >= n.count, let hb = h.baseAddress, let nb = n.baseAddress else { return nil }
                // memchr to each candidate first byte, memcmp for the rest.
                var i = 0
                let last = h.count - n.count
                while i <= last {
                    guard let p = memchr(hb + i, Int32(nb[0]), last - i + 1) else { return nil }
                    let at = UnsafeRawPointer(p) - UnsafeRawPointer(hb)
                    if memcmp(hb + at, nb, n.count) == 0 { return at }
                    i = at + 1
                }
                return nil
            }
        }
    }

    /// Numbers with at least two digits, or with a decimal point or percent: the facts a report states.
    static func numbers(in text: [UInt32]) -> [String] {
        var found = Set<String>()
        var cur: [UInt8] = []
        var digits = 0
        // A single digit is a number only as a percentage (跌幅扩大至4% and 8% are two reports).
        func flush(percent: Bool = false) {
            if cur.last == 46 { cur.removeLast() }
            if digits >= 2 || cur.contains(46) || percent {
                found.insert(String(decoding: cur, as: UTF8.self) + (percent && digits < 2 ? "%" : ""))
            }
            cur.removeAll(keepingCapacity: true)
            digits = 0
        }
        for u in text {
            var v = u
            if v >= 0xFF10 && v <= 0xFF19 { v -= 0xFEE0 }
            if v >= 48 && v <= 57 {
                cur.append(UInt8(v))
                digits += 1
            } else if v == 46 && !cur.isEmpty {
                cur.append(46)
            } else if !cur.isEmpty {
                flush(percent: v == 37 || v == 0xFF05)
            }
        }
        if !cur.isEmpty { flush() }
        return found.sorted()
    }
}

extension Unicode.GeneralCategory {
    var isPunctuationOrSymbol: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol,
            .control, .format:
            return true
        default: return false
        }
    }
}
