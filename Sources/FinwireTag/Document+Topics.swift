/// Groupings, topics, document types and quantified targets: keyword evidence, weighed by where it stands.
extension Document {
    func groupingTags() -> [SimpleTag] {
        var tags: [Int: SimpleTag] = [:]
        for k in hits.indices where has(hits[k], .grouping) {
            for case .grouping(let g) in entries(hits[k]) {
                // 长三角一体化概念股, 京津冀板块: market copy, not a region.
                if let n = adjacentNext(k), isBlocker(hits[n]) { continue }
                add(hits[k], rule: "grouping-name", weight: hits[k].field == .title ? 0.6 : 0.3, to: &tags, key: g) {
                    SimpleTag(id: lexicon.groupings[g].id, name: lexicon.groupings[g].name, score: 0, evidence: [])
                }
            }
        }
        return tags.values.sorted { ($0.score, $1.id) > ($1.score, $0.id) }
    }

    /// Keyword weights summed per topic, title hits double; a topic needs one specific term or two generic ones.
    func topicTags() -> [SimpleTag] {
        // Raw sums (no cap) while adding up; the score is scaled to [0, 1] at the end.
        var sums: [Int: SimpleTag] = [:]
        func make(_ t: Int) -> SimpleTag { SimpleTag(id: lexicon.topicIds[t], name: lexicon.topicIds[t], score: 0, evidence: []) }
        for h in hits where has(h, .topic) {
            for case .topic(let t, let w) in entries(h) {
                add(h, rule: "keyword", weight: h.field == .title ? 2 * w : w, to: &sums, key: t, cap: .infinity) { make(t) }
            }
        }
        // Trading and earnings copy (股价, 涨停, 营收, 板块…) is capital-market news whatever else it names.
        if let cm = lexicon.topicIds.firstIndex(of: "capital_market") {
            for h in hits {
                guard let w = cue(h, .market) else { continue }
                add(h, rule: "market-vocabulary", weight: h.field == .title ? 2 * w : w, to: &sums, key: cm, cap: .infinity) {
                    make(cm)
                }
            }
        }
        return sums.values.filter { $0.score >= Self.topicThreshold }.map { t in
            var t = t
            t.score = min(1, t.score / 3)
            return t
        }.sorted { ($0.score, $1.id) > ($1.score, $0.id) }
    }

    static let topicThreshold = 1.0

    /// A document type counts in the title, inside 《…》, or right after an issuing verb; a meeting also when
    /// it is convened in the text. Elsewhere 意见 and 通知 are ordinary words.
    func docTypeTags() -> [SimpleTag] {
        var tags: [String: SimpleTag] = [:]
        for (k, h) in hits.enumerated() where has(h, .docType) {
            for case .docType(let type) in entries(h) {
                let rule: String
                if h.field == .title {
                    rule = "title"
                } else if insideBookTitle(h) {
                    rule = "document-name"
                } else if issuedNearby(k) {
                    rule = "issued"
                } else {
                    continue
                }
                add(h, rule: rule, weight: rule == "title" ? 0.7 : 0.5, to: &tags, key: type) {
                    SimpleTag(id: type, name: type, score: 0, evidence: [])
                }
            }
        }
        return tags.values.sorted { ($0.score, $1.id) > ($1.score, $0.id) }
    }

    /// Between an unclosed 《 and its 》 on the same line.
    func insideBookTitle(_ h: Hit) -> Bool {
        let s = scalars(h.field)
        var i = h.start - 1
        while i >= 0 && h.start - i < 60 {
            if s[i] == Self.bookClose || s[i] == 10 { return false }
            if s[i] == Self.bookOpen { break }
            i -= 1
        }
        guard i >= 0, s[i] == Self.bookOpen else { return false }
        var j = h.end
        while j < s.count && j - h.end < 60 {
            if s[j] == Self.bookClose { return true }
            if s[j] == Self.bookOpen || s[j] == 10 { return false }
            j += 1
        }
        return false
    }

    /// An issuing verb or a convening verb shortly before.
    func issuedNearby(_ k: Int) -> Bool {
        let h = hits[k]
        var p = k - 1
        while p >= 0, hits[p].field == h.field, h.start - hits[p].end <= 20 {
            if let w = cue(hits[p], .issue), w >= 0.8 { return true }
            if cue(hits[p], .venueVerb) != nil { return true }
            p -= 1
        }
        return false
    }

    /// 力争2025年底…超2万亿元, 到2027年…不低于30%: a target year or target word, then a number with a unit.
    func hasTarget() -> Bool {
        for f in [Field.title, .text] {
            let s = scalars(f)
            var i = 0
            while i + 4 < s.count {
                if isTargetOpener(s, i) {
                    var j = i + 2
                    let end = min(s.count, i + 60)
                    while j < end {
                        if s[j] == 0x3002 || s[j] == 10 { break }  // 。 or a new line ends the clause
                        if Self.isDigit(s[j]), !isYear(s, j), j + 1 < s.count {
                            var e = j
                            while e < s.count && (Self.isDigit(s[e]) || s[e] == 46) { e += 1 }
                            if e < s.count, Self.units.contains(s[e]) { return true }
                            j = e
                            continue
                        }
                        j += 1
                    }
                }
                i += 1
            }
        }
        return false
    }

    private func isTargetOpener(_ s: [UInt32], _ i: Int) -> Bool {
        // 力争, 确保, 争取, 目标, 到20xx年, 至20xx年
        let a = s[i], b = s[i + 1]
        if (a == 0x529B && b == 0x4E89) || (a == 0x786E && b == 0x4FDD) || (a == 0x4E89 && b == 0x53D6)
            || (a == 0x76EE && b == 0x6807)
        {
            return true
        }
        if (a == 0x5230 || a == 0x81F3), isYear(s, i + 1) { return true }
        return false
    }

    private func isYear(_ s: [UInt32], _ j: Int) -> Bool {
        j + 4 < s.count && s[j] == 50 && s[j + 1] == 48 && Self.isDigit(s[j + 2]) && Self.isDigit(s[j + 3])
            && s[j + 4] == 0x5E74
    }

    /// 亿 万 % 家 户 个 笔 倍 元 项 人 千 百 (the first character of a unit is enough).
    static let units: Set<UInt32> = [0x4EBF, 0x4E07, 0x25, 0xFF05, 0x5BB6, 0x6237, 0x4E2A, 0x7B14, 0x500D, 0x5143, 0x9879, 0x4EBA, 0x5343, 0x767E]
    static let bookOpen: UInt32 = 0x300A  // 《
    static let bookClose: UInt32 = 0x300B  // 》
}
