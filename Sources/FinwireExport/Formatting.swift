import FinwireModel
import Foundation

/// Escaping and date rendering shared by the formats. No DateFormatter: it costs ~45 µs a call on Linux and
/// its output depends on the machine's locale data. Public for the live view, which escapes as the HTML
/// digest does.
public enum Escape {
    /// Text for HTML and XML content and attribute values. Characters XML 1.0 forbids (C0 controls other
    /// than tab, newline and carriage return; U+FFFE, U+FFFF) are dropped, so the output always parses.
    public static func xml(_ s: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(s.unicodeScalars.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF || (0x7F...0x9F).contains(u.value) {
                    continue
                }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// Inline Markdown text: punctuation that could start markup is backslash-escaped, `<` and `&` become
    /// entities (so no raw HTML reaches a renderer), line breaks become spaces.
    static func markdown(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            // `(`, `)` and `!` only matter after `]`, which is escaped; leaving them keeps the source readable.
            case "\\", "`", "*", "_", "[", "]", "#", "|", "~": out += "\\" + String(u)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\n", "\r", "\t": out += " "
            default: if u.value >= 0x20 { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

    /// A link target we are willing to write: http and https only (no `javascript:`, `data:`, `file:`…),
    /// without white space or control characters; nil otherwise.
    public static func safeURL(_ raw: String?) -> String? {
        guard let raw else { return nil }
        let t = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) else { return nil }
        let lower = t.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), let url = URL(string: t), url.host != nil
        else { return nil }
        return t
    }

    /// Removes `<img …>` tags from HTML that has already been sanitized (so tags are well formed): the HTML
    /// digest is self-contained and its Content-Security-Policy would block remote images anyway.
    static func removingImages(_ html: String) -> String {
        guard html.contains("<img") else { return html }
        var out = ""
        var rest = Substring(html)
        while let r = rest.range(of: "<img") {
            out += rest[..<r.lowerBound]
            guard let end = rest[r.upperBound...].firstIndex(of: ">") else {
                rest = ""
                break
            }
            rest = rest[rest.index(after: end)...]
        }
        return out + rest
    }
}

/// Dates as readers see them, in a time zone.
enum LocalTime {
    /// Year, month, day, hour, minute, second of `date` in `zone`.
    static func parts(_ date: Date, _ zone: TimeZone) -> (y: Int64, mo: Int64, d: Int64, h: Int64, mi: Int64, s: Int64) {
        let local = Int64(date.timeIntervalSince1970.rounded(.down)) + Int64(zone.secondsFromGMT(for: date))
        var days = local / 86400
        var rem = local % 86400
        if rem < 0 {
            rem += 86400
            days -= 1
        }
        let (y, m, d) = ISODate.civil(fromDays: days)
        return (y, m, d, rem / 3600, rem % 3600 / 60, rem % 60)
    }

    static func pad(_ v: Int64, _ width: Int = 2) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// `2021-11-09`
    static func day(_ date: Date, _ zone: TimeZone) -> String {
        let p = parts(date, zone)
        return "\(pad(p.y, 4))-\(pad(p.mo))-\(pad(p.d))"
    }

    /// `2021-11-09 19:00`
    static func minute(_ date: Date, _ zone: TimeZone) -> String {
        let p = parts(date, zone)
        return "\(pad(p.y, 4))-\(pad(p.mo))-\(pad(p.d)) \(pad(p.h)):\(pad(p.mi))"
    }

    /// `11-09 19:00`, for entries inside a dated digest.
    static func short(_ date: Date, _ zone: TimeZone) -> String {
        let p = parts(date, zone)
        return "\(pad(p.mo))-\(pad(p.d)) \(pad(p.h)):\(pad(p.mi))"
    }

    /// ISO 8601 with the zone's offset: `2021-11-09T19:00:34+08:00`.
    static func iso(_ date: Date, _ zone: TimeZone) -> String {
        let p = parts(date, zone)
        let offset = zone.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        let o = Int64(abs(offset))
        return "\(pad(p.y, 4))-\(pad(p.mo))-\(pad(p.d))T\(pad(p.h)):\(pad(p.mi)):\(pad(p.s))\(sign)\(pad(o / 3600)):\(pad(o % 3600 / 60))"
    }

    /// RFC 822 (as RFC 1123 writes it) in GMT: `Tue, 09 Nov 2021 11:00:34 GMT`.
    static func rfc822(_ date: Date) -> String {
        let p = parts(date, TimeZone(identifier: "UTC")!)
        let days = Int64(date.timeIntervalSince1970.rounded(.down)).floorDiv(86400)
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let wd = weekdays[Int(((days + 4) % 7 + 7) % 7)]  // 1970-01-01 was a Thursday
        return "\(wd), \(pad(p.d)) \(months[Int(p.mo) - 1]) \(pad(p.y, 4)) \(pad(p.h)):\(pad(p.mi)):\(pad(p.s)) GMT"
    }
}

extension Int64 {
    fileprivate func floorDiv(_ d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
