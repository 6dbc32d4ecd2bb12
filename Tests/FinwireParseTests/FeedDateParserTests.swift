import FinwireModel
import FinwireParse
import Foundation
import Testing

@Suite struct FeedDateParserTests {
    static let china = FeedDateParser(timeZone: TimeZone(identifier: "Asia/Shanghai")!)
    static let utc = FeedDateParser(timeZone: TimeZone(identifier: "UTC")!)

    @Test(arguments: [
        ("Tue, 09 Nov 2021 19:00:34 +0800", "2021-11-09T11:00:34Z"),
        ("Tue, 09 Nov 2021 19:00:34 GMT", "2021-11-09T19:00:34Z"),
        ("09 Nov 2021 19:00:34 +0000", "2021-11-09T19:00:34Z"),  // no weekday
        ("Tue, 09 Nov 2021 19:00 +0800", "2021-11-09T11:00:00Z"),  // no seconds
        ("Tue, 09 Nov 21 19:00:34 GMT", "2021-11-09T19:00:34Z"),  // 2-digit year
        ("Mon, 09 Nov 2021 19:00:34 GMT", "2021-11-09T19:00:34Z"),  // wrong weekday
        ("Tue, 09 Nov 2021 19:00:34 GMT+8", "2021-11-09T11:00:34Z"),
        ("Tue, 09 Nov 2021 19:00:34 +08:00", "2021-11-09T11:00:34Z"),
        ("Tue, 9 November 2021 19:00:34 EST", "2021-11-10T00:00:34Z"),
        ("2021-11-09T19:00:34+08:00", "2021-11-09T11:00:34Z"),
        ("2021-11-09T11:00:34Z", "2021-11-09T11:00:34Z"),
        ("2021-11-09T11:00:34.250Z", "2021-11-09T11:00:34Z"),
        ("2021-11-09", "2021-11-08T16:00:00Z"),  // a day in Beijing
        ("2021-11-09 19:00:34", "2021-11-09T11:00:34Z"),
        ("2021/11/9 19:00", "2021-11-09T11:00:00Z"),
        ("2021年11月09日 19:00", "2021-11-09T11:00:00Z"),
        ("1636455634", "2021-11-09T11:00:34Z"),
        ("1636455634000", "2021-11-09T11:00:34Z"),
    ])
    func readsInChina(raw: String, expected: String) {
        #expect(Self.china.parse(raw).map(ISODate.string) == expected)
    }

    @Test func cstMeansBeijingOnlyForChineseFeeds() {
        #expect(Self.china.parse("Tue, 09 Nov 2021 19:00:34 CST").map(ISODate.string) == "2021-11-09T11:00:34Z")
        #expect(Self.utc.parse("Tue, 09 Nov 2021 19:00:34 CST").map(ISODate.string) == "2021-11-10T01:00:34Z")
    }

    @Test(arguments: ["", "not a date", "2021-13-45", "Tue, 32 Foo 2021"])
    func rejectsNonsense(raw: String) {
        #expect(Self.china.parse(raw) == nil)
    }

    /// The canonical forms are read by a byte-position fast path; the same instants written one byte
    /// differently (a one-digit day, a space before the zone) go through the general scanner and must agree.
    @Test(arguments: [
        ("Sat, 01 Jun 2024 06:39:00 +0800", "Sat, 1 Jun 2024 06:39:00 +0800"),
        ("Sun, 31 Dec 2023 23:59:59 -0530", "Sun,  31 Dec 2023 23:59:59 -0530"),
        ("Mon, 29 Feb 2016 00:00:00 GMT", "Mon, 29 Feb 2016 00:00:00  GMT"),
        ("2024-06-01T06:39:00+08:00", "2024-06-01T06:39:00.0+08:00"),
        ("1999-12-31T16:00:00Z", "1999-12-31T16:00:00.000Z"),
        ("2024-02-30T10:00:00-04:30", "2024-02-30T10:00:00.0-04:30"),
    ])
    func canonicalFastPathAgreesWithTheScanner(canonical: String, variant: String) {
        for parser in [Self.china, Self.utc] {
            let fast = parser.parse(canonical)
            #expect(fast != nil)
            #expect(fast == parser.parse(variant))
        }
    }

    @Test func canonicalLookingButImpossibleDatesAreNotGuessed() {
        #expect(Self.utc.parse("2024-13-01T06:39:00+08:00") == nil)
    }
}
