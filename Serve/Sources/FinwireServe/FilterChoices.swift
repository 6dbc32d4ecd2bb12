import FinwireExport
import FinwireTag

/// What the page's filter form offers: the same ids `export` and the API accept.
enum FilterChoices {
    static let kinds = ArticleKind.allCases.map(\.rawValue)
    static let agencies = FilterArguments.agencyIds

    static func topics(extra: [String]) -> [(id: String, label: String)] {
        FilterArguments(extraTopics: extra).topicIds.map { ($0, TagLabels.topic($0)) }
    }

    /// Provinces and their prefecture cities, for the region field's suggestions (province → city order).
    static let regions: [String] = {
        let g = RegionQuery.bundled.gazetteer
        var out: [String] = []
        for (i, d) in g.divisions.enumerated() where d.level == .province {
            out.append(d.name)
            for c in g.divisions where c.level == .prefecture && c.parent == i { out.append(c.name) }
        }
        return out
    }()
}
