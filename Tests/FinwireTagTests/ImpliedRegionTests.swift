import FinwireTag
import Testing

/// Names that stand for a place without naming it (`implied_regions.tsv`): Hong Kong outlets write about
/// 發展局 and 居屋 and never write 香港, and the labels read those items as Hong Kong's.
@Suite("Implied regions: Hong Kong and Macau bodies, districts and landmarks")
struct ImpliedRegionTests {
    let tagger = sharedTagger

    func proposed(_ title: String, _ text: String) -> Set<String> {
        Set(tagger.features(title: title, text: text).regions.map(\.code))
    }

    @Test("An RTHK headline about 發展局 is Hong Kong's, with the rule and the span as evidence")
    func developmentBureau() throws {
        let r = tagger.tag(
            title: "發展局邀請市場就北都三個片區開發試點 明年3月底前交意向書",
            text: "發展局邀請市場就北部都會區三個「片區開發」試點提交意向書，以敲定日後公開招標的細節和條款。")
        let hk = try #require(r.regions.first { $0.code == "810000" })
        #expect(hk.evidence.contains { $0.rule == "implied" && $0.field == "title" && $0.match == "发展局" })
        #expect(hk.evidence.contains { $0.rule == "implied" && $0.match == "北部都会区" })
    }

    @Test("A name both SARs use goes to the one the article names: 特區政府 after 澳門 is Macau's")
    func sharedSARNames() {
        let macau = proposed("岑浩輝發表元旦賀詞", "澳門行政長官岑浩輝表示，特區政府在新一年將團結帶領全體市民。")
        #expect(macau.contains("820000"))
        #expect(!macau.contains("810000"))
        #expect(proposed("特區政府公布施政報告", "特區政府今日公布施政報告。") == ["810000"])
        // Macau's 經濟財政司司長 outranks Hong Kong's 財政司司長 inside it by longest match.
        #expect(!proposed("", "經濟財政司司長李偉農表示，澳門經濟持續復蘇。").contains("810000"))
    }

    @Test("Organisation names, mainland bodies and ordinary words imply nothing")
    func noFalseImplication() {
        #expect(proposed("杭州銀行股價漲超5%", "杭州銀行午後漲超5%，成交額突破10億元。").isEmpty)
        let csrc = tagger.tag(
            title: "证监会对某上市公司立案调查", text: "证监会表示，因涉嫌信息披露违法违规，决定对公司立案调查。")
        #expect(!csrc.regions.contains { $0.code == "810000" })
        #expect(!proposed("", "某区经济发展局推动民居屋顶光伏建设，新界面上线。").contains("810000"))
    }
}
