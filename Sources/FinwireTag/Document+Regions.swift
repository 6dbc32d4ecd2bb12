import Foundation

/// The place-name rules: blockers, then confident names, then the short and shared names that need a
/// confirmed parent or sibling. Precision comes first — a wrong region sends an analyst a wrong story.
extension Document {
    func resolveRegions() {
        // Pass 1: blockers, and the names that need no confirmation.
        var pending: [Int] = []
        for k in hits.indices where hits[k].regionRule.isEmpty && (has(hits[k], .region) || has(hits[k], .regions)) {
            if let multi = multiRegion(hits[k]) {
                if !blocked(k) { hits[k].regions = multi; hits[k].regionRule = "compound" }
                continue
            }
            let cands = regionCandidates(hits[k])
            guard !cands.isEmpty, !blocked(k) else { continue }
            if cands.count == 1, confident(cands[0]) {
                hits[k].regions = [cands[0].0]
                hits[k].regionRule = cands[0].1.rawValue
            } else {
                pending.append(k)
            }
        }
        for h in hits { for r in h.regions { mention(r) } }
        // A name both SARs use (特區政府, 立法會): the SAR the article names otherwise, Hong Kong when it names
        // neither (the listed order), nothing when it names both.
        for k in pending where hits[k].regions.isEmpty {
            if let i = sharedImplied(k) {
                hits[k].regions = [i]
                hits[k].regionRule = Lexicon.Form.implied.rawValue
            }
        }
        // Pass 2: short and shared names, confirmed by what pass 1 found (twice, so a confirmed county can
        // confirm its sibling in an enumeration).
        for _ in 0..<2 {
            for k in pending where hits[k].regions.isEmpty {
                if let (i, rule) = confirm(k) {
                    hits[k].regions = [i]
                    hits[k].regionRule = rule
                    mention(i)
                }
            }
        }
        twinCities()
        // Qualifier collapse: 天津市 in 天津市滨海新区 only says which 滨海新区.
        for k in hits.indices {
            guard let n = adjacentNext(k), let a = hits[k].regions.first, hits[k].regions.count == 1,
                let b = hits[n].regions.first, lexicon.gazetteer.isAncestor(a, of: b)
            else { continue }
            hits[k].qualifier = true
        }
    }

    /// Only what the article names itself: 南京市 confirms Nanjing's 鼓楼, not every Jiangsu county's short name.
    private func mention(_ i: Int) {
        mentioned.insert(i)
    }

    /// Full names, compounds, aliases, province short names and safe prefecture short names stand alone.
    private func confident(_ c: (Int, Lexicon.Form)) -> Bool {
        let d = division(c.0)
        switch c.1 {
        // A short county name in full (立山区 in 建立山区, 平安区 in 平安银行) still needs its parent nearby.
        case .full: return d.level != .county || d.name.count >= 4
        case .compound, .alias, .historic, .english, .implied: return true
        case .short:
            if d.level == .province { return true }
            return d.level == .prefecture && !lexicon.riskyShorts.contains(d.short)
        }
    }

    private func sharedImplied(_ k: Int) -> Int? {
        let cands = regionCandidates(hits[k])
        guard cands.count > 1, cands.allSatisfy({ $0.1 == .implied }) else { return nil }
        let named = cands.filter { mentioned.contains($0.0) }
        switch named.count {
        case 0: return cands[0].0
        case 1: return named[0].0
        default: return nil
        }
    }

    /// A shared or short name is kept when exactly one candidate has a mentioned ancestor; a risky short
    /// needs more: its parent right before it, or a confirmed sibling beside it in an enumeration.
    private func confirm(_ k: Int) -> (Int, String)? {
        let cands = regionCandidates(hits[k])
        let withParent = cands.filter { c in lexicon.gazetteer.ancestors(of: c.0).contains(where: mentioned.contains) }
        guard withParent.count == 1 else { return nil }
        let (i, form) = withParent[0]
        let risky = form == .short && lexicon.riskyShorts.contains(division(i).short)
        if !risky { return (i, cands.count > 1 ? "disambiguated-by-parent" : "parent-mentioned") }
        if let p = adjacentPrevious(k), hits[p].regions.contains(where: { lexicon.gazetteer.isAncestor($0, of: i) }) {
            return (i, "qualified-by-parent")
        }
        if enumeratedWithSibling(k, i) { return (i, "sibling-enumeration") }
        return nil
    }

