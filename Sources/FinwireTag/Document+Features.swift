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

    static func grams<S: FeatureSink>(_ chars: [UInt32], prefix: String, sizes: ClosedRange<Int>, into out: inout S) {
        for n in sizes where chars.count >= n {
            for i in 0...(chars.count - n) { out.addGram(prefix: prefix, chars[i..<(i + n)]) }
        }
    }

    static func bucket(_ n: Int, _ edges: [Int]) -> String {
        for e in edges where n < e { return "<\(e)" }
        return ">=\(edges.last ?? 0)"
    }

    /// Title n-grams (1–3 characters, `^` marks the start), the body's lead (first 120 characters, 1–2),
    /// and what the dictionaries and rules saw: cue kinds by field, agencies, document types, topics, a
    /// quantified target, the rule-based policy score's band, how many places and how long the text is.
    func kindFeatures<S: FeatureSink>(_ r: TagResult, rulePolicyScore: Double, into f: inout S) {
        Self.grams([94] + Self.featureChars(title[...]), prefix: "t:", sizes: 1...3, into: &f)
        Self.grams(Self.featureChars(text.prefix(120)), prefix: "b:", sizes: 1...2, into: &f)
        // Counts by cue kind (issue, target, market, stat, organisation name) and field, in a flat array:
        // a dictionary keyed by "issue@title" strings cost a string per hit.
        var counts = [Int](repeating: 0, count: 10)
        let kinds = [Lexicon.CueKind.issue, .target, .market, .stat]
        for k in hits.indices {
            let info = lexicon.info[hits[k].pattern]
            let field = hits[k].field == .title ? 0 : 1
            for (i, kind) in kinds.enumerated() where info.cues & (1 << kind.bit) != 0 { counts[i * 2 + field] += 1 }
            if info.org { counts[8 + field] += 1 }
        }
        for (i, n) in counts.enumerated() where n > 0 {
            f.add(Self.cueNames[i], n >= 3 ? "=3+" : n == 1 ? "=1" : "=2")
        }
        for a in r.agencies {
            let parts = a.id.split(separator: "@")
            f.add("agency:\(parts[0])\(parts.count > 1 ? "@local" : "")")
        }
        for d in r.docTypes { f.add("doc:\(d.id)") }
        for t in r.topics { f.add("topic:\(t.id)") }
        if r.hasTarget { f.add("target") }
        f.add("rulepolicy:", Self.bucket(Int(rulePolicyScore * 10), [2, 4, 6, 8]))
        var places = Set<Int>()
        for k in hits.indices { for r in hits[k].regions { places.insert(r) } }
        f.add("places:", Self.bucket(places.count, [1, 2, 4, 8]))
        f.add("len:", Self.bucket(text.count, [40, 150, 600, 2000]))
    }

    static let cueNames = [
        "cue:issue@title", "cue:issue@text", "cue:target@title", "cue:target@text", "cue:market@title",
        "cue:market@text", "cue:stat@title", "cue:stat@text", "cue:org@title", "cue:org@text",
    ]

    /// Every place the rules accepted somewhere in the article, with the features of how it was named:
    /// where (title, lead, how far in), how often, by which rule, at which level, and the characters around
    /// its first mentions. Whether it is a subject is the region model's call.
    ///
    /// The article's kind (from the kind model) is a feature too, alone and crossed with the level, the
    /// title and enumeration: counties listed in a local policy are its scope, in a market report a list.
    ///
    /// The features every place of the article shares (how many places, how long, the kind…) come back once,
    /// apart from each place's own: a linear model adds them once, not once per place.
    func regionCandidates<S: FeatureSink>(kind: ArticleKind?, sink: () -> S) -> (
        common: S, places: [(division: Int, features: S)]
    ) {
        var byDivision: [Int: [Int]] = [:]
        var titleDivisions = Set<Int>()
        for k in hits.indices where !hits[k].regions.isEmpty {
            for r in hits[k].regions {
                byDivision[r, default: []].append(k)
                if hits[k].field == .title { titleDivisions.insert(r) }
            }
        }
        let divs = byDivision.keys.sorted()
        let textCount = max(text.count, 1)
        let distinct = divs.count
        let market = marketWeight() > 0, stat = statWeight() > 0
        let marketTitle = hits.contains { $0.field == .title && cue($0, .market) != nil }
        let titlePlaces = titleDivisions.count
        var most = 0, all = 0
        for d in divs {
            most = max(most, byDivision[d]!.count)
            all += byDivision[d]!.count
        }
        all = max(all, 1)
        let kindHead = kind.map { "kind:\($0.rawValue)" }
        let kindLevel = kindHead.map { $0 + "&lvl:" }, kindAnd = kindHead.map { $0 + "&" }
        // Doc-level features, the same for every place: hashed (or named) once.
        var common = sink()
        common.add("places:", Self.bucket(distinct, [2, 3, 5, 9]))
        common.add("len:", Self.bucket(text.count, [40, 150, 600, 2000]))
        if market { common.add("doc:market") }
        if stat { common.add("doc:stat") }
        if marketTitle { common.add("doc:market_title") }
        common.add("title_places:", Self.bucket(titlePlaces, [1, 2, 3]))
        if distinct == 1 { common.add("only_place") }
        if let kindHead { common.add(kindHead) }
        let gazetteer = lexicon.gazetteer
        let places = divs.map { d in
            let ks = byDivision[d]!
            let level = division(d).level.name
            var f = sink()
            f.add("lvl:", level)
            var inTitle = false, textHits = 0, firstText = -1, allQualifier = true
            var enumerated = false, allEnumerated = true, allImplied = true
            for k in ks {
                if hits[k].field == .title {
                    inTitle = true
                    let start = hits[k].start
                    if start == 0 || (start == 1 && title.first == 0x3010) { f.add("title_start") }
                    let next = char(.title, hits[k].end)
                    if next == 0xFF1A || next == 58 { f.add("title_colon") }
                } else {
                    textHits += 1
                    if firstText < 0 { firstText = hits[k].start }
                }
                if !hits[k].qualifier { allQualifier = false }
                let e = inEnumeration(k)
                enumerated = enumerated || e
                allEnumerated = allEnumerated && e
                f.add("rule:", hits[k].regionRule.isEmpty ? "none" : hits[k].regionRule)
                if hits[k].regionRule != Lexicon.Form.implied.rawValue { allImplied = false }
            }
            // Never named, only implied (an RTHK item about 發展局 never writes 香港): by field, because a
            // body in the headline is the story and one in passing in the text often is not.
            if allImplied { f.add(inTitle ? "implied_only@title" : "implied_only@text") }
            f.add(inTitle ? "in_title" : "not_in_title")
            f.add("n_text:", Self.bucket(textHits, [1, 2, 3, 6]))
            if firstText >= 0 {
                if firstText < 60 { f.add("first:lead") } else { f.add("first:", Self.bucket(firstText * 10 / textCount, [1, 3, 6])) }
            }
            if allQualifier { f.add("qualifier_only") }
            if inTitle { f.add("title_lvl:", level) }
            var hasChild = false, hasParent = false
            for o in divs where o != d {
                if !hasChild, gazetteer.isAncestor(d, of: o) { hasChild = true }
                if !hasParent, gazetteer.isAncestor(o, of: d) { hasParent = true }
            }
            if hasChild { f.add("has_child") }
            if hasParent { f.add("has_parent") }
            if ks.count == most { f.add("most_mentioned") }
            f.add("share:", Self.bucket(ks.count * 10 / all, [2, 4, 7]))
            if enumerated { f.add("enumerated") }
            if allEnumerated { f.add("only_enumerated") }
            if let kindLevel, let kindAnd {
                f.add(kindLevel, level)
                f.add(kindAnd, inTitle ? "in_title" : "not_in_title")
                if enumerated { f.add(kindAnd, "enumerated") }
                if hasParent { f.add(kindAnd, "has_parent") }
            }
            for k in ks.prefix(4) {
                let isTitle = hits[k].field == .title
                let s = isTitle ? title : text
                let start = hits[k].start, end = hits[k].end
                let before = Self.featureChars(s[max(0, start - 2)..<start])
                let after = Self.featureChars(s[end..<min(s.count, end + 2)])
                if let c = before.last {
                    f.addGram(prefix: isTitle ? "Tprev:" : "Bprev:", [c][...])
                } else {
                    f.add(isTitle ? "Tprev:^" : "Bprev:^")
                }
                if before.count == 2 { f.addGram(prefix: isTitle ? "Tprev2:" : "Bprev2:", before[...]) }
                if let c = after.first {
                    f.addGram(prefix: isTitle ? "Tnext:" : "Bnext:", [c][...])
                } else {
                    f.add(isTitle ? "Tnext:$" : "Bnext:$")
                }
                if after.count == 2 { f.addGram(prefix: isTitle ? "Tnext2:" : "Bnext2:", after[...]) }
            }
            return (d, f)
        }
        return (common, places)
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
}
