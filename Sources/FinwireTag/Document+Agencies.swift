/// Agencies first: a place followed by a body's name (浙江 + 银保监局, 衢州市 + 中心支行) is the strongest region
/// evidence there is, and settles the place's level before the ambiguity rules run.
extension Document {
    func resolveAgencies() {
        for k in hits.indices where has(hits[k], .suffix) {
            let bodies = suffixes(hits[k])
            guard !bodies.isEmpty, let p = adjacentPrevious(k) else { continue }
            let place = hits[p]
            // A place written as a risky short (会同, 白银) is never taken as a body's seat, nor a name that only
            // implies a place (發展局 is a body itself, not a seat).
            let candidates = regionCandidates(place).filter { c in
                c.1 != .implied && !(c.1 == .short && lexicon.riskyShorts.contains(division(c.0).short))
            }
            guard let best = candidates.min(by: { division($0.0).level < division($1.0).level }) else { continue }
            // The national name right before the place picks the body (中国证监会浙江监管局 is the CSRC's).
            var head: Int?
            var chosen = bodies.first { !$0.2 }
            if let q = adjacentPrevious(p), let national = nationalAgency(hits[q]),
                let body = bodies.first(where: { $0.0 == national })
            {
                head = q
                chosen = body
            }
            guard let (id, level, _) = chosen else { continue }
            var seat = best.0
            if let level, division(seat).level > level { seat = lexicon.gazetteer.ancestors(of: seat).last ?? seat }
            // A PBOC 中心支行 in a provincial capital (and the old 大区分行 there) spoke for the whole province.
            if id == "pboc", lexicon.capitals.contains(seat), let prov = division(seat).parent { seat = prov }
            if level == .province, division(seat).level != .province { seat = lexicon.gazetteer.province(of: seat) }
            hits[k].agency = "\(id)@\(division(seat).code)"
            hits[k].agencyFrom = head.map { hits[$0].start } ?? place.start
            hits[p].regions = [seat]
            hits[p].regionRule = "agency"
            if let head { hits[head].consumed = true }
        }
    }

    func agencyTags() -> [SimpleTag] {
        var tags: [String: SimpleTag] = [:]
        for h in hits {
            var id: String?
            var rule = ""
            if let a = h.agency {
                id = a
                rule = "local-body"
            } else if let n = nationalAgency(h), !h.consumed, !isLocalOnly(n), !Self.localPrefixes.contains(char(h.field, h.start - 1)) {
                id = n
                rule = "national-name"
            }
            guard let id else { continue }
            let weight = h.field == .title ? 1.0 : 0.6
            var span = h
            if h.agency != nil { span.start = h.agencyFrom }
            add(span, rule: rule, weight: weight, to: &tags, key: id) {
                SimpleTag(id: id, name: agencyName(id), score: 0, evidence: [])
            }
        }
        return tags.values.sorted { ($0.score, $1.id) > ($1.score, $0.id) }
    }

    /// 省发改委, 市财政局 written without the place: a local body, not the national one.
    static let localPrefixes: Set<UInt32> = [0x7701, 0x5E02, 0x533A, 0x53BF, 0x5DDE]  // 省 市 区 县 州

    /// `gov` and `lfb` have no national body of that name: a bare 人民政府 is no agency.
    func isLocalOnly(_ id: String) -> Bool { id == "gov" || id == "lfb" }

    func agencyName(_ id: String) -> String {
        let parts = id.split(separator: "@")
        let base = Self.agencyNames[String(parts[0])] ?? String(parts[0])
        guard parts.count == 2, let d = lexicon.gazetteer.division(String(parts[1])) else { return base }
        return d.name + " " + base
    }

    static let agencyNames = [
        "pboc": "中国人民银行", "nfra": "国家金融监督管理总局", "csrc": "中国证监会", "safe": "国家外汇管理局",
        "mof": "财政", "ndrc": "发展改革委", "state-council": "国务院", "lfb": "地方金融管理局", "gov": "人民政府",
    ]
}
