import FinwireExport
import FinwireTag

/// What the page's filter form offers: the same ids `export` and the API accept.
enum FilterChoices {
    static let kinds = ArticleKind.allCases.map(\.rawValue)
    static let agencies = FilterArguments.agencyIds

    static func topics(extra: [String]) -> [(id: String, label: String)] {
        FilterArguments(extraTopics: extra).topicIds.map { ($0, TagLabels.topic($0)) }
    }

    /// Provinces and their prefecture cities, for the region field's suggestions (province → city order),
    /// read off the same tree `/regions` shows.
    static let regions: [String] = {
        let divisions = RegionTree.gazetteer.divisions
        return divisions.indices.filter { divisions[$0].level == .province }.flatMap { p in
            [divisions[p].name] + (RegionTree.children[p] ?? []).filter { divisions[$0].level == .prefecture }.map { divisions[$0].name }
        }
    }()
}
