import FinwireAlerts
import FinwireDaemon
import FinwireExport
import FinwireModel
import FinwireStore
import FinwireTag
import Foundation

/// The live view's HTML: rendered on the server, escaped as the HTML digest escapes, no script at all and
/// one stylesheet from this server (the CSP allows nothing else).
enum Pages {
    static func e(_ s: String) -> String { Escape.xml(s) }

    static func layout(title: String, _ body: String) -> String {
        """
        <!doctype html>
        <html lang="zh"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(title))</title><link rel="stylesheet" href="/static/finwire.css"></head>
        <body><header><a class="home" href="/">finwire</a></header><main>
        \(body)
        </main></body></html>
        """
    }

    static func error(_ message: String) -> String {
        layout(title: "finwire", "<p class=\"error\">\(e(message))</p><p><a href=\"/\">All stories</a></p>")
    }

    // MARK: The list

    static func index(
        query: StoryQuery, stories: [StorySummary], next: StoryQuery.Cursor?, counts: (byProvince: [String: Int], byDay: [String: Int]),
        today: Date, offsetSeconds: Int, topics: [(id: String, label: String)]
    ) -> String {
        let s = query.selection
        func option(_ value: String, _ label: String, selected: Bool) -> String {
            "<option value=\"\(e(value))\"\(selected ? " selected" : "")>\(e(label))</option>"
        }
        var form = "<form class=\"filters\" method=\"get\" action=\"/\">"
        form += "<label>地区 <input name=\"region\" list=\"regions\" value=\"\(e(s.regions.joined(separator: ",")))\" placeholder=\"浙江, 衢州市, 山区26县\"></label>"
        form += "<datalist id=\"regions\">" + FilterChoices.regions.map { "<option value=\"\(e($0))\">" }.joined() + "</datalist>"
        form += "<label>类型 <select name=\"kind\">" + option("", "全部", selected: s.kinds.isEmpty)
            + FilterChoices.kinds.map { option($0, $0, selected: s.kinds == [$0]) }.joined() + "</select></label>"
        form += "<label>主题 <select name=\"topic\">" + option("", "全部", selected: s.topics.isEmpty)
            + topics.map { option($0.id, $0.label, selected: s.topics == [$0.id]) }.joined() + "</select></label>"
        form += "<label>机构 <select name=\"agency\">" + option("", "全部", selected: s.agencies.isEmpty)
            + FilterChoices.agencies.map { option($0, $0, selected: s.agencies == [$0]) }.joined() + "</select></label>"
        form += "<label>全文 <input name=\"q\" value=\"\(e(s.query ?? ""))\"></label><button type=\"submit\">筛选</button></form>"
        form += RegionTree.narrowing(regions: s.regions, otherParams: queryItems(query).filter { $0.0 != "region" })

        var list = "<ol class=\"stories\">"
        for story in stories { list += item(story) }
        list += "</ol>"
        if stories.isEmpty { list = "<p class=\"empty\">No stories match.</p>" }
        if let next {
            var params = queryItems(query)
            params.append(("cursor", next.text))
            list += "<p class=\"more\"><a rel=\"next\" href=\"/?\(e(encode(params)))\">Older stories</a></p>"
        }
        let overview = "<section class=\"overview\"><div><h2>政策 · 30天 · 省份</h2>\(map(counts.byProvince))</div>"
            + "<div><h2>政策 · 每日</h2>\(chart(counts.byDay, today: today, offsetSeconds: offsetSeconds))</div></section>"
        return layout(title: "finwire", form + overview + list)
    }

    static func item(_ story: StorySummary) -> String {
        var meta: [String] = []
        if let p = story.published { meta.append(ISODate.string(p)) }
        if let k = story.kind { meta.append(k) }
        if !story.regions.isEmpty { meta.append(story.regions.map(\.name).joined(separator: "、")) }
        if !story.outlets.isEmpty { meta.append(story.outlets.joined(separator: "、")) }
        return "<li><a class=\"title\" href=\"/stories/\(story.id)\">\(e(story.title))</a>"
            + "<div class=\"meta\">\(e(meta.joined(separator: " · ")))</div><p>\(e(story.summary))</p></li>"
    }

    static func queryItems(_ q: StoryQuery) -> [(String, String)] {
        let s = q.selection
        var out: [(String, String)] = []
        for (name, values) in [("region", s.regions), ("kind", s.kinds), ("topic", s.topics), ("agency", s.agencies), ("tag", s.tags), ("feed", s.feeds)] {
            for v in values { out.append((name, v)) }
        }
        if let v = s.query { out.append(("q", v)) }
        if let v = s.minScore { out.append(("min_score", String(v))) }
        if let v = q.since { out.append(("since", v)) }
        if let v = q.until { out.append(("until", v)) }
        if q.limit != 50 { out.append(("limit", String(q.limit))) }
        return out
    }

