/// The features the learned decisions read. Swift computes them for the shipped models and for training
/// alike (`finwire tag --dump-features`), so the script that fits the weights never reimplements them.
extension Document {
    /// Characters as the n-gram features see them: ASCII letters lower-cased, a run of digits one `0`,
    /// whitespace dropped — "2025年前三季度" and "2024年前三季度" are the same evidence.
    static func featureChars(_ s: ArraySlice<UInt32>) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(s.count)
        var inNumber = false
        for c in s {
            if c >= 48 && c <= 57 {
                if !inNumber { out.append(48) }
                inNumber = true
                continue
            }
            // 18.5% and 1,200: a point or comma inside a number belongs to it.
            if inNumber, c == 46 || c == 44 { continue }
            inNumber = false
            if c == 32 || c == 9 || c == 10 || c == 0x3000 || c == 0xA0 { continue }
            out.append(c >= 65 && c <= 90 ? c + 32 : c)
        }
        return out
    }

    static func grams(_ chars: [UInt32], prefix: String, sizes: ClosedRange<Int>, into out: inout Set<String>) {
        for n in sizes where chars.count >= n {
            for i in 0...(chars.count - n) {
                var s = prefix
                for c in chars[i..<(i + n)] { s.unicodeScalars.append(Unicode.Scalar(c) ?? "?") }
                out.insert(s)
            }
        }
    }

    static func bucket(_ n: Int, _ edges: [Int]) -> String {
        for e in edges where n < e { return "<\(e)" }
        return ">=\(edges.last ?? 0)"
    }

    /// Title n-grams (1–3 characters, `^` marks the start), the body's lead (first 120 characters, 1–2),
    /// and what the dictionaries and rules saw: cue kinds by field, agencies, document types, topics, a
    /// quantified target, the rule-based policy score's band, how many places and how long the text is.
    func kindFeatures(_ r: TagResult, rulePolicyScore: Double) -> Set<String> {
        var f: Set<String> = []
        Self.grams([94] + Self.featureChars(title[...]), prefix: "t:", sizes: 1...3, into: &f)
        Self.grams(Self.featureChars(text.prefix(120)), prefix: "b:", sizes: 1...2, into: &f)
        var cueCounts: [String: Int] = [:]
        for h in hits {
            let info = lexicon.info[h.pattern]
            let field = h.field == .title ? "title" : "text"
            for kind in [Lexicon.CueKind.issue, .target, .market, .stat] where info.cues & (1 << kind.bit) != 0 {
                cueCounts["\(kind.rawValue)@\(field)", default: 0] += 1
            }
            if isOrg(h) { cueCounts["org@\(field)", default: 0] += 1 }
        }
        for (k, n) in cueCounts { f.insert("cue:\(k)\(n >= 3 ? "=3+" : "=\(n)")") }
        for a in r.agencies {
            let parts = a.id.split(separator: "@")
            f.insert("agency:\(parts[0])\(parts.count > 1 ? "@local" : "")")
        }
        for d in r.docTypes { f.insert("doc:\(d.id)") }
        for t in r.topics { f.insert("topic:\(t.id)") }
        if r.hasTarget { f.insert("target") }
        f.insert("rulepolicy:" + Self.bucket(Int(rulePolicyScore * 10), [2, 4, 6, 8]))
        let places = Set(hits.flatMap(\.regions)).count
        f.insert("places:" + Self.bucket(places, [1, 2, 4, 8]))
        f.insert("len:" + Self.bucket(text.count, [40, 150, 600, 2000]))
        return f
    }

    /// Every place the rules accepted somewhere in the article, with the features of how it was named:
    /// where (title, lead, how far in), how often, by which rule, at which level, and the characters around
    /// its first mentions. Whether it is a subject is the region model's call.
    ///
    /// The article's kind (from the kind model) is a feature too, alone and crossed with the level, the
    /// title and enumeration: counties listed in a local policy are its scope, in a market report a list.
    func regionCandidates(kind: ArticleKind?) -> [(division: Int, features: Set<String>)] {
        var byDivision: [Int: [Int]] = [:]
        for (k, h) in hits.enumerated() where !h.regions.isEmpty {
            for r in h.regions { byDivision[r, default: []].append(k) }
        }
        let textCount = max(text.count, 1)
        let distinct = byDivision.count
        let market = marketWeight() > 0, stat = statWeight() > 0
        let marketTitle = hits.contains { $0.field == .title && cue($0, .market) != nil }
        let titlePlaces = Set(hits.filter { $0.field == .title }.flatMap(\.regions)).count
        let mentions = byDivision.mapValues(\.count)
        let most = mentions.values.max() ?? 0
        let all = max(mentions.values.reduce(0, +), 1)
        return byDivision.keys.sorted().map { d in
            let ks = byDivision[d]!
            let div = division(d)
            var f: Set<String> = ["lvl:\(div.level.name)", "places:" + Self.bucket(distinct, [2, 3, 5, 9])]
            let inTitle = ks.contains { hits[$0].field == .title }
            f.insert(inTitle ? "in_title" : "not_in_title")
            let textHits = ks.filter { hits[$0].field == .text }
            f.insert("n_text:" + Self.bucket(textHits.count, [1, 2, 3, 6]))
            if let first = textHits.first {
                let at = hits[first].start
                f.insert(at < 60 ? "first:lead" : "first:" + Self.bucket(at * 10 / textCount, [1, 3, 6]))
            }
            f.insert("len:" + Self.bucket(text.count, [40, 150, 600, 2000]))
            if ks.allSatisfy({ hits[$0].qualifier }) { f.insert("qualifier_only") }
            for k in ks { f.insert("rule:" + (hits[k].regionRule.isEmpty ? "none" : hits[k].regionRule)) }
            if inTitle { f.insert("title_lvl:\(div.level.name)") }
            let others = byDivision.keys.filter { $0 != d }
            if others.contains(where: { lexicon.gazetteer.isAncestor(d, of: $0) }) { f.insert("has_child") }
            if others.contains(where: { lexicon.gazetteer.isAncestor($0, of: d) }) { f.insert("has_parent") }
            if market { f.insert("doc:market") }
            if stat { f.insert("doc:stat") }
            if marketTitle { f.insert("doc:market_title") }
            f.insert("title_places:" + Self.bucket(titlePlaces, [1, 2, 3]))
            if distinct == 1 { f.insert("only_place") }
            if ks.count == most { f.insert("most_mentioned") }
            f.insert("share:" + Self.bucket(ks.count * 10 / all, [2, 4, 7]))
            for k in ks where hits[k].field == .title {
                let h = hits[k]
                if h.start == 0 || (h.start == 1 && char(.title, 0) == 0x3010) { f.insert("title_start") }
                let next = char(.title, h.end)
                if next == 0xFF1A || next == 58 { f.insert("title_colon") }
            }
            if ks.contains(where: { inEnumeration($0) }) { f.insert("enumerated") }
            if ks.allSatisfy({ inEnumeration($0) }) { f.insert("only_enumerated") }
            if let kind {
                let k = "kind:\(kind.rawValue)"
                f.insert(k)
                f.insert("\(k)&lvl:\(div.level.name)")
                f.insert("\(k)&\(inTitle ? "in_title" : "not_in_title")")
                if f.contains("enumerated") { f.insert("\(k)&enumerated") }
                if f.contains("has_parent") { f.insert("\(k)&has_parent") }
            }
            for k in ks.prefix(4) {
                let h = hits[k]
                let side = h.field == .title ? "T" : "B"
                let before = Self.featureChars(scalars(h.field)[max(0, h.start - 2)..<h.start])
                let after = Self.featureChars(scalars(h.field)[h.end..<min(scalars(h.field).count, h.end + 2)])
                if let c = before.last { f.insert("\(side)prev:\(Self.string([c]))") } else { f.insert("\(side)prev:^") }
                if before.count == 2 { f.insert("\(side)prev2:\(Self.string(before))") }
                if let c = after.first { f.insert("\(side)next:\(Self.string([c]))") } else { f.insert("\(side)next:$") }
                if after.count == 2 { f.insert("\(side)next2:\(Self.string(after))") }
            }
            return (d, f)
        }
    }

    /// A place listed beside another place (上海、杭州、深圳): lists are breakdowns more often than subjects.
    func inEnumeration(_ k: Int) -> Bool {
        let h = hits[k]
        for n in [k - 1, k + 1] where n >= 0 && n < hits.count && hits[n].field == h.field && !hits[n].regions.isEmpty {
            let (a, b) = n < k ? (hits[n].end, h.start) : (h.end, hits[n].start)
            if b - a == 1, Self.enumerators.contains(char(h.field, a)) { return true }
        }
        return false
    }

    static func string(_ cs: [UInt32]) -> String {
        var s = ""
        for c in cs { s.unicodeScalars.append(Unicode.Scalar(c) ?? "?") }
        return s
    }
}
