import FinwireModel
import Foundation

/// IMF-fixdate (RFC 9110 §5.6.7), e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
enum HTTPDate {
    /// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), also without the weekday; nil otherwise.
    static func parse(_ s: String) -> Date? {
        let parts = s.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        let fields = parts.count == 6 ? Array(parts.dropFirst()) : parts
        guard fields.count == 5, let day = Int64(fields[0]), let year = Int64(fields[2]),
            let monthIndex = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
                .firstIndex(of: fields[1].lowercased().prefix(3).description),
            fields[4].uppercased() == "GMT" || fields[4].uppercased() == "UTC"
        else { return nil }
        let hms = fields[3].split(separator: ":").compactMap { Int64($0) }
        guard hms.count == 3 else { return nil }
        let days = ISODate.days(year: year, month: Int64(monthIndex + 1), day: day)
        return Date(timeIntervalSince1970: Double(days * 86400 + hms[0] * 3600 + hms[1] * 60 + hms[2]))
    }

    static func string(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let rem = seconds - days * 86400
        let (y, m, d) = ISODate.civil(fromDays: days)
        let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][Int(((days % 7) + 7) % 7)]
        let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][Int(m - 1)]
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(weekday), \(two(d)) \(month) \(y) \(two(rem / 3600)):\(two(rem % 3600 / 60)):\(two(rem % 60)) GMT"
    }
}
