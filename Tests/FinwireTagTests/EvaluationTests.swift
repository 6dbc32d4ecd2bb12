import FinwireTag
import FinwireTestSupport
import Testing

@Suite("Tagging development set")
struct EvaluationTests {
    /// A regression guard on the labeled set in Tests/Fixtures/tagging: the goals the issue sets. The
    /// figures themselves are reported by `finwire tag --evaluate` (see BENCHMARKS.md).
    @Test("Region precision ≥ 0.95, recall ≥ 0.90, is_policy F1 ≥ 0.90 on the development set")
    func developmentSet() throws {
        let items = try TagEvaluator.load(jsonl: try Fixture.string("tagging/dev.jsonl"), source: "dev.jsonl")
        #expect(items.count >= 200)
        let r = TagEvaluator(tagger: sharedTagger).evaluate(items)
        #expect(r.regions.precision >= 0.95)
        #expect(r.regions.recall >= 0.90)
        #expect(r.policy.f1 >= 0.90)
    }
}
