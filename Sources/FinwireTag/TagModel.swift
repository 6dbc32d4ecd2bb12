/// What the tagger says about one article, and why. Every tag carries its evidence so that an analyst can
/// check a surprising tag without reading the code, and so that `retag` can be audited.
public struct TagResult: Sendable, Equatable, Codable {
    public var regions: [RegionTag] = []
    public var groupings: [SimpleTag] = []
    public var agencies: [SimpleTag] = []
    public var topics: [SimpleTag] = []
    public var docTypes: [SimpleTag] = []
    /// User rules from config: their tag names.
    public var custom: [SimpleTag] = []
    public var hasTarget: Bool = false
    /// What sort of item it is (`labeling.md`), from the kind model; `other` when no model is loaded.
    public var kind: ArticleKind = .other
    /// The kind model's probability for every kind.
    public var kindScores: [String: Double] = [:]
    /// The features that carried the kind (strongest first): what a reader checks a surprising kind by.
    public var kindEvidence: [String] = []
    /// The probability of `policy`; `isPolicy` is `kind == .policy`.
    public var policyScore: Double = 0
    public var isPolicy: Bool = false

    public init() {}

    enum CodingKeys: String, CodingKey {
        case regions, groupings, agencies, topics, custom, kind
        case docTypes = "doc_types", hasTarget = "has_target", policyScore = "policy_score", isPolicy = "is_policy"
        case kindScores = "kind_scores", kindEvidence = "kind_evidence"
    }

    /// Tolerant of what older releases stored (no kind yet): missing keys keep their defaults until retag.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        regions = try c.decodeIfPresent([RegionTag].self, forKey: .regions) ?? []
        groupings = try c.decodeIfPresent([SimpleTag].self, forKey: .groupings) ?? []
        agencies = try c.decodeIfPresent([SimpleTag].self, forKey: .agencies) ?? []
        topics = try c.decodeIfPresent([SimpleTag].self, forKey: .topics) ?? []
        docTypes = try c.decodeIfPresent([SimpleTag].self, forKey: .docTypes) ?? []
        custom = try c.decodeIfPresent([SimpleTag].self, forKey: .custom) ?? []
        hasTarget = try c.decodeIfPresent(Bool.self, forKey: .hasTarget) ?? false
        policyScore = try c.decodeIfPresent(Double.self, forKey: .policyScore) ?? 0
        isPolicy = try c.decodeIfPresent(Bool.self, forKey: .isPolicy) ?? false
        kind = try c.decodeIfPresent(ArticleKind.self, forKey: .kind) ?? (isPolicy ? .policy : .other)
        kindScores = try c.decodeIfPresent([String: Double].self, forKey: .kindScores) ?? [:]
        kindEvidence = try c.decodeIfPresent([String].self, forKey: .kindEvidence) ?? []
    }
}

/// A region at the most specific level the article names. Parents are implied, not listed.
public struct RegionTag: Sendable, Equatable, Codable {
    public var code: String
    public var name: String
    public var level: String
    public var score: Double
    public var evidence: [Evidence]

    public init(code: String, name: String, level: String, score: Double, evidence: [Evidence]) {
        self.code = code
        self.name = name
        self.level = level
        self.score = score
        self.evidence = evidence
    }
}

/// A grouping, agency, topic, document type or user tag: an id, a display name, a score and its evidence.
public struct SimpleTag: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var score: Double
    public var evidence: [Evidence]

    public init(id: String, name: String, score: Double, evidence: [Evidence]) {
        self.id = id
        self.name = name
        self.score = score
        self.evidence = evidence
    }
}

/// One matched span: where (title or text, character offset in the normalized field), what, and by which rule.
public struct Evidence: Sendable, Equatable, Codable {
    public var field: String
    public var offset: Int
    public var match: String
    public var rule: String

    public init(field: String, offset: Int, match: String, rule: String) {
        self.field = field
        self.offset = offset
        self.match = match
        self.rule = rule
    }
}

/// A tag that gathers weight and evidence hit by hit while an article is tagged.
protocol Accumulating {
    var score: Double { get set }
    var evidence: [Evidence] { get set }
}

extension SimpleTag: Accumulating {}
extension RegionTag: Accumulating {}