    static func encode(_ items: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return items.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
    }

    /// Provinces as tiles in roughly their places (a tile grid, the usual way to map 34 units that differ
    /// a hundredfold in area); each links to its policy stories and shades by their count.
    static let tiles: [(short: String, row: Int, col: Int)] = [
        ("黑龙江", 0, 7), ("新疆", 1, 0), ("内蒙古", 1, 5), ("吉林", 1, 7), ("甘肃", 2, 2), ("宁夏", 2, 3), ("山西", 2, 4),
        ("北京", 2, 5), ("天津", 2, 6), ("辽宁", 2, 7), ("西藏", 3, 0), ("青海", 3, 1), ("陕西", 3, 3), ("河北", 3, 4),
        ("山东", 3, 5), ("四川", 4, 2), ("重庆", 4, 3), ("河南", 4, 4), ("江苏", 4, 5), ("上海", 4, 6), ("云南", 5, 2),
        ("贵州", 5, 3), ("湖北", 5, 4), ("安徽", 5, 5), ("浙江", 5, 6), ("广西", 6, 3), ("湖南", 6, 4), ("江西", 6, 5),
        ("福建", 6, 6), ("台湾", 6, 7), ("海南", 7, 3), ("广东", 7, 4), ("香港", 7, 5), ("澳门", 7, 6),
    ]

    static func map(_ byProvince: [String: Int]) -> String {
        let g = RegionQuery.bundled.gazetteer
        let top = max(1, byProvince.values.max() ?? 1)
        var out = "<div class=\"tiles\">"
        for t in tiles {
            let code = g.resolve(t.short)?.code ?? ""
            let n = byProvince[code] ?? 0
            let shade = n == 0 ? 0 : 1 + min(3, 4 * n / (top + 1))
            out += "<a class=\"tile r\(t.row) c\(t.col) s\(shade)\" href=\"/?region=\(e(encodeValue(t.short)))&amp;kind=policy\" title=\"\(e(t.short)) \(n)\">"
                + "\(e(t.short))<span>\(n)</span></a>"
        }
        return out + "</div>"
    }

    static func encodeValue(_ v: String) -> String { encode([("", v)]).dropFirst().description }