    /// 江山、常山、开化: a neighbour across an enumeration comma is a confirmed unit with the same parent.
    private func enumeratedWithSibling(_ k: Int, _ i: Int) -> Bool {
        let parent = division(i).parent
        for n in [k - 1, k + 1] where n >= 0 && n < hits.count && hits[n].field == hits[k].field {
            let (a, b) = n < k ? (hits[n].end, hits[k].start) : (hits[k].end, hits[n].start)
            guard b - a == 1, Self.enumerators.contains(char(hits[k].field, a)) else { continue }
            if hits[n].regions.contains(where: { division($0).parent == parent }) { return true }
        }
        return false
    }

    static let enumerators: Set<UInt32> = ["、", "和", "及", "与", ",", "，"].compactMap { $0.unicodeScalars.first?.value }
        .reduce(into: Set<UInt32>()) { $0.insert($1) }

    /// 长春、吉林、四平: a province's short name listed among its own prefectures is the namesake city.
    private func twinCities() {
        for k in hits.indices {
            guard hits[k].regions.count == 1, hits[k].regionRule == "short" else { continue }
            let prov = hits[k].regions[0]
            guard division(prov).level == .province else { continue }
            let siblings = [k - 1, k + 1].filter { n in
                n >= 0 && n < hits.count && hits[n].field == hits[k].field
                    && hits[n].regions.contains { division($0).parent == prov && division($0).level == .prefecture }
            }
            guard !siblings.isEmpty else { continue }
            let name = division(prov).short + "市"
            if let city = lexicon.gazetteer.divisions.indices.first(where: {
                division($0).parent == prov && division($0).name == name
            }) {
                hits[k].regions = [city]
                hits[k].regionRule = "twin-city-in-enumeration"
            }
        }
    }

    /// Organisation and market words after a name, company seats and datelines before it, venues around it.
    func blocked(_ k: Int) -> Bool {
        let h = hits[k]
        if let n = adjacentNext(k), isBlocker(hits[n]), suffix(hits[n]) == nil { return true }
        // An organisation's name the dictionaries do not know: 禹州新民生村镇银行 — a place, a few more
        // characters of name, then 银行/证券/集团…, with nothing in between that a sentence would use.
        for n in (k + 1)..<min(k + 3, hits.count) where hits[n].field == h.field && cue(hits[n], .blocker) != nil {
            let gap = h.end..<hits[n].start
            if gap.count >= 1, gap.count <= 5, gap.allSatisfy({ i in
                let c = char(h.field, i)
                return c >= 0x4E00 && c <= 0x9FFF && !Self.sentenceChars.contains(c)
            }) {
                return true
            }
        }
        if let p = adjacentPrevious(k), cue(hits[p], .hq) != nil { return true }
        // English names are whole words only.
        if regionCandidates(h).contains(where: { $0.1 == .english }) {
            if Self.isASCIILetter(char(h.field, h.start - 1)) || Self.isASCIILetter(char(h.field, h.end)) { return true }
        }
        // Datelines: 新华社上海12月1日电, 中新网北京3月5日电.
        let before = char(h.field, h.start - 1)
        if before == Self.she || before == Self.wang { return true }
        if startsDateline(h.field, h.end) { return true }
        // A local desk's dateline: 湖州讯 近日…
        if char(h.field, h.end) == Self.xun { return true }
        // A reporter's byline: 记者 李愿 北京报道.
        if char(h.field, h.end) == Self.bao && char(h.field, h.end + 1) == Self.dao { return true }
        // Venues: 在北京召开/举行… — the place of a meeting is not its subject.
        if before == Self.zai {
            for n in (k + 1)..<min(k + 4, hits.count) where hits[n].field == h.field && hits[n].start - h.end <= 12 {
                if cue(hits[n], .venueVerb) != nil { return true }
            }
        }
        return false
    }

