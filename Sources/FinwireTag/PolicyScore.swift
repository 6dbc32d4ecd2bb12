import Foundation

/// The rules' own view of policy news versus market noise: a hand-weighted logistic score over issuing
/// verbs, document types, regulators, targets and topics against market and statistics vocabulary. It no
/// longer decides anything on its own: its band is one feature of the kind model (fitted on real news,
/// where these hand weights reached an is_policy F1 of 0.50), and it is the fallback when no model is loaded.
enum PolicyScore {
    static func score(_ doc: Document, _ r: TagResult) -> Double {
        var issue = 0.0, market = 0.0, orgs = 0.0, targets = 0.0, stats = 0.0
        for h in doc.hits {
            let w = h.field == .title ? 2.0 : 1.0
            let info = doc.lexicon.info[h.pattern]
            issue += info.issue * w
            market += info.market * w
            if info.stat > 0 { stats += info.stat * (h.field == .title ? 1 : 0.2) }
            // 沪指 and 港股 are market cues already; count a name once.
            if doc.isOrg(h), doc.cue(h, .market) == nil { orgs += w }
            if info.cues & (1 << Lexicon.CueKind.target.bit) != 0 { targets += 1 }
        }
        let actors = Double(r.agencies.count)
        let docTypes = r.docTypes.reduce(0) { $0 + $1.score }
        let topics = r.topics.reduce(0) { $0 + $1.score }
        let localRegions = r.agencies.contains { $0.id.contains("@") } ? 1.0 : 0.0
        var z = -2.2
        z += 0.55 * min(issue, 5)
        z += 1.1 * min(docTypes, 2)
        z += 0.8 * min(actors, 3)
        z += 0.5 * localRegions
        z += r.hasTarget ? 1.0 : 0
        z += 0.6 * min(topics, 3)
        z += 0.15 * min(targets, 3)
        z -= 0.75 * min(market, 8)
        z -= 0.5 * min(orgs, 4)
        z -= 0.8 * min(stats, 3)
        return (1 / (1 + exp(-z)) * 1000).rounded() / 1000
    }
}
