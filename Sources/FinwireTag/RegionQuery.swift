/// What a user's `--region` means: a code, a name or short name (浙江, 衢州市), or a grouping (山区26县, 长三角),
/// expanded to every code beneath it — a province includes its cities and counties in every query.
public struct RegionQuery: Sendable {
    public let gazetteer: Gazetteer
    public let groupings: [Lexicon.Grouping]

    public init(gazetteer: Gazetteer, groupings: [Lexicon.Grouping]) {
        self.gazetteer = gazetteer
        self.groupings = groupings
    }

    /// The bundled gazetteer and groupings, without building an automaton.
    public static let bundled: RegionQuery = {
        var groupings: [Lexicon.Grouping] = []
        for r in TSV(EmbeddedData.groupings).records() {
            guard let id = r["id"], let name = r["name"], !id.isEmpty else { continue }
            groupings.append(
                Lexicon.Grouping(
                    id: id, name: name, members: (r["member_codes"] ?? "").split(separator: " ").map(String.init),
                    aliases: (r["aliases"] ?? "").split(separator: "|").map(String.init)))
        }
        return RegionQuery(gazetteer: Gazetteer(tsv: EmbeddedData.divisions), groupings: groupings)
    }()

    /// Every code the query covers, or nil when nothing matches it. For a grouping, `grouping` is its id:
    /// articles tagged with the grouping itself match too.
    public func resolve(_ query: String) -> (codes: Set<String>, grouping: String?)? {
        let q = query.trimmingSpaces
        if let g = groupings.first(where: { $0.id == q || $0.name == q || $0.aliases.contains(q) }) {
            var codes = Set<String>()
            for m in g.members { codes.formUnion(gazetteer.descendants(of: m)) }
            return (codes, g.id)
        }
        guard let d = gazetteer.resolve(q) else { return nil }
        return (Set(gazetteer.descendants(of: d.code)), nil)
    }
}
