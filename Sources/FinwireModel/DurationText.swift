import Foundation

/// Durations and instants as people type them on a command line or in config.json.
public enum DurationText {
    /// "90", "90s", "15m", "24h", "7d", "2w" → seconds; nil when not a duration.
    public static func seconds(_ s: String) -> Int? {
        let t = s.trimmingCharacters(in: .whitespaces).lowercased()
        guard let unit = t.last else { return nil }
        let multipliers: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800]
        if let m = multipliers[unit], let n = Int(t.dropLast()), n >= 0 { return n * m }
        return Int(t)
    }

    /// A duration back from `now` ("24h"), or a date: `2026-11-01`, `2026-11-01T08:00:00+08:00`,
    /// `2026-11-01 08:00` (read in `timeZone`).
    public static func instant(_ s: String, now: Date = Date(), timeZone: TimeZone) -> Date? {
        let t = s.trimmingCharacters(in: .whitespaces)
        if let last = t.last, last.isLetter, let secs = seconds(t) {
            return now.addingTimeInterval(-Double(secs))
        }
        return DateText.parse(t, timeZone: timeZone)
    }
}

/// `YYYY-MM-DD[( |T)HH:MM[:SS]][Z|±HH:MM]`, the date forms the CLI accepts.
public enum DateText {
    public static func parse(_ s: String, timeZone: TimeZone) -> Date? {
        let scalars = Array(s.unicodeScalars)
        var i = 0
        func num(_ n: Int) -> Int? {
            guard i + n <= scalars.count else { return nil }
            var v = 0
            for k in 0..<n {
                let c = scalars[i + k].value
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            i += n
            return v
        }
        func eat(_ c: Unicode.Scalar) -> Bool {
            if i < scalars.count, scalars[i] == c {
                i += 1
                return true
            }
            return false
        }
        guard let y = num(4), eat("-"), let mo = num(2), eat("-"), let d = num(2), (1...12).contains(mo),
            (1...31).contains(d)
        else { return nil }
        var secs = 0
        if eat("T") || eat(" ") {
            guard let h = num(2), eat(":"), let mi = num(2) else { return nil }
            secs = h * 3600 + mi * 60
            if eat(":"), let sec = num(2) { secs += sec }
        }
        var offset: Int?
        if eat("Z") {
            offset = 0
        } else if i < scalars.count, scalars[i] == "+" || scalars[i] == "-" {
            let sign = scalars[i] == "-" ? -1 : 1
            i += 1
            guard let h = num(2) else { return nil }
            _ = eat(":")
            let m = num(2) ?? 0
            offset = sign * (h * 3600 + m * 60)
        }
        guard i == scalars.count else { return nil }
        let local = Double(ISODate.days(year: Int64(y), month: Int64(mo), day: Int64(d)) * 86400 + Int64(secs))
        if let offset { return Date(timeIntervalSince1970: local - Double(offset)) }
        let guess = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: local))
        let exact = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: local - Double(guess)))
        return Date(timeIntervalSince1970: local - Double(exact))
    }
}

extension Duration {
    /// Whole milliseconds, seconds included: `components.attoseconds` alone is only the fraction of a
    /// second, which is how `file:` fetches once reported 2.3 s as 300 ms.
    public var wholeMilliseconds: Int {
        Int(components.seconds) * 1000 + Int(components.attoseconds / 1_000_000_000_000_000)
    }
}