    private func startsDateline(_ f: Field, _ i: Int) -> Bool {
        var j = i
        var digits = 0
        while Self.isDigit(char(f, j)) { j += 1; digits += 1 }
        guard digits > 0, char(f, j) == Self.yue else { return false }
        j += 1
        while Self.isDigit(char(f, j)) { j += 1 }
        guard char(f, j) == Self.ri else { return false }
        let c = char(f, j + 1)
        return c == Self.dian || c == Self.xun
    }

    /// Characters that belong to sentences, not to names: 杭州市各银行, 辖内银行业 are not organisations.
    static let sentenceChars: Set<UInt32> = Set("各辖内的全等和及与地区市县省对在向为其中有是将已共个家该本".unicodeScalars.map(\.value))

    static func isASCIILetter(_ c: UInt32) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }
    static func isDigit(_ c: UInt32) -> Bool { c >= 48 && c <= 57 }
    static let she: UInt32 = 0x793E  // 社
    static let wang: UInt32 = 0x7F51  // 网
    static let zai: UInt32 = 0x5728  // 在
    static let yue: UInt32 = 0x6708  // 月
    static let ri: UInt32 = 0x65E5  // 日
    static let dian: UInt32 = 0x7535  // 电
    static let xun: UInt32 = 0x8BAF  // 讯
    static let bao: UInt32 = 0x62A5  // 报
    static let dao: UInt32 = 0x9053  // 道

    /// Regions with their evidence, whatever the article's kind (`labeling.md`: a data release about 上海 is
    /// about 上海). The rules propose (blockers, confirmation, qualifiers); the region model decides which
    /// of the proposed places are subjects — a long feature names a dozen cities in passing. Without a
    /// model, every standalone place the rules accepted is kept.
    func regionTags(model: LinearModel, kind: ArticleKind?) -> [RegionTag] {
        var byDivision: [Int: RegionTag] = [:]
        var standalone: Set<Int> = []
        for h in hits where !h.regions.isEmpty {
            for r in h.regions {
                let w = (h.field == .title ? 0.6 : 0.3) + (h.regionRule == "agency" ? 0.4 : 0)
                add(h, rule: h.qualifier ? "qualifier" : h.regionRule, weight: w, to: &byDivision, key: r) {
                    let d = division(r)
                    return RegionTag(code: d.code, name: d.name, level: d.level.name, score: 0, evidence: [])
                }
                if !h.qualifier { standalone.insert(r) }
            }
        }
        guard !model.isEmpty else {
            return byDivision.filter { standalone.contains($0.key) }.values.sorted { ($0.score, $1.code) > ($1.score, $0.code) }
        }
        var kept: [RegionTag] = []
        let candidates = regionCandidates(kind: kind, sink: { HashedFeatures() })
        // The shared features' sum once (they and each place's own features never share a name).
        var shared = model.bias
        model.accumulate(candidates.common.hashes, into: &shared)
        for (d, hashed) in candidates.places {
            guard var tag = byDivision[d] else { continue }
            var z = shared
            model.accumulate(hashed.hashes, into: &z)
            let p = 1 / (1 + exp(-z[0]))
            guard p >= model.threshold else { continue }
            tag.score = (p * 1000).rounded() / 1000
            let rows = model.rows(candidates.common.hashes + hashed.hashes)
            let why = model.strongest(rows: rows, for: 0, count: 3).map(\.feature).joined(separator: ",")
            tag.evidence.append(Evidence(field: "model", offset: 0, match: why, rule: "subject p=\(tag.score)"))
            kept.append(tag)
        }
        return kept.sorted { ($0.score, $1.code) > ($1.score, $0.code) }
    }
}
