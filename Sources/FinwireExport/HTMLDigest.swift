import FinwireModel
import FinwireTag
import Foundation

/// `export --format html`: the digest as one self-contained page for a phone or a desktop: a summary table
/// per region, an inline SVG chart of policy stories per region per day, then the stories grouped by region
/// and topic (title, time, outlets, top tags, a two-line lead, the full text folded away).
///
/// Safe by construction: every feed string is escaped; links are http(s) only and open with no referrer;
/// bodies are sanitized (unless `--html raw`) and lose their images; and a Content-Security-Policy allows
/// no script, no frame and no remote resource at all, so even a raw body cannot run or load anything.
public struct HTMLDigest: Sendable {
    public var context: ExportContext

    public init(context: ExportContext) { self.context = context }

    static let csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

    public func render(_ entries: [ExportEntry]) -> String { TextSink.collect { try write(entries, to: $0) } }

    public func write(_ entries: [ExportEntry], to out: TextSink) throws {
        let w = try writer(to: out)
        for e in entries { try w.add(e) }
        try w.finish()
    }

    /// A writer taking entries oldest first. The summary, chart and table above the stories need every
    /// entry, so stories are rendered as they come, parked on disk, and written at `finish`.
    public func writer(to out: TextSink) throws -> any EntryWriter {
        let file = try DigestFile()
        var chart = PolicyChart(timeZone: context.timeZone)
        // Stories are rendered on every core, a group behind the reading, and filed in order.
        let stories = OrderedParallelMap<ExportEntry, (ExportEntry, String)>(transform: { ($0, story($0)) }) { e, text in
            let region = try file.add(e, rendered: text)
            chart.add(e, region: region)
        }
        return EntryStream(add: stories.add) {
            try stories.finish()
            try finish(file, chart, out)
        }
    }

