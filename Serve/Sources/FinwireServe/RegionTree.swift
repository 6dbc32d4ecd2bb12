import FinwireExport
import FinwireTag

/// The region filter as a tree, province → city → county, without a script: `/regions` nests the whole
/// gazetteer in `<details>` elements (a reader opens a province, then a city), and the story list offers
/// the chosen region's parent and its children as links that keep the other filters.
enum RegionTree {
    static let gazetteer = RegionQuery.bundled.gazetteer

    /// Each division's direct children, in the gazetteer's (code) order.
    static let children: [Int: [Int]] = {
        var out: [Int: [Int]] = [:]
        for (i, d) in gazetteer.divisions.enumerated() {
            if let p = d.parent { out[p, default: []].append(i) }
        }
        return out
    }()

    static func link(_ i: Int, params: [(String, String)] = []) -> String {
        let d = gazetteer.divisions[i]
        let query = Pages.encode([("region", d.code)] + params)
        return "<a href=\"/?\(Pages.e(query))\">\(Pages.e(d.name))</a>"
    }

    /// `/regions`: every province, its cities and their counties, each a link to its stories.
    static func page() -> String {
        func node(_ i: Int) -> String {
            guard let kids = children[i], !kids.isEmpty else { return "<li>\(link(i))</li>" }
            return "<li><details><summary>\(link(i)) <span class=\"count\">\(kids.count)</span></summary><ul>"
                + kids.map(node).joined() + "</ul></details></li>"
        }
        let provinces = gazetteer.divisions.indices.filter { gazetteer.divisions[$0].parent == nil }
        let body = "<h1>地区</h1><p class=\"hint\">省 → 市 → 县：展开一个省份，点一个名称看它（及其下辖地区）的报道。</p>"
            + "<ul class=\"tree\">" + provinces.map(node).joined() + "</ul>"
        return Pages.layout(title: "finwire · 地区", body)
    }

    /// Under the filter form: when the list is narrowed to one region, its parent and children as links
    /// (the other filters kept); otherwise a pointer to the tree.
    static func narrowing(regions: [String], otherParams: [(String, String)]) -> String {
        guard regions.count == 1, let d = gazetteer.resolve(regions[0]), let i = gazetteer.index(of: d.code) else {
            return "<p class=\"narrow\"><a href=\"/regions\">按地区浏览：省 → 市 → 县</a></p>"
        }
        var parts: [String] = []
        if let p = d.parent { parts.append("上级 " + link(p, params: otherParams)) }
        if let kids = children[i], !kids.isEmpty {
            parts.append("下辖 " + kids.map { link($0, params: otherParams) }.joined(separator: " · "))
        }
        parts.append("<a href=\"/regions\">全部地区</a>")
        return "<p class=\"narrow\">\(Pages.e(d.name))：" + parts.joined(separator: "　") + "</p>"
    }
}
