import FinwireModel
import FinwireTag
import Foundation

/// The HTML digest's chart: policy stories per region per day, as stacked bars, in a few hundred bytes of
/// inline SVG (no script, no external font or file). The five regions with most policy stories get their
/// own colour; the rest are stacked as "others". At most the last 14 days are drawn.
struct PolicyChart {
    static let palette = ["#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#6b7280"]
    static let maxDays = 14

    var timeZone: TimeZone

    /// Policy stories per day (in `timeZone`) per region name, and per region.
    private var counts: [String: [String: Int]] = [:]
    private var totals: [String: Int] = [:]

    init(timeZone: TimeZone) { self.timeZone = timeZone }

    /// Counts `e` when it is policy, under `region` (its digest region's name).
    mutating func add(_ e: ExportEntry, region: String) {
        guard e.isPolicy else { return }
        counts[LocalTime.day(e.time, timeZone), default: [:]][region, default: 0] += 1
        totals[region, default: 0] += 1
    }

    func render() -> String {
        guard !totals.isEmpty else { return "<p class=\"muted\">No policy stories in this selection.</p>" }
        let days = Array(allDays(from: counts.keys.min()!, to: counts.keys.max()!).suffix(Self.maxDays))
        var series = totals.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
        let others = series.count > 5 ? Set(series.dropFirst(5)) : []
        series = Array(series.prefix(5)) + (others.isEmpty ? [] : ["others"])
        func value(_ day: String, _ s: String) -> Int {
            s == "others" ? others.reduce(0) { $0 + (counts[day]?[$1] ?? 0) } : counts[day]?[s] ?? 0
        }
        let maxTotal = max(1, days.map { d in series.reduce(0) { $0 + value(d, $1) } }.max() ?? 1)

        let width = 360.0, plotTop = 12.0, plotBottom = 132.0, left = 30.0, right = 8.0
        let legendRows = (series.count + 1) / 2
        let height = plotBottom + 22 + Double(legendRows) * 16
        let slot = (width - left - right) / Double(days.count)
        let bar = max(2, min(28, slot * 0.7))
        let scale = (plotBottom - plotTop) / Double(maxTotal)

        var svg = """
            <svg class="chart" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-labelledby="chart-title" \
            xmlns="http://www.w3.org/2000/svg" font-family="system-ui,sans-serif" font-size="10">
            <title id="chart-title">Policy stories per region per day</title>
            <line x1="\(f(left))" y1="\(f(plotBottom))" x2="\(f(width - right))" y2="\(f(plotBottom))" stroke="#999"/>
            <text x="\(f(left - 4))" y="\(f(plotTop + 4))" text-anchor="end" fill="currentColor">\(maxTotal)</text>
            <text x="\(f(left - 4))" y="\(f(plotBottom))" text-anchor="end" fill="currentColor">0</text>

            """
        let labelEvery = max(1, Int((Double(days.count) / 7).rounded(.up)))
        for (i, day) in days.enumerated() {
            let x = left + slot * Double(i) + (slot - bar) / 2
            var y = plotBottom
            for (k, s) in series.enumerated() {
                let n = value(day, s)
                guard n > 0 else { continue }
                let h = Double(n) * scale
                y -= h
                svg += "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(bar))\" height=\"\(f(h))\" fill=\"\(Self.palette[k])\">"
                svg += "<title>\(Escape.xml(s)) \(day.suffix(5)): \(n)</title></rect>\n"
            }
            if i % labelEvery == 0 || i == days.count - 1 {
                svg += "<text x=\"\(f(x + bar / 2))\" y=\"\(f(plotBottom + 12))\" text-anchor=\"middle\" fill=\"currentColor\">\(day.suffix(5))</text>\n"
            }
        }
        for (k, s) in series.enumerated() {
            let x = left + Double(k % 2) * 165
            let y = plotBottom + 22 + Double(k / 2) * 16
            svg += "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"10\" height=\"10\" fill=\"\(Self.palette[k])\"/>"
            svg += "<text x=\"\(f(x + 14))\" y=\"\(f(y + 9))\" fill=\"currentColor\">\(Escape.xml(s)) (\(s == "others" ? others.reduce(0) { $0 + totals[$1]! } : totals[s]!))</text>\n"
        }
        return svg + "</svg>"
    }

    /// Every `YYYY-MM-DD` from `first` to `last`, so that quiet days show as gaps.
    func allDays(from first: String, to last: String) -> [String] {
        func days(_ s: String) -> Int64? {
            let p = s.split(separator: "-").compactMap { Int64($0) }
            return p.count == 3 ? ISODate.days(year: p[0], month: p[1], day: p[2]) : nil
        }
        guard let a = days(first), let b = days(last), b >= a else { return [first] }
        return (a...b).map { d in
            LocalTime.day(Date(timeIntervalSince1970: Double(d * 86400)), TimeZone(identifier: "UTC")!)
        }
    }

    private func f(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}