    /// Policy stories per day over 30 days, as an inline SVG (attributes only: no style, no script).
    static func chart(_ byDay: [String: Int], today: Date, offsetSeconds: Int) -> String {
        var days: [(String, Int)] = []
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offsetSeconds) ?? .gmt
        for back in stride(from: 29, through: 0, by: -1) {
            let d = calendar.dateComponents([.year, .month, .day], from: today.addingTimeInterval(Double(-back * 86_400)))
            let key = String(format: "%04d-%02d-%02d", d.year ?? 0, d.month ?? 0, d.day ?? 0)
            days.append((key, byDay[key] ?? 0))
        }
        let top = max(1, days.map(\.1).max() ?? 1)
        var svg = "<svg class=\"chart\" viewBox=\"0 0 300 80\" role=\"img\" aria-label=\"policy stories per day\">"
        for (i, (day, n)) in days.enumerated() {
            let h = n == 0 ? 0 : max(2, 70 * n / top)
            svg += "<rect x=\"\(i * 10)\" y=\"\(75 - h)\" width=\"8\" height=\"\(h)\"><title>\(day): \(n)</title></rect>"
        }
        svg += "<line x1=\"0\" y1=\"75.5\" x2=\"300\" y2=\"75.5\"/></svg>"
        return svg
    }

    // MARK: A story

    static func story(id: Int64, shown: StoredArticle, copies: [StoredArticle]) -> String {
        let summary = StorySummary(id: id, shown: shown, copies: copies)
        let tags = shown.tagsJSON.flatMap { TagResult.decode($0) }
        var evidence: [String: [String]] = [:]  // field → matched text
        var tagRows: [String] = []
        func add(_ label: String, _ name: String, _ ev: [Evidence]) {
            for x in ev { evidence[x.field, default: []].append(x.match) }
            var seen = Set<String>()
            let why = ev.map { "\($0.rule): \($0.match)" }.filter { seen.insert($0).inserted }.joined(separator: "; ")
            tagRows.append("<tr><th>\(e(label))</th><td>\(e(name))</td><td>\(e(why))</td></tr>")
        }
        if let t = tags {
            for r in t.regions { add("地区", r.name, r.evidence) }
            for a in t.agencies { add("机构", a.name, a.evidence) }
            for x in t.topics { add("主题", TagLabels.topic(x.id), x.evidence) }
            for x in t.docTypes { add("文种", x.name, x.evidence) }
            for x in t.custom { add("标签", x.name, x.evidence) }
        }
        var body = "<article><h1>\(highlight(shown.article.title, evidence["title"] ?? []))</h1>"
        var meta: [String] = []
        if let k = summary.kind { meta.append(k) }
        if let p = summary.published { meta.append(ISODate.string(p)) }
        body += "<div class=\"meta\">\(e(meta.joined(separator: " · ")))</div>"
        if let url = Escape.safeURL(shown.article.url) {
            body += "<p><a href=\"\(e(url))\" rel=\"noopener noreferrer\">原文 \(e(shown.feedTitle ?? shown.feedId))</a></p>"
        }
        body += "<div class=\"text\">\(highlight(shown.article.text, evidence["text"] ?? []).replacingOccurrences(of: "\n", with: "<br>"))</div>"
        if !tagRows.isEmpty { body += "<h2>标签与依据</h2><table class=\"tags\">\(tagRows.joined())</table>" }
        body += "<h2>各来源 (\(copies.count))</h2><ul class=\"copies\">"
        for c in copies {
            let link = Escape.safeURL(c.article.url).map { "<a href=\"\(e($0))\" rel=\"noopener noreferrer\">\(e(c.article.title))</a>" } ?? e(c.article.title)
            body += "<li>\(e(c.feedTitle ?? c.feedId)) · \(e(ISODate.string(c.firstSeen))) · \(link)</li>"
        }
        body += "</ul></article>"
        return layout(title: shown.article.title, body)
    }

    /// The text, escaped, with every occurrence of the evidence marked (overlaps merged).
    static func highlight(_ text: String, _ matches: [String]) -> String {
        var ranges: [Range<String.Index>] = []
        for m in Set(matches) where !m.isEmpty { ranges += text.ranges(of: m) }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<String.Index>] = []
        for r in ranges {
            if let last = merged.last, r.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                merged.append(r)
            }
        }
        var out = ""
        var at = text.startIndex
        for r in merged {
            out += e(String(text[at..<r.lowerBound])) + "<mark>" + e(String(text[r])) + "</mark>"
            at = r.upperBound
        }
        return out + e(String(text[at...]))
    }

    // MARK: Style

    static let css: String = {
        var css = """
            body{font:15px/1.6 system-ui,"Noto Sans CJK SC",sans-serif;margin:0;color:#222;background:#fafafa}
            header{background:#1d3557;padding:.5em 1em}header a.home{color:#fff;font-weight:bold;text-decoration:none}
            main{max-width:64em;margin:0 auto;padding:1em}
            .filters{display:flex;flex-wrap:wrap;gap:.5em 1em;align-items:end;margin-bottom:1em}
            .filters input,.filters select{font:inherit}
            .overview{display:flex;flex-wrap:wrap;gap:2em;margin:1em 0}.overview h2{font-size:.9em;color:#555;margin:.2em 0}
            .tiles{display:grid;grid-template-columns:repeat(8,3.4em);grid-auto-rows:2.6em;gap:3px}
            .tile{display:flex;flex-direction:column;align-items:center;justify-content:center;font-size:.72em;
              text-decoration:none;color:#123;border-radius:3px;background:#e8eef4}
            .tile span{font-size:.85em;color:#456}.s1{background:#c6dbef}.s2{background:#9ecae1}
            .s3{background:#6baed6;color:#fff}.s4{background:#2171b5;color:#fff}.s3 span,.s4 span{color:#eef}
            .chart{width:24em;height:6.4em}.chart rect{fill:#457b9d}.chart line{stroke:#999}
            ol.stories{list-style:none;padding:0}ol.stories li{background:#fff;margin:.6em 0;padding:.6em .9em;border-radius:4px;
              box-shadow:0 1px 2px rgba(0,0,0,.08)}
            a.title{font-weight:600;color:#1d3557;text-decoration:none}.meta{color:#666;font-size:.85em}
            mark{background:#ffe08a;padding:0 .1em}.text{background:#fff;padding:1em;border-radius:4px}
            table.tags{border-collapse:collapse}table.tags th,table.tags td{border-bottom:1px solid #ddd;padding:.2em .6em;
              text-align:left;vertical-align:top;font-size:.9em}
            .error{color:#a00}
            .narrow{font-size:.9em;color:#555;margin:-.4em 0 1em}.narrow a{color:#1d3557}
            ul.tree,ul.tree ul{list-style:none;padding-left:1.2em}ul.tree summary{cursor:pointer}
            ul.tree .count{color:#888;font-size:.8em}.hint{color:#666}
            """
        for r in 0..<8 { css += "\n.r\(r){grid-row:\(r + 1)}" }
        for c in 0..<8 { css += "\n.c\(c){grid-column:\(c + 1)}" }
        return css + "\n"
    }()
}
