import FinwireModel
import Foundation

extension TagResult {
    /// The stored form: JSON with evidence, plus one flat key per tag for filtering.
    public var articleTags: ArticleTags {
        var keys: [ArticleTags.Key] = regions.map { .init(kind: "region", value: $0.code, score: $0.score) }
        keys += groupings.map { .init(kind: "grouping", value: $0.id, score: $0.score) }
        keys += agencies.map { .init(kind: "agency", value: $0.id, score: $0.score) }
        keys += topics.map { .init(kind: "topic", value: $0.id, score: $0.score) }
        keys += docTypes.map { .init(kind: "doc_type", value: $0.id, score: $0.score) }
        keys += custom.map { .init(kind: "custom", value: $0.id, score: $0.score) }
        return ArticleTags(json: jsonString(), policyScore: policyScore, isPolicy: isPolicy, keys: keys, kind: kind.rawValue)
    }

    public func jsonString(pretty: Bool = false) -> String {
        if !pretty { return compactJSON() }
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        return (try? e.encode(self)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }
}

extension Tagger {
    /// Tags the articles that need it (new or changed), in place.
    public func tag(_ articles: inout [Article], only needed: [Bool]? = nil, feedId: String? = nil) {
        for i in articles.indices where needed?[i] ?? true {
            articles[i].tags = tag(title: articles[i].title, text: articles[i].text, feedId: feedId).articleTags
        }
    }

    /// A tagger for a configuration: its rules, extra topics, and each feed's publisher.
    public init(rules: [UserRule] = [], extraTopics: [String: [String]] = [:], feeds: [FeedSource], data: TaggingData = .bundled) {
        let lexicon = Lexicon(data: data, extraTopics: extraTopics, userKeywords: rules.map(\.keywords))
        var publishers: [String: Publisher] = [:]
        for feed in feeds { publishers[feed.id] = lexicon.publisher(for: feed) }
        self.init(lexicon: lexicon, rules: rules, publishers: publishers)
    }
}

extension Lexicon {
    /// The feed's publisher: its configured `region` (empty: none), else what its configured title says.
    /// The channel title a feed sends is not read: it is often generic (通知公告), and `retag`, which has no
    /// document, must come to the same answer as the ingest pass did.
    public func publisher(for feed: FeedSource) -> Publisher? {
        if let region = feed.region { return publisher(regions: region).publisher }
        return feed.title.flatMap { publisher(feedTitle: $0) }
    }
}
