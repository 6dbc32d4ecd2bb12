import Foundation

/// The tagging stage: title and text in, regions, groupings, agencies, topics, document types and the
/// article's kind out, each with its evidence. Dictionaries and rules find and vet the candidates; the kind
/// and whether a place is a subject are decided by the models fitted on real news (`LinearModel`). Pure and
/// read-only, so one `Tagger` serves every task at once.
public struct Tagger: Sendable {
    public let lexicon: Lexicon
    public let rules: [UserRule]
    /// Each configured feed's publisher (feed id → places), resolved once when the configuration is read,
    /// so ingest, the daemon and `retag` tag a feed's items alike without reading its title again.
    public let publishers: [String: Publisher]

    public init(lexicon: Lexicon, rules: [UserRule] = [], publishers: [String: Publisher] = [:]) {
        self.lexicon = lexicon
        self.rules = rules
        self.publishers = publishers
    }

    /// A tagger whose automaton also holds the rules' keywords and the config's extra topics.
    public init(rules: [UserRule] = [], extraTopics: [String: [String]] = [:], data: TaggingData = .bundled) {
        self.init(
            lexicon: Lexicon(data: data, extraTopics: extraTopics, userKeywords: rules.map(\.keywords)), rules: rules)
    }

    /// `publisher`: the places the feed speaks for (`Lexicon.publisher`), which its 我省 and 全市 point at;
    /// by default the configured feed's (`publishers[feedId]`).
    public func tag(title: String, text: String, feedId: String? = nil, publisher: Publisher? = nil) -> TagResult {
        var (doc, result, _) = ruled(title: title, text: text)
        result.regions = doc.regionTags(model: lexicon.regionModel, kind: lexicon.kindModel.isEmpty ? nil : result.kind)
        if let publisher = publisher ?? feedId.flatMap({ publishers[$0] }) {
            result.regions += doc.publisherRegions(publisher, kind: result.kind, agencies: result.agencies, tagged: result.regions)
        }
        // A grouping in non-policy copy is a market theme (长三角一体化概念股), not a scope.
        if !result.isPolicy { result.groupings = [] }
        result.custom = customTags(doc, feedId: feedId)
        return result
    }

    /// What the rules decide, then the kind: everything but the regions' model decision and user rules.
    func ruled(title: String, text: String) -> (Document, TagResult, rulePolicy: Double) {
        let doc = Document(lexicon: lexicon, title: title, text: text)
        doc.resolveAgencies()
        doc.resolveRegions()
        var result = TagResult()
        result.agencies = doc.agencyTags()
        result.groupings = doc.groupingTags()
        result.topics = doc.topicTags()
        result.docTypes = doc.docTypeTags()
        result.hasTarget = doc.hasTarget()
        let rulePolicy = PolicyScore.score(doc, result)
        classify(doc, rulePolicy: rulePolicy, into: &result)
        return (doc, result, rulePolicy)
    }

    /// The kind from the kind model; without one (an untrained data file), the rules' policy score alone
    /// decides policy against `other`.
    func classify(_ doc: Document, rulePolicy: Double, into result: inout TagResult) {
        let model = lexicon.kindModel
        guard !model.isEmpty else {
            result.policyScore = rulePolicy
            result.isPolicy = rulePolicy >= 0.5
            result.kind = result.isPolicy ? .policy : .other
            result.kindScores = ["policy": rulePolicy]
            return
        }
        var hashed = HashedFeatures(capacity: 512)
        doc.kindFeatures(result, rulePolicyScore: rulePolicy, into: &hashed)
        let rows = model.rows(hashed.hashes)
        let p = model.probabilities(rows: rows)
        var best = 0
        for c in p.indices where p[c] > p[best] { best = c }
        result.kind = ArticleKind(rawValue: model.classes[best]) ?? .other
        result.kindScores = Dictionary(uniqueKeysWithValues: zip(model.classes, p.map { ($0 * 1000).rounded() / 1000 }))
        result.kindEvidence = model.strongest(rows: rows, for: best).map(\.feature)
        result.policyScore = result.kindScores["policy"] ?? 0
        if let rule = EnforcementRule.match(title: doc.titleText, agencies: result.agencies) {
            result.kind = .enforcement
            result.kindEvidence = [rule] + result.kindEvidence
        }
        result.isPolicy = result.kind == .policy
    }

