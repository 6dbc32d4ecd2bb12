import FinwireDedupe
import FinwireTag
import FinwireTestSupport
import Testing

@Suite("Labeled pair set")
struct PairSetTests {
    /// A regression guard on Tests/Fixtures/dedupe/pairs.jsonl at the goals, judged as the ingest
    /// path judges (the tagger's regions for the places veto, its table to fold traditional text);
    /// `finwire dedupe --evaluate` prints the figures (BENCHMARKS.md).
    @Test("Precision ≥ 0.99 and recall ≥ 0.95 of 'same story'")
    func pairs() throws {
        let tagger = Tagger()
        let evaluator = PairEvaluator(
            extractor: FeatureExtractor(fold: { TextNormalizer.bundled.fold($0) }),
            regions: { Set(tagger.tag(title: $0, text: $1).regions.map(\.code)) })
        let r = try evaluator.evaluate(jsonl: try Fixture.string("dedupe/pairs.jsonl"), source: "pairs.jsonl")
        #expect(r.pairs >= 300)
        #expect(r.precision >= 0.99)
        #expect(r.recall >= 0.95)
    }
}
