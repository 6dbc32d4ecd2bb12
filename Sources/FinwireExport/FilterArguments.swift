import FinwireTag
import Foundation

/// What a user typed for `--region`, `--agency`, `--topic` and `--tag`, turned into the keys stored in
/// `article_tags`, or an error that names the flag, the bad value and what would work.
public struct FilterArguments: Sendable {
    public struct Invalid: Error, CustomStringConvertible, Sendable {
        public var description: String
        public init(description: String) { self.description = description }
    }

    public var regions: RegionQuery
    /// Topic ids the tagger can assign: the bundled taxonomy plus the configuration's `tagging.topics`.
    public var topicIds: [String]
    public static let agencyIds = ["pboc", "nfra", "csrc", "safe", "mof", "ndrc", "state-council", "lfb", "gov"]
    public static let tagKinds = ["region", "grouping", "agency", "topic", "doc_type", "custom"]

    public init(regions: RegionQuery = .bundled, extraTopics: [String] = []) {
        self.regions = regions
        topicIds = TagLabels.topics.keys.sorted() + extraTopics.filter { TagLabels.topics[$0] == nil }.sorted()
    }

    /// A name (浙江, 浙江省, 衢州), a code (330000) or a grouping (山区26县, 长三角): every code beneath it,
    /// and the grouping's id when it is one.
    public func region(_ value: String) throws -> (codes: [String], grouping: String?) {
        guard let r = regions.resolve(value) else {
            throw Invalid(
                description: "--region: no region or grouping named '\(value)' (try a name like 浙江 or 衢州市, "
                    + "a code like 330000, or a grouping like 山区26县 or 长三角)")
        }
        return (r.codes.sorted(), r.grouping)
    }

    /// `nfra` (also matching its local bodies), `nfra@330000`, or `nfra@浙江` (the place by name).
    public func agency(_ value: String) throws -> String {
        let parts = value.split(separator: "@", maxSplits: 1).map(String.init)
        guard let id = parts.first, Self.agencyIds.contains(id) else {
            throw Invalid(
                description: "--agency: unknown agency '\(value)' (one of \(Self.agencyIds.joined(separator: ", ")), "
                    + "optionally @ a region: nfra@330000, pboc@浙江)")
        }
        guard parts.count == 2 else { return id }
        guard let d = regions.gazetteer.resolve(parts[1]) else {
            throw Invalid(description: "--agency: no region named '\(parts[1])' in '\(value)' (try nfra@330000 or nfra@浙江)")
        }
        return "\(id)@\(d.code)"
    }

    /// A topic id (`inclusive`) or its label (普惠金融).
    public func topic(_ value: String) throws -> String {
        if topicIds.contains(value) { return value }
        if let id = TagLabels.topics.first(where: { $0.value == value })?.key { return id }
        throw Invalid(description: "--topic: unknown topic '\(value)' (one of \(topicIds.joined(separator: ", ")))")
    }

    /// `name` is a user rule's tag (`tagging.rules`); `kind:value` any stored tag (`doc_type:fangan`).
    public func tag(_ value: String) throws -> (kind: String, value: String) {
        if let colon = value.firstIndex(of: ":") {
            let kind = String(value[..<colon])
            let rest = String(value[value.index(after: colon)...])
            guard Self.tagKinds.contains(kind), !rest.isEmpty else {
                throw Invalid(
                    description: "--tag: '\(value)' is not kind:value with a kind of "
                        + "\(Self.tagKinds.joined(separator: ", ")) (or a plain user-rule tag name)")
            }
            return (kind, rest)
        }
        guard !value.isEmpty else { throw Invalid(description: "--tag: empty tag name") }
        return ("custom", value)
    }
}
