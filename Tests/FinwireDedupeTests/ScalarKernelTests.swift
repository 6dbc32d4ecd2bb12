import Foundation
import FinwireTestSupport
import Testing

@testable import FinwireDedupe

/// The figures, dates and document numbers are read from scalars decoded once per article. Each kernel must
/// give what the String-walking version it replaced gave: those versions are kept here as the reference.
@Suite("Scalar kernels")
struct ScalarKernelTests {
    /// Texts with figures, dates and document numbers in every form the kernels know, and the pair set's
    /// articles (real-looking Chinese finance text).
    static func texts() throws -> [String] {
        var out = [
            "浙政办发〔2021〕36号 银发[2024]12号 国发（2023）5号 根据浙政办发〔2021〕第7号和财税［2022］123456号",
            "财联社6月18日电，某市6月17日突发大火。2024年5月，2025年11月9日，１２月３日，湖州讯 5月3日讯",
            "跌幅扩大至4%，涨8％，12.5%，3.，1,200.50元，０.５，7.7.7，1.2.",
            "年月日 12年 3月 4日 5月6日电 2024年 2024年5月 9", "", "号", "（2021）号 〔202〕1号 A〔2021〕1号",
        ]
        for line in try Fixture.string("dedupe/pairs.jsonl").split(separator: "\n") {
            guard let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
            for side in ["a", "b"] {
                guard let a = obj[side] as? [String: Any] else { continue }
                out.append("\(a["title"] as? String ?? "")\n\(a["text"] as? String ?? "")")
            }
        }
        return out
    }

    @Test("Figures, dates and document numbers from scalars equal the String-walking reference")
    func kernelsMatchReference() throws {
        let all = try Self.texts()
        #expect(all.count > 300)
        for t in all {
            let s = FeatureExtractor.scalars(t)
            #expect(FeatureExtractor.numbers(in: s) == Reference.numbers(in: t), "\(t.prefix(40))")
            #expect(FeatureExtractor.dates(in: s) == Reference.dates(in: t), "\(t.prefix(40))")
            #expect(FeatureExtractor.docNumbers(in: s) == Reference.docNumbers(in: t), "\(t.prefix(40))")
        }
    }
}

/// The String-walking kernels as they were before the scalar ones (stop 27).
private enum Reference {
    static func numbers(in text: String) -> [String] {
        var found = Set<String>()
        var cur = String.UnicodeScalarView()
        var digits = 0
        func flush(percent: Bool = false) {
            if cur.last == "." { cur.removeLast() }
            if digits >= 2 || cur.contains(".") || percent { found.insert(String(cur) + (percent && digits < 2 ? "%" : "")) }
            cur = String.UnicodeScalarView()
            digits = 0
        }
        for u in text.unicodeScalars {
            var v = u.value
            if v >= 0xFF10 && v <= 0xFF19 { v -= 0xFEE0 }
            if v >= 48 && v <= 57 {
                cur.append(Unicode.Scalar(v)!)
                digits += 1
            } else if v == 46 && !cur.isEmpty {
                cur.append(".")
            } else if !cur.isEmpty {
                flush(percent: v == 37 || v == 0xFF05)
            }
        }
        if !cur.isEmpty { flush() }
        return found.sorted()
    }

    static func dates(in text: String) -> [String] {
        var found = Set<String>()
        var digits = ""
        var year: String?
        var month: String?
        var yearMonth: String?
        func commitYearMonth() {
            if let ym = yearMonth { found.insert(ym) }
            yearMonth = nil
        }
        var pendingDay: String?
        for u in text.unicodeScalars {
            if let d = pendingDay {
                if u != "电" && u != "讯" { found.insert(d) }
                pendingDay = nil
            }
            var v = u.value
            if v >= 0xFF10 && v <= 0xFF19 { v -= 0xFEE0 }
            if v >= 48 && v <= 57 {
                digits.unicodeScalars.append(Unicode.Scalar(v)!)
                continue
            }
            if !digits.isEmpty && u == "年" {
                commitYearMonth()
                year = digits
                month = nil
            } else if !digits.isEmpty && u == "月" {
                commitYearMonth()
                month = digits
                yearMonth = year.map { "\($0)-\(digits)" }
                year = nil
            } else if !digits.isEmpty && u == "日", let m = month {
                pendingDay = "\(m)-\(digits)"
                yearMonth = nil
                month = nil
                digits = ""
                continue
            } else {
                commitYearMonth()
                year = nil
                month = nil
            }
            digits = ""
        }
        commitYearMonth()
        if let d = pendingDay { found.insert(d) }
        return found.sorted()
    }

    static let issuerStops: Set<Unicode.Scalar> = ["号", "和", "及", "与", "据", "照", "的", "即", "见", "按", "依", "是", "为", "在", "将", "了"]

    static func docNumbers(in text: String) -> [String] {
        guard text.contains("号") else { return [] }
        let scalars = Array(text.unicodeScalars)
        var found = Set<String>()
        let open: Set<UInt32> = [0x3014, 0x5B, 0x3010, 0xFF08, 0x28, 0xFF3B]
        let close: Set<UInt32> = [0x3015, 0x5D, 0x3011, 0xFF09, 0x29, 0xFF3D]
        var i = 0
        while i < scalars.count {
            guard open.contains(scalars[i].value) else { i += 1; continue }
            var j = i + 1
            var year = ""
            while j < scalars.count, year.count < 4, scalars[j].properties.numericType != nil, scalars[j].isASCII {
                year.unicodeScalars.append(scalars[j])
                j += 1
            }
            guard year.count == 4, j < scalars.count, close.contains(scalars[j].value) else { i += 1; continue }
            j += 1
            if j < scalars.count, scalars[j] == "第" { j += 1 }
            var num = ""
            while j < scalars.count, scalars[j].isASCII, scalars[j].properties.numericType != nil, num.count < 5 {
                num.unicodeScalars.append(scalars[j])
                j += 1
            }
            guard !num.isEmpty, j < scalars.count, scalars[j] == "号" else { i += 1; continue }
            var k = i
            while k > 0, i - k < 8, (0x4E00...0x9FFF).contains(scalars[k - 1].value), !issuerStops.contains(scalars[k - 1]) {
                k -= 1
            }
            guard k < i else { i += 1; continue }
            var issuer = String.UnicodeScalarView()
            issuer.append(contentsOf: scalars[k..<i])
            found.insert("\(String(issuer))〔\(year)〕\(num)号")
            i = j + 1
        }
        return found.sorted()
    }
}
