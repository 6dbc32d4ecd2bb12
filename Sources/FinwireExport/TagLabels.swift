import FinwireTag
import Foundation

/// How tags read in digests. Topic and document-type ids are short ASCII keys (`inclusive`, `fangan`);
/// readers see the Chinese terms. Ids without a label (a topic from `tagging.topics`) show as themselves.
public enum TagLabels {
    static let topics: [String: String] = [
        "agri": "涉农金融", "capital_market": "资本市场", "common_prosperity": "共同富裕", "credit": "信贷",
        "digital": "数字金融", "fin_risk": "金融风险", "fx_crossborder": "外汇与跨境", "green": "绿色金融",
        "inclusive": "普惠金融", "insurance": "保险", "local_debt": "地方债", "monetary": "货币政策",
        "pension": "养老金融", "real_estate": "房地产", "tech_finance": "科技金融",
    ]

    /// Each document type's first keyword in the bundled dictionary (`fangan` → 方案).
    static let docTypes: [String: String] = {
        var out: [String: String] = [:]
        for line in TaggingData.bundled.docTypes.split(separator: "\n") where !line.hasPrefix("#") {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cols.count >= 2, cols[0] != "doc_type", out[String(cols[0])] == nil else { continue }
            out[String(cols[0])] = String(cols[1])
        }
        return out
    }()

    public static func topic(_ id: String) -> String { topics[id] ?? id }
    public static func docType(_ id: String) -> String { docTypes[id] ?? id }

    /// The tags worth a glance, strongest first within each kind: up to two regions, one grouping, one
    /// agency, two topics, one document type, then user tags.
    public static func top(_ t: TagResult?) -> [String] {
        guard let t else { return [] }
        func best<T>(_ xs: [T], _ n: Int, score: (T) -> Double) -> [T] {
            Array(xs.enumerated().sorted { (score($0.element), -$0.offset) > (score($1.element), -$1.offset) }.prefix(n).map(\.element))
        }
        var out: [String] = []
        out += best(t.regions, 2, score: \.score).map(\.name)
        out += best(t.groupings, 1, score: \.score).map(\.name)
        out += best(t.agencies, 1, score: \.score).map { $0.name.replacingOccurrences(of: " ", with: "") }
        out += best(t.topics, 2, score: \.score).map { topic($0.id) }
        out += best(t.docTypes, 1, score: \.score).map { docType($0.id) }
        out += t.custom.map(\.name)
        var seen = Set<String>()
        return out.filter { seen.insert($0).inserted }
    }
}
