@testable import FinwireTag
import FinwireTestSupport
import Foundation
import Testing

@Suite("Stored tag JSON")
struct TagJSONTests {
    static func encoderJSON(_ r: TagResult) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try e.encode(r), as: UTF8.self)
    }

    /// The hand-written writer must store exactly what `JSONEncoder` stored before it: exports, `tag --json`
    /// and databases written by earlier releases all read the same bytes.
    @Test("Every authored article's tags are written byte for byte as JSONEncoder writes them")
    func sameBytesAsTheEncoder() throws {
        let items = try TagEvaluator.load(jsonl: try Fixture.string("tagging/dev.jsonl"), source: "dev.jsonl")
        #expect(items.count >= 200)
        var withEvidence = 0
        for item in items {
            let r = sharedTagger.tag(title: item.title, text: item.text)
            if !r.regions.isEmpty && !r.agencies.isEmpty { withEvidence += 1 }
            #expect(r.jsonString() == (try Self.encoderJSON(r)), "\(item.id)")
        }
        #expect(withEvidence >= 20, "the set exercises regions and agencies with evidence")
    }

    @Test("Quotes, backslashes, control characters, slashes and odd numbers are escaped as the encoder does")
    func escapesAndNumbers() throws {
        var r = TagResult()
        r.regions = [
            RegionTag(
                code: "330000", name: "浙\"江\\", level: "province", score: 1,
                evidence: [Evidence(field: "text", offset: 7, match: "a/b\u{8}\u{c}\n\r\t\u{1}\u{1f}\u{2028}", rule: "r")])
        ]
        r.topics = [SimpleTag(id: "green", name: "绿色", score: 0.30000000000000004, evidence: [])]
        r.kindScores = ["policy": 1e-7, "data": 0.5, "other": 0]
        r.kindEvidence = ["w:\"x\""]
        r.policyScore = 2.5e20
        r.isPolicy = true
        r.kind = .policy
        #expect(r.jsonString() == (try Self.encoderJSON(r)))
        let back = try JSONDecoder().decode(TagResult.self, from: Data(r.jsonString().utf8))
        #expect(back == r)
    }

    @Test func theTagReaderReadsWhatJSONDecoderReads() throws {
        let tagger = Tagger()
        let texts = [
            ("浙江发布金融支持山区26县跨越式高质量发展方案", "浙江银保监局、人民银行杭州中心支行联合印发《方案》，衢州市、丽水市普惠贷款余额增长。"),
            ("央行开展1000亿元逆回购操作", "中国人民银行今日开展公开市场操作。"),
            ("沪指收涨", ""),
        ]
        var results = texts.map { tagger.tag(title: $0.0, text: $0.1) }
        var odd = TagResult()
        odd.custom = [SimpleTag(id: "q\"uote\\", name: "换行\n制表\t控制\u{1}\u{1F600}/", score: 0.5, evidence: [
            Evidence(field: "title", offset: 3, match: "\u{2028}x", rule: "r")
        ])]
        odd.kindScores = ["policy": 0.25, "other": 1e-7]
        odd.kindEvidence = ["a", "b"]
        results.append(odd)
        #expect(results.contains { !$0.regions.isEmpty })
        for r in results {
            let json = r.jsonString()
            let fast = try #require(TagJSON.decode(json), "\(json)")
            let slow = try JSONDecoder().decode(TagResult.self, from: Data(json.utf8))
            #expect(fast == slow)
        }
        // What it does not expect goes to JSONDecoder: a stored result from before kinds, an unknown key.
        #expect(TagJSON.decode(#"{"is_policy":true,"policy_score":0.9}"#)?.kind == .policy)
        #expect(TagJSON.decode(#"{"future_key":1}"#) == nil)
        #expect(TagResult.decode(#"{"future_key":1}"#) == TagResult())
        #expect(TagResult.decode("not json") == nil)
    }
}