    func finish(_ file: DigestFile, _ chart: PolicyChart, _ out: TextSink) throws {
        let zone = context.timeZone
        let title = "\(context.title) — \(LocalTime.day(context.now, zone))"
        let summary = context.summary(count: file.count, policy: file.policy, first: file.first, last: file.last)
        var h = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="\(Self.csp)">
            <meta name="referrer" content="no-referrer">
            <title>\(Escape.xml(title))</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <header><h1>\(Escape.xml(context.title)) — <span class="nw">\(LocalTime.day(context.now, zone))</span></h1>
            <p class="muted">\(Escape.xml(summary.joined(separator: " · ")))</p>
            </header>

            """
        if file.count == 0 { return try out.write(h + "<p>No stories.</p>\n</body>\n</html>\n") }
        let regions = file.ordered
        h += "<section id=\"summary\">\n<h2>Policy stories per day</h2>\n<figure>\n"
        h += chart.render() + "\n</figure>\n"
        h += "<h2>By region</h2>\n" + summaryTable(regions) + "\n</section>\n"
        try out.write(h)
        for (i, region) in regions.enumerated() {
            try out.write("<section class=\"region\" id=\"r\(i)\">\n")
            try out.write("<h2>\(Escape.xml(region.name)) <span class=\"count\">\(region.count)</span></h2>\n")
            for topic in region.ordered {
                try out.write("<h3>\(Escape.xml(topic.name)) <span class=\"count\">\(topic.count)</span></h3>\n")
                try file.entries(topic) { try out.write($0) }
            }
            try out.write("</section>\n")
        }
        try out.write("<footer class=\"muted\">finwire · \(Escape.xml(LocalTime.minute(context.now, zone))) \(Escape.xml(zone.identifier))</footer>\n")
        try out.write("</body>\n</html>\n")
    }

    /// Regions with their story and policy counts and top topics; past the first eight, the rest fold away
    /// so a phone reader reaches the stories quickly.
    func summaryTable(_ regions: [DigestFile.Region]) -> String {
        func rows(_ regions: ArraySlice<(offset: Int, element: DigestFile.Region)>) -> String {
            var t = "<table>\n<thead><tr><th>Region</th><th>Stories</th><th>Policy</th><th>Top topics</th></tr></thead>\n<tbody>\n"
            for (i, r) in regions {
                let topics = r.ordered.filter { $0.id != nil }.prefix(3).map { "\($0.name) \($0.count)" }
                t += "<tr><td><a href=\"#r\(i)\">\(Escape.xml(r.name))</a></td><td>\(r.count)</td>"
                t += "<td>\(r.policy)</td><td>\(Escape.xml(topics.joined(separator: "、")))</td></tr>\n"
            }
            return t + "</tbody>\n</table>"
        }
        let all = Array(regions.enumerated())
        var t = "<div class=\"scroll\">" + rows(all.prefix(8)) + "</div>"
        if all.count > 8 {
            t += "\n<details><summary>\(all.count - 8) more regions</summary><div class=\"scroll\">"
            t += rows(all.dropFirst(8)) + "</div></details>"
        }
        return t
    }

    func story(_ e: ExportEntry) -> String {
        let a = e.article.article
        let title = Escape.xml(a.title.isEmpty ? "(untitled)" : a.title)
        var s = "<article class=\"story\(e.isPolicy ? " policy" : "")\">\n<h4>"
        if let link = e.link {
            s += "<a href=\"\(Escape.xml(link))\" rel=\"noopener noreferrer nofollow\">\(title)</a>"
        } else {
            s += title
        }
        if e.revised { s += " <span class=\"revised\">revised</span>" }
        s += "</h4>\n<p class=\"meta\"><time datetime=\"\(ISODate.string(e.time))\">"
        s += "\(Escape.xml(LocalTime.short(e.time, context.timeZone)))</time> · "
        let outlets = e.outlets
        s += Escape.xml(outlets.prefix(3).joined(separator: ", ") + (outlets.count > 3 ? " +\(outlets.count - 3)" : ""))
        if let kind = e.kind {
            s += " · <span class=\"\(kind == "policy" ? "pol" : "kind")\">\(Escape.xml(kind))</span>"
        }
        s += "</p>\n"
        let tags = TagLabels.top(e.tags)
        if !tags.isEmpty {
            s += "<p class=\"tags\">" + tags.map { "<span>\(Escape.xml($0))</span>" }.joined(separator: " ") + "</p>\n"
        }
        let lead = Lead.lines(a)
        if !lead.isEmpty { s += "<p class=\"lead\">" + lead.map(Escape.xml).joined(separator: "<br>") + "</p>\n" }
        if !a.html.isEmpty {
            let body = context.html == .raw ? context.body(a) : Escape.removingImages(context.body(a))
            s += "<details><summary>Full text</summary><div class=\"body\">\(body)</div></details>\n"
        }
        return s + "</article>\n"
    }

    static let style = """
        :root{color-scheme:light dark;--fg:#1f2328;--muted:#656d76;--bg:#fff;--line:#d0d7de;--tag:#eef2f7;--acc:#2563eb}
        @media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--line:#30363d;--tag:#1f2937;--acc:#60a5fa}}
        *{box-sizing:border-box}
        body{margin:0 auto;max-width:46rem;padding:1rem;font:16px/1.6 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:var(--fg);background:var(--bg);overflow-wrap:anywhere}
        h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.2rem;margin:1.6rem 0 .4rem;border-bottom:1px solid var(--line)}
        h3{font-size:1.02rem;margin:1.1rem 0 .3rem;color:var(--muted)}h4{font-size:1rem;margin:0 0 .2rem;line-height:1.45}
        a{color:var(--acc);text-decoration:none}.muted,.meta{color:var(--muted);font-size:.85rem}
        .count{font-weight:normal;color:var(--muted);font-size:.85rem}
        .scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.9rem}
        th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid var(--line);white-space:nowrap}td:last-child{white-space:normal}
        figure{margin:.5rem 0}.chart{width:100%;height:auto;max-width:36rem}
        .story{padding:.6rem 0 .7rem;border-bottom:1px solid var(--line)}.story.policy{border-left:3px solid var(--acc);padding-left:.6rem}
        .meta,.tags,.lead{margin:.15rem 0}.tags span{display:inline-block;background:var(--tag);border-radius:.3rem;padding:0 .35rem;margin:.1rem .15rem .1rem 0;font-size:.8rem}
        .revised{font-size:.75rem;font-weight:normal;color:#b45309;border:1px solid #b45309;border-radius:.3rem;padding:0 .3rem}
        .pol{color:var(--acc)}.lead{font-size:.92rem}.nw{white-space:nowrap}
        details{font-size:.92rem;margin-top:.3rem}summary{color:var(--muted);cursor:pointer}.body{max-height:none}
        .body img{max-width:100%}
        """
}
