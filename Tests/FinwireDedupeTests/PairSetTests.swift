import FinwireDedupe
import FinwireTestSupport
import Testing

@Suite("Labeled pair set")
struct PairSetTests {
    /// A regression guard on Tests/Fixtures/dedupe/pairs.jsonl at the goals; `finwire dedupe
    /// --evaluate` prints the figures (BENCHMARKS.md).
    @Test("Precision ≥ 0.99 and recall ≥ 0.95 of 'same story'")
    func pairs() throws {
        let r = try PairEvaluator().evaluate(jsonl: try Fixture.string("dedupe/pairs.jsonl"), source: "pairs.jsonl")
        #expect(r.pairs >= 300)
        #expect(r.precision >= 0.99)
        #expect(r.recall >= 0.95)
    }
}
