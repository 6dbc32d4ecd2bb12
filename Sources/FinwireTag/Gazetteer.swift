/// China's administrative divisions (GB/T 2260): every province, prefecture and county, with the hierarchy
/// that lets "Zhejiang" include Quzhou and 龙游县 in every query.
public struct Gazetteer: Sendable {
    public enum Level: Int, Sendable, Comparable {
        case province = 1, prefecture = 2, county = 3

        public var name: String { self == .province ? "province" : self == .prefecture ? "prefecture" : "county" }
        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    public struct Division: Sendable {
        public let code: String
        public let name: String
        public let short: String
        public let level: Level
        /// Index of the parent in `divisions`, nil for provinces.
        public let parent: Int?
    }

    public let divisions: [Division]
    private let byCode: [String: Int]

    public init(tsv: String) {
        var rows: [(code: String, name: String, short: String, level: Level, parent: String)] = []
        for r in TSV(tsv).records() {
            guard let code = r["code"], code.count == 6, let name = r["name"], !name.isEmpty else { continue }
            let level: Level = switch r["level"] ?? "" {
            case "province": .province
            case "prefecture": .prefecture
            default: .county
            }
            let short = r["short"].flatMap { $0.isEmpty ? nil : $0 } ?? name
            rows.append((code, name, short, level, r["parent"] ?? ""))
        }
        var index: [String: Int] = [:]
        for (i, r) in rows.enumerated() { index[r.code] = i }
        divisions = rows.map { r in
            Division(code: r.code, name: r.name, short: r.short, level: r.level, parent: index[r.parent])
        }
        byCode = index
    }

    public func index(of code: String) -> Int? { byCode[code] }
    public func division(_ code: String) -> Division? { byCode[code].map { divisions[$0] } }

    /// The chain of parents, nearest first.
    public func ancestors(of i: Int) -> [Int] {
        var out: [Int] = []
        var p = divisions[i].parent
        while let q = p {
            out.append(q)
            p = divisions[q].parent
        }
        return out
    }

    /// Walks the parent links without building the list: the rules and the region model ask this for
    /// every pair of places in an article.
    public func isAncestor(_ a: Int, of b: Int) -> Bool {
        var p = divisions[b].parent
        while let q = p {
            if q == a { return true }
            p = divisions[q].parent
        }
        return false
    }

    public func province(of i: Int) -> Int { ancestors(of: i).last ?? i }

    /// The codes a query for `code` covers: itself and everything beneath it. GB/T 2260 codes nest by
    /// prefix, but 省直辖 units and renumbered districts make the parent links the reliable source.
    public func descendants(of code: String) -> [String] {
        guard let i = byCode[code] else { return [] }
        return divisions.indices.filter { $0 == i || isAncestor(i, of: $0) }.map { divisions[$0].code }
    }

    /// A user's region argument: a code, a full name, or a short name (the highest level wins, as in tagging).
    public func resolve(_ query: String) -> Division? {
        if let d = division(query) { return d }
        let q = query.trimmingSpaces
        return divisions.filter { $0.name == q }.min(by: { $0.level < $1.level })
            ?? divisions.filter { $0.short == q }.min(by: { $0.level < $1.level })
    }
}
