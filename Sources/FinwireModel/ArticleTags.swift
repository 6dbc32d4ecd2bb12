/// What the tag stage concluded about one article, in the shape the store keeps: the full result with its
/// evidence as JSON (for `export` and `tag --explain`), and flat keys (kind, value) that queries filter on.
/// The model holds no tagging logic, so the store never depends on the tagger.
public struct ArticleTags: Sendable, Equatable {
    public struct Key: Sendable, Equatable, Hashable {
        /// region, grouping, agency, topic, doc_type, custom
        public var kind: String
        public var value: String
        public var score: Double

        public init(kind: String, value: String, score: Double) {
            self.kind = kind
            self.value = value
            self.score = score
        }
    }

    public var json: String
    public var policyScore: Double
    public var isPolicy: Bool
    /// policy, enforcement, data, market, company, commentary or other.
    public var kind: String?
    public var keys: [Key]

    public init(json: String, policyScore: Double, isPolicy: Bool, keys: [Key], kind: String? = nil) {
        self.json = json
        self.policyScore = policyScore
        self.isPolicy = isPolicy
        self.keys = keys
        self.kind = kind
    }
}
