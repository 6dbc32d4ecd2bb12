import FinwireExport
import FinwireStore
import FinwireTag
import Foundation

/// What to select, as a user writes it: `export`'s filter flags and a watch's `filter` are both this, so a
/// watch means exactly what the same flags mean. Turned into the store's `ExportFilter` in one place.
public struct Selection: Sendable, Equatable {
    public var regions: [String] = []
    public var agencies: [String] = []
    public var topics: [String] = []
    public var tags: [String] = []
    public var kinds: [String] = []
    public var policyOnly = false
    public var minScore: Double?
    public var feeds: [String] = []
    public var query: String?

    public init() {}

    /// The store's filter (without a time window), or an error naming the flag and the bad value.
    /// - Parameter flag: how a flag is named in errors: `--region` for the command line, `watches[0].filter.region`
    ///   for the configuration.
    public func exportFilter(extraTopics: [String], flag: (String) -> String = { "--" + $0 }) throws(FilterArguments.Invalid)
        -> ExportFilter
    {
        var f = ExportFilter()
        f.feedIds = feeds
        let args = FilterArguments(extraTopics: extraTopics)
        func named<T>(_ name: String, _ body: () throws -> T) throws(FilterArguments.Invalid) -> T {
            do {
                return try body()
            } catch let e as FilterArguments.Invalid {
                let text = e.description.hasPrefix("--\(name):") ? String(e.description.dropFirst(name.count + 3)) : e.description
                throw FilterArguments.Invalid(description: flag(name) + ":" + text)
            } catch {
                throw FilterArguments.Invalid(description: "\(flag(name)): \(error)")
            }
        }
        for r in regions {
            let resolved = try named("region") { try args.region(r) }
            f.regionCodes += resolved.codes
            if let g = resolved.grouping { f.groupingIds.append(g) }
        }
        f.agencies = try named("agency") { try agencies.map(args.agency) }
        f.topics = try named("topic") { try topics.map(args.topic) }
        f.tags = try named("tag") { try tags.map(args.tag).map { ExportFilter.Tag(kind: $0.kind, value: $0.value) } }
        f.policyOnly = policyOnly
        if let minScore, !(0...1).contains(minScore) {
            throw FilterArguments.Invalid(description: "\(flag("min-score")): expected a policy score from 0 to 1, found \(minScore)")
        }
        f.minPolicyScore = minScore
        for k in kinds.flatMap({ $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }) {
            guard ArticleKind(rawValue: k) != nil else {
                throw FilterArguments.Invalid(
                    description: "\(flag("kind")): expected policy, enforcement, data, market, company, commentary or other, found '\(k)'")
            }
            f.kinds.append(k)
        }
        if let query {
            f.terms = query.split(whereSeparator: \.isWhitespace).map(String.init)
            if f.terms.isEmpty {
                throw FilterArguments.Invalid(description: "\(flag("query")): expected words to search for, found '\(query)'")
            }
        }
        return f
    }
}
