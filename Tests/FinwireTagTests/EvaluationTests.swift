import FinwireTag
import FinwireTestSupport
import Foundation
import Testing

@Suite("Tagging development set")
struct EvaluationTests {
    /// A regression guard on the authored set in Tests/Fixtures/tagging (relabeled by labeling.md: regions
    /// whatever the kind, and a kind on every item). Its floors are the figures of the shipped models, not
    /// the goals: the goals are judged on the real corpus's test split (BENCHMARKS.md), since figures on
    /// self-written examples run 0.1–0.4 high. Before the learned models this set gave regions 0.948 /
    /// 0.907 and is_policy F1 0.987; the region model, fitted on real news, keeps fewer text-only counties.
    /// The refit on four real sets (2026-12-03) moved it 0.803 → 0.796 (lost 泰顺, 北京朝阳, 东北's two
    /// provinces, 宁波; gained 嘉善, 临夏州) while kind rose 0.855 → 0.880: the recall floor is 0.79.
    @Test("The authored set: regions P ≥ 0.94, R ≥ 0.79; is_policy F1 ≥ 0.95; kind accuracy ≥ 0.85")
    func developmentSet() throws {
        let items = try TagEvaluator.load(jsonl: try Fixture.string("tagging/dev.jsonl"), source: "dev.jsonl")
        #expect(items.count >= 200)
        #expect(items.allSatisfy { $0.kind != nil }, "every authored item carries a kind")
        let r = TagEvaluator(tagger: sharedTagger).evaluate(items)
        #expect(r.regions.precision >= 0.94)
        #expect(r.regions.recall >= 0.79)
        #expect(r.policy.f1 >= 0.95)
        #expect(r.kindAccuracy >= 0.85)
    }

