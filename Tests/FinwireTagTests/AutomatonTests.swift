import FinwireTag
import Testing

@Suite("Aho-Corasick automaton")
struct AutomatonTests {
    func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

    @Test("Finds every occurrence, overlapping ones included, and resolves leftmost-longest")
    func matches() {
        let patterns = ["杭州", "杭州银行", "州银", "银行", "he", "she", "hers", "𠀋x"]
        let a = Automaton(patterns: patterns.map(scalars))
        let text = scalars("杭州银行和ushers在𠀋x")
        let all = a.allMatches(in: text).map { patterns[Int($0.pattern)] }
        #expect(Set(all) == ["杭州", "杭州银行", "州银", "银行", "he", "she", "hers", "𠀋x"])
        let lm = a.leftmostLongest(in: text).map { patterns[Int($0.pattern)] }
        #expect(lm == ["杭州银行", "she", "𠀋x"])
    }

    @Test("No patterns, no matches; a text with no hits costs nothing")
    func empty() {
        let a = Automaton(patterns: [])
        #expect(a.allMatches(in: scalars("任何文本")).isEmpty)
        let b = Automaton(patterns: [scalars("浙江")])
        #expect(b.allMatches(in: []).isEmpty)
        #expect(b.allMatches(in: scalars("江浙")).isEmpty)
    }
}