    private func customTags(_ doc: Document, feedId: String?) -> [SimpleTag] {
        var out: [String: SimpleTag] = [:]
        for (i, rule) in rules.enumerated() {
            if !rule.feeds.isEmpty, !(feedId.map(rule.feeds.contains) ?? false) { continue }
            var ev: [Evidence] = []
            // Every occurrence, not the leftmost-longest cover: a user's keyword may sit inside a longer name.
            for field in [Field.title, .text] where rule.scope.covers(field) && !rule.keywords.isEmpty {
                let s = doc.scalars(field)
                for m in lexicon.automaton.allMatches(in: s) {
                    for case .userKeyword(let k) in lexicon.entries[Int(m.pattern)] where k == i {
                        ev.append(Evidence(field: field.name, offset: m.start, match: s.string(m.start..<m.end), rule: "rule:\(rule.tag)"))
                    }
                }
            }
            if let regex = rule.regex {
                for (field, source) in [(Field.title, doc.titleText), (Field.text, doc.bodyText)] where rule.scope.covers(field) {
                    if let m = source.firstMatch(of: regex) {
                        let offset = source.distance(from: source.startIndex, to: m.range.lowerBound)
                        ev.append(Evidence(field: field.name, offset: offset, match: String(source[m.range]), rule: "rule:\(rule.tag)"))
                    }
                }
            }
            guard !ev.isEmpty else { continue }
            var t = out[rule.tag] ?? SimpleTag(id: rule.tag, name: rule.tag, score: 1, evidence: [])
            t.evidence.append(contentsOf: ev)
            out[rule.tag] = t
        }
        return out.values.sorted { $0.id < $1.id }
    }
}

enum Field: Int, Sendable {
    case title = 0, text = 1
    var name: String { self == .title ? "title" : "text" }
}

/// A user rule from config: keywords or a regular expression → a tag, scoped to title, text or both, and
/// optionally to some feeds.
public struct UserRule: @unchecked Sendable {
    public enum Scope: String, Sendable, CaseIterable {
        case title, text, any
        func covers(_ f: Field) -> Bool { self == .any || (self == .title) == (f == .title) }
    }

    public var tag: String
    public var keywords: [String]
    public var pattern: String?
    /// `Regex` is immutable once built; it is not marked Sendable in this toolchain's standard library.
    public let regex: Regex<AnyRegexOutput>?
    public var scope: Scope
    public var feeds: [String]

    public init(tag: String, keywords: [String] = [], pattern: String? = nil, scope: Scope = .any, feeds: [String] = []) throws {
        self.tag = tag
        self.keywords = keywords
        self.pattern = pattern
        regex = try pattern.map { try Regex($0) }
        self.scope = scope
        self.feeds = feeds
    }
}

extension Tagger {
    /// What the kind and region models read for one article (for training and `tag --dump-features`).
    public func features(title: String, text: String) -> (
        kind: Set<String>, rulePolicyScore: Double, regions: [(code: String, features: Set<String>)]
    ) {
        let (doc, result, rule) = ruled(title: title, text: text)
        let kind = lexicon.kindModel.isEmpty ? nil : result.kind
        let candidates = doc.regionCandidates(kind: kind) { NamedFeatures() }
        let regions = candidates.places.map {
            (code: doc.division($0.division).code, features: $0.features.set.union(candidates.common.set))
        }
        var named = NamedFeatures()
        doc.kindFeatures(result, rulePolicyScore: rule, into: &named)
        return (named.set, rule, regions)
    }
}