    /// The real corpus's labels (texts are rebuilt, not committed): one per item, a known split and kind,
    /// real region codes — what `tag --evaluate` and scripts/train-tagger.py read.
    @Test func theRealLabelsAreWellFormed() throws {
        let lines = try Fixture.string("tagging/real/labels.jsonl").split(separator: "\n")
        #expect(lines.count >= 2000)
        let gazetteer = RegionQuery.bundled.gazetteer
        var ids = Set<String>()
        var splits: [String: Int] = [:]
        for line in lines {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let id = try #require(o["id"] as? String)
            #expect(ids.insert(id).inserted, "\(id) twice")
            let split = try #require(o["split"] as? String)
            splits[split, default: 0] += 1
            #expect(ArticleKind(rawValue: o["kind"] as? String ?? "") != nil, "\(id)")
            for code in o["regions"] as? [String] ?? [] { #expect(gazetteer.division(code) != nil, "\(id): \(code)") }
        }
        #expect(Set(splits.keys) == ["train", "dev", "test"])
        #expect(splits["test", default: 0] >= 400)
    }

    /// The held-out set's labels (collected and labeled after the models were fitted): one split, real codes.
    @Test func theHeldOutLabelsAreWellFormed() throws {
        let lines = try Fixture.string("tagging/real/heldout-labels.jsonl").split(separator: "\n")
        #expect(lines.count >= 400)
        let gazetteer = RegionQuery.bundled.gazetteer
        for line in lines {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(o["split"] as? String == "heldout")
            #expect(ArticleKind(rawValue: o["kind"] as? String ?? "") != nil)
            for code in o["regions"] as? [String] ?? [] { #expect(gazetteer.division(code) != nil, "\(code)") }
        }
    }

    /// The third, fourth and fifth sets (fitted beside the first): one label per item, split by outlet and week
    /// into train, dev and test, real codes, and no item shared with another set.
    @Test(arguments: ["extra-labels.jsonl", "more-labels.jsonl", "fifth-labels.jsonl"])
    func theLaterSetsAreWellFormed(file: String) throws {
        let lines = try Fixture.string("tagging/real/" + file).split(separator: "\n")
        #expect(lines.count >= 400)
        let gazetteer = RegionQuery.bundled.gazetteer
        var others = Set<String>()
        for other in ["labels.jsonl", "heldout-labels.jsonl", "extra-labels.jsonl", "more-labels.jsonl", "fifth-labels.jsonl"]
            where other != file {
            for l in try Fixture.string("tagging/real/" + other).split(separator: "\n") {
                if let o = try JSONSerialization.jsonObject(with: Data(l.utf8)) as? [String: Any], let id = o["id"] as? String { others.insert(id) }
            }
        }
        var splits: [String: Int] = [:]
        for line in lines {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let id = try #require(o["id"] as? String)
            #expect(!others.contains(id), "\(id) is in another set")
            splits[o["split"] as? String ?? "", default: 0] += 1
            #expect(ArticleKind(rawValue: o["kind"] as? String ?? "") != nil)
            for code in o["regions"] as? [String] ?? [] { #expect(gazetteer.division(code) != nil, "\(code)") }
        }
        #expect(Set(splits.keys) == ["train", "dev", "test"])
    }

    /// Many real feeds carry headlines only. A kind model that had only seen items with texts put most of
    /// them into `company`; it now learns from headline-only copies too (scripts/train-tagger.py).
    @Test("Headline-only items get their kind from the headline", arguments: [
        ("国务院办公厅关于印发《促进服务消费高质量发展意见》的通知", ArticleKind.policy),
        ("国家统计局：10月份规模以上工业增加值同比增长5.3%", .data),
        ("A股三大指数集体高开 沪指涨0.5%", .market),
    ])
    func headlinesAlone(title: String, kind: ArticleKind) {
        #expect(sharedTagger.tag(title: title, text: "").kind == kind)
    }

    /// What the shipped models say and why: probabilities that sum to one, the kind's strongest features
    /// as evidence, and each region's subject probability.
    @Test func kindsAndRegionsCarryTheirEvidence() {
        let r = sharedTagger.tag(
            title: "浙江印发金融支持山区26县跨越式高质量发展行动方案", text: "浙江省地方金融管理局印发行动方案，支持山区26县。")
        #expect(r.kind == .policy && r.isPolicy)
        #expect(abs(r.kindScores.values.reduce(0, +) - 1) < 0.01)
        #expect(!r.kindEvidence.isEmpty)
        let zj = r.regions.first { $0.code == "330000" }
        #expect(zj?.evidence.contains { $0.rule.hasPrefix("subject p=") } == true)
        let market = sharedTagger.tag(title: "A股三大指数集体收涨 沪指涨0.8%", text: "两市成交额1.2万亿元，北向资金净买入35亿元。")
        #expect(market.kind == .market && !market.isPolicy)
    }
}

@Suite struct FeatureContractTests {
    /// Serving hashes features, training reads their names (`tag --dump-features`): the two must be the
    /// same features, or a retrained model would silently score something else than it was fitted on.
    @Test func hashedFeaturesAreTheNamedOnes() {
        let title = "重庆：禁止公办普通高中招收复读生"
        let text = "重庆市教育委员会印发通知，自2026年秋季学期起，全市公办普通高中不得招收复读生，违者将被通报。"
        let tagged = sharedTagger.tag(title: title, text: text)
        let dumped = sharedTagger.features(title: title, text: text)
        let model = sharedTagger.lexicon.kindModel
        let p = model.probabilities(names: dumped.kind)
        for (i, kind) in model.classes.enumerated() {
            #expect(abs((tagged.kindScores[kind] ?? -1) - p[i]) < 0.001, "\(kind)")
        }
        let regions = sharedTagger.lexicon.regionModel
        for candidate in dumped.regions {
            let p = regions.probabilities(names: candidate.features)[0]
            let kept = tagged.regions.first { $0.code == candidate.code }
            #expect((kept != nil) == (p >= regions.threshold), "\(candidate.code)")
            if let kept { #expect(abs(kept.score - p) < 0.001) }
        }
    }
}
