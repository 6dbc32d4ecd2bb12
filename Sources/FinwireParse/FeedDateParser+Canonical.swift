import FinwireModel
import Foundation

/// The two forms nearly every feed writes — RFC 1123 `Sat, 01 Jun 2024 06:39:00 +0800` (or `GMT`) and
/// RFC 3339 `2024-06-01T06:39:00+08:00` (or `Z`) — read straight from UTF-8 bytes at fixed positions. The
/// general scanner handles everything else (and these too, at several times the cost: it builds scalar arrays
/// and looks words up by hashing). Only forms with an explicit numeric or UTC zone are taken here, so the
/// feed's time zone and the meaning of `CST` never come into it.
extension FeedDateParser {
    func parseCanonical(_ raw: String) -> Date?? {
        var raw = raw
        return raw.withUTF8 { b -> Date?? in
            switch b.count {
            case 29, 31: return rfc1123(b)
            case 20, 25: return rfc3339(b)
            default: return .none
            }
        }
    }

    private func digits(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ n: Int) -> Int64? {
        var v: Int64 = 0
        for i in at..<at + n {
            let d = b[i] &- 0x30
            guard d < 10 else { return nil }
            v = v * 10 + Int64(d)
        }
        return v
    }

    /// `Www, DD Mmm YYYY HH:MM:SS +HHMM` (31 bytes) or `… GMT` (29 bytes).
    private func rfc1123(_ b: UnsafeBufferPointer<UInt8>) -> Date?? {
        guard b[3] == 0x2C, b[4] == 0x20, b[7] == 0x20, b[11] == 0x20, b[16] == 0x20, b[19] == 0x3A, b[22] == 0x3A,
            b[25] == 0x20, FeedDateParser.canonicalWeekdays.contains(word(b, 0)),
            let month = FeedDateParser.canonicalMonths[word(b, 8)],
            let day = digits(b, 5, 2), let year = digits(b, 12, 4), let h = digits(b, 17, 2), let m = digits(b, 20, 2),
            let s = digits(b, 23, 2), h < 24, m < 60, s < 61
        else { return .none }
        let offset: Int
        if b.count == 29 {
            guard b[26] == UInt8(ascii: "G"), b[27] == UInt8(ascii: "M"), b[28] == UInt8(ascii: "T") else { return .none }
            offset = 0
        } else {
            guard b[26] == 0x2B || b[26] == 0x2D, let z = digits(b, 27, 4), z % 100 < 60, z / 100 <= 14 else { return .none }
            offset = (b[26] == 0x2D ? -1 : 1) * Int(z / 100 * 60 + z % 100)
        }
        return .some(canonicalDate(year: year, month: month, day: day, seconds: h * 3600 + m * 60 + s, offset: offset))
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` (20 bytes) or `…±HH:MM` (25 bytes).
    private func rfc3339(_ b: UnsafeBufferPointer<UInt8>) -> Date?? {
        guard b[4] == 0x2D, b[7] == 0x2D, b[10] == UInt8(ascii: "T"), b[13] == 0x3A, b[16] == 0x3A,
            let year = digits(b, 0, 4), let month = digits(b, 5, 2), let day = digits(b, 8, 2), let h = digits(b, 11, 2),
            let m = digits(b, 14, 2), let s = digits(b, 17, 2), h < 24, m < 60, s < 61
        else { return .none }
        let offset: Int
        if b.count == 20 {
            guard b[19] == UInt8(ascii: "Z") else { return .none }
            offset = 0
        } else {
            guard b[19] == 0x2B || b[19] == 0x2D, b[22] == 0x3A, let zh = digits(b, 20, 2), let zm = digits(b, 23, 2),
                zh <= 14, zm < 60
            else { return .none }
            offset = (b[19] == 0x2D ? -1 : 1) * Int(zh * 60 + zm)
        }
        return .some(canonicalDate(year: year, month: month, day: day, seconds: h * 3600 + m * 60 + s, offset: offset))
    }

    /// The same validity rules as the general scanner's `makeDate` (an impossible date is nil, not a guess).
    private func canonicalDate(year: Int64, month: Int64, day: Int64, seconds: Int64, offset: Int) -> Date? {
        guard (1...12).contains(month), (1...31).contains(day), year > 0, year < 10000 else { return nil }
        let local = ISODate.days(year: year, month: month, day: day) * 86400 + seconds
        return Date(timeIntervalSince1970: Double(local - Int64(offset) * 60))
    }

    /// Three ASCII bytes as one number, for table lookups without building a String.
    private func word(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32 {
        UInt32(b[at]) << 16 | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2])
    }

    private static func code(_ s: String) -> UInt32 {
        let u = Array(s.utf8)
        return UInt32(u[0]) << 16 | UInt32(u[1]) << 8 | UInt32(u[2])
    }
    static let canonicalWeekdays: Set<UInt32> = Set(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].map(code))
    static let canonicalMonths: [UInt32: Int64] = Dictionary(
        uniqueKeysWithValues: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            .enumerated().map { (code($1), Int64($0 + 1)) })
}
