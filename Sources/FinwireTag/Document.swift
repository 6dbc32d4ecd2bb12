/// One article while it is being tagged: its normalized fields, the automaton's hits, and what the rules
/// have decided about each hit so far.
final class Document {
    struct Hit {
        var field: Field
        var start: Int
        var end: Int
        var pattern: Int
        /// Divisions this hit stands for once the rules have spoken (empty: not a region here).
        var regions: [Int] = []
        var regionRule = ""
        /// An agency this hit completes (the suffix hit carries it), as "id" or "id@code".
        var agency: String?
        /// Where the body's whole name begins (its national head, or the place).
        var agencyFrom = 0
        /// A national name that is only the head of a local body's name (人民银行 in 人民银行杭州中心支行).
        var consumed = false
        /// A parent written only to qualify the next name (天津市 in 天津市滨海新区).
        var qualifier = false
    }

    let lexicon: Lexicon
    /// Evidence kept per tag: the first few spans say why; fifty more say nothing new.
    static let maxEvidence = 5
    let title: [UInt32]
    let text: [UInt32]
    let titleText: String
    let bodyText: String
    var hits: [Hit] = []
    /// Divisions named with enough confidence to confirm their children's short names.
    var mentioned: Set<Int> = []

    init(lexicon: Lexicon, title: String, text: String) {
        self.lexicon = lexicon
        titleText = title
        bodyText = text
        self.title = lexicon.normalizer.normalize(title)
        self.text = lexicon.normalizer.normalize(text)
        for (field, scalars) in [(Field.title, self.title), (Field.text, self.text)] {
            for m in lexicon.automaton.leftmostLongest(in: scalars) {
                hits.append(
                    Hit(field: field, start: m.start, end: m.end, pattern: Int(m.pattern)))
            }
        }
    }

    func scalars(_ f: Field) -> [UInt32] { f == .title ? title : text }

    func string(_ h: Hit) -> String { scalars(h.field).string(h.start..<h.end) }

    /// Adds a hit's weight to the tag under `key` (made on first use), score capped at `cap`, and keeps the
    /// first few spans as evidence. In place: copying the tag out and back would copy its evidence array at
    /// every hit.
    func add<K: Hashable, T: Accumulating>(
        _ h: Hit, rule: String, weight: Double, to tags: inout [K: T], key: K, cap: Double = 1, make: () -> T
    ) {
        func gather(_ t: inout T) {
            t.score = min(cap, t.score + weight)
            if t.evidence.count < Self.maxEvidence { t.evidence.append(evidence(h, rule: rule)) }
        }
        gather(&tags[key, default: make()])
    }

    func evidence(_ h: Hit, rule: String) -> Evidence {
        Evidence(field: h.field.name, offset: h.start, match: string(h), rule: rule)
    }

    /// The character at `i` of a field, or 0 outside it.
    func char(_ f: Field, _ i: Int) -> UInt32 {
        let s = scalars(f)
        return i >= 0 && i < s.count ? s[i] : 0
    }

    /// The hit right after `k` in the same field when nothing stands between them.
    func adjacentNext(_ k: Int) -> Int? {
        let n = k + 1
        guard n < hits.count, hits[n].field == hits[k].field, hits[n].start == hits[k].end else { return nil }
        return n
    }

    func adjacentPrevious(_ k: Int) -> Int? {
        let p = k - 1
        guard p >= 0, hits[p].field == hits[k].field, hits[p].end == hits[k].start else { return nil }
        return p
    }

    // MARK: entry views

    func regionCandidates(_ h: Hit) -> [(Int, Lexicon.Form)] {
        guard has(h, .region) else { return [] }
        return entries(h).compactMap { if case .region(let i, let f) = $0 { return (i, f) } else { return nil } }
    }

    func multiRegion(_ h: Hit) -> [Int]? {
        guard has(h, .regions) else { return nil }
        for case .regions(let r) in entries(h) { return r }
        return nil
    }

    func suffix(_ h: Hit) -> (String, Gazetteer.Level?, Bool)? { suffixes(h).first }

    /// Every body a suffix can close: 监管局 ends an NFRA, a CSRC and a MOF bureau's name alike.
    func suffixes(_ h: Hit) -> [(String, Gazetteer.Level?, Bool)] {
        guard has(h, .suffix) else { return [] }
        return entries(h).compactMap { if case .suffix(let id, let level, let needs) = $0 { (id, level, needs) } else { nil } }
    }

    func nationalAgency(_ h: Hit) -> String? {
        guard has(h, .agency) else { return nil }
        for case .agency(let id) in entries(h) { return id }
        return nil
    }

    /// The pattern's meanings; most checks below read the precomputed `info` instead, which costs no
    /// reference counting on the hot path.
    func entries(_ h: Hit) -> [Lexicon.Entry] { lexicon.entries[h.pattern] }

    @inline(__always)
    func has(_ h: Hit, _ kind: Lexicon.Kind) -> Bool { lexicon.info[h.pattern].kinds & kind.rawValue != 0 }

    func isBlocker(_ h: Hit) -> Bool { lexicon.info[h.pattern].blocks }

    func cue(_ h: Hit, _ kind: Lexicon.CueKind) -> Double? {
        let info = lexicon.info[h.pattern]
        guard info.cues & (1 << kind.bit) != 0 else { return nil }
        switch kind {
        case .issue: return info.issue
        case .market: return info.market
        case .stat: return info.stat
        default: return 0
        }
    }

    /// Trading and earnings vocabulary in the article, title hits double.
    func marketWeight() -> Double {
        var w = 0.0
        for h in hits { if let m = cue(h, .market) { w += h.field == .title ? 2 * m : m } }
        return w
    }

    func statWeight() -> Double {
        var w = 0.0
        for h in hits { if let m = cue(h, .stat) { w += m } }
        return w
    }

    func isOrg(_ h: Hit) -> Bool { lexicon.info[h.pattern].org }

    func division(_ i: Int) -> Gazetteer.Division { lexicon.gazetteer.divisions[i] }
}
