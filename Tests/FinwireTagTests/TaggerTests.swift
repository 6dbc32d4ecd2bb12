import FinwireModel
@testable import FinwireTag
import FinwireTestSupport
import Foundation
import Testing

/// One tagger for the suite: building the automaton is the expensive part, tagging is pure.
let sharedTagger = Tagger()

@Suite("Tagger: regions, agencies, topics and policy")
struct TaggerTests {
    let tagger = sharedTagger

    func codes(_ r: TagResult) -> Set<String> { Set(r.regions.map(\.code)) }
    /// The places the rules propose (the region model then decides which are subjects): what the name
    /// rules — blockers, parents, longest match — are tested on.
    func proposed(_ text: String) -> Set<String> { proposed("", text) }
    func proposed(_ title: String, _ text: String) -> Set<String> {
        Set(tagger.features(title: title, text: text).regions.map(\.code))
    }
    func agencies(_ r: TagResult) -> Set<String> { Set(r.agencies.map(\.id)) }

    @Test("The seed article: Zhejiang, Quzhou, the 26 mountain counties, its regulators, topics and target")
    func seedArticle() throws {
        let html = try Fixture.string("tagging-cases/seed-article.html")
        let text = html.replacingOccurrences(of: "<[^>]+>", with: "\n", options: .regularExpression)
        let r = tagger.tag(title: "浙江支持山区26县跨越式高质量发展：力争2025年底各项贷款余额超2万亿", text: text)
        #expect(codes(r).contains("330000"))
        // 衢州 co-hosts (the labels list it); the rules propose it, but the region model, fitted on real news
        // where a once-named co-actor is rarely a subject, does not keep it (a known miss, see BENCHMARKS.md).
        #expect(proposed("浙江支持山区26县跨越式高质量发展：力争2025年底各项贷款余额超2万亿", text).contains("330800"))
        #expect(!codes(r).contains("110000"), "北京报道 is the reporter's byline, not a subject")
        #expect(r.groupings.map(\.id).contains("zj-26-mountain-counties"))
        #expect(agencies(r).isSuperset(of: ["nfra@330000", "lfb@330000"]))
        #expect(Set(r.topics.map(\.id)).isSuperset(of: ["credit", "agri", "inclusive", "green", "common_prosperity"]))
        #expect(r.hasTarget)
        #expect(r.isPolicy)
        let zj = try #require(r.regions.first { $0.code == "330000" })
        #expect(zj.evidence.contains { $0.rule == "agency" && $0.match.hasPrefix("浙江") })
    }

    @Test("A bank's share price is market noise, and 杭州银行 is no region")
    func bankSharePrice() {
        let r = tagger.tag(
            title: "杭州银行股价涨超5%，银行板块午后拉升",
            text: "杭州银行午后涨超5%，成交额突破10亿元，总市值站上千亿。宁波银行、江苏银行跟涨，银行板块主力资金净流入。")
        #expect(codes(r).isEmpty)
        #expect(!r.isPolicy)
        #expect(r.policyScore < 0.25)
    }

    @Test("A regulator's penalty in the title is enforcement; a rule about penalties stays policy")
    func enforcementByRule() {
        let penalty = tagger.tag(
            title: "四川金融监管局对某农商行开出罚单 罚款120万元",
            text: "国家金融监督管理总局四川监管局公布行政处罚信息，某农村商业银行因贷款资金被挪用、员工行为管理不到位，被罚款120万元。")
        #expect(penalty.kind == .enforcement)
        #expect(!penalty.isPolicy)
        #expect(penalty.kindEvidence.first == "rule:enforcement:罚单")
        #expect(tagger.tag(title: "深圳证监局对上元资本出具警示函", text: "").kind == .enforcement)
        let rule = tagger.tag(title: "证监会发布《行政处罚罚没款执行规定》", text: "为规范行政处罚罚没款执行工作，证监会制定本规定，自发布之日起施行。")
        #expect(rule.kind != .enforcement)
        // An action word without a regulator in the title is left to the model.
        #expect(EnforcementRule.match(title: "小区物业被罚款后整改", agencies: []) == nil)
    }

    @Test("Longest match: 海南藏族自治州 is in Qinghai, not Hainan; 吉林敖东 is a company")
    func longestMatch() {
        let r = proposed("青海省海南藏族自治州出台支持小微企业贷款的措施。")
        #expect(r.contains("632500"))
        #expect(!r.contains("460000"))
        #expect(proposed("吉林敖东与宁德时代均获机构调研。").isEmpty)
    }

    @Test("Traditional and full-width text is folded before matching")
    func traditional() {
        let r = tagger.tag(title: "廣東省發佈綠色金融實施方案", text: "廣東省財政廳表示，將加大綠色信貸支持，２０２５年")
        #expect(codes(r).contains("440000"))
        #expect(agencies(r).contains("mof@440000"))
        #expect(r.topics.map(\.id).contains("green"))
    }

    @Test("Shared names need their parent: 鼓楼 with 南京 is Nanjing's district, alone it is nothing")
    func sharedNames() {
        #expect(proposed("南京市鼓楼区出台科技金融支持政策，鼓楼将设立专项资金。").contains("320106"))
        #expect(proposed("鼓楼将设立专项资金，支持小微企业融资。").isEmpty)
    }

    @Test("A county short name needs its parent; a risky one is never taken from a body's name")
    func countyShortNames() {
        #expect(proposed("衢州市龙游县出台实施方案，推广农户家庭资产负债表融资模式，龙游的涉农贷款增长较快。").contains("330825"))
        #expect(!proposed("龙游的涉农贷款增长较快。").contains("330825"))
        let risky = tagger.tag(title: "", text: "湖南省财政厅会同省发展改革委印发通知，支持专项债券发行。")
        #expect(agencies(risky).contains("mof@430000"))
        #expect(!codes(risky).contains("431225"), "会同 here means 'together with'")
    }

    @Test("Local bodies: PBOC branches, NFRA bureaus, SAFE branches map to their jurisdiction")
    func localBodies() {
        let r = tagger.tag(
            title: "",
            text: "人民银行杭州中心支行、人民银行衢州市中心支行与国家金融监督管理总局浙江监管局联合召开会议。上海证监局发布通知。")
        #expect(agencies(r).isSuperset(of: ["pboc@330000", "pboc@330800", "nfra@330000", "csrc@310000"]))
        #expect(!agencies(r).contains("nfra"), "the national name only heads the local bureau's name here")
        #expect(!agencies(r).contains("pboc"))
    }

    @Test("Datelines, company seats and venues are not subjects")
    func datelinesAndSeats() {
        let r = tagger.tag(
            title: "国务院常务会议部署稳增长措施",
            text: "新华社北京12月1日电 国务院总理主持召开国务院常务会议，部署进一步加大货币政策支持力度。总部位于深圳的某科技公司表示关注。")
        #expect(codes(r).isEmpty)
        #expect(agencies(r).contains("state-council"))
        #expect(r.isPolicy)
    }

    @Test("A province includes its cities and counties in every query")
    func hierarchy() {
        let gaz = tagger.lexicon.gazetteer
        let zj = gaz.descendants(of: "330000")
        #expect(zj.contains("330800") && zj.contains("330825") && zj.contains("331127"))
        #expect(!zj.contains("320100"))
        #expect(gaz.resolve("衢州")?.code == "330800")
        #expect(gaz.resolve("吉林")?.code == "220000")
    }

    @Test("User rules: keywords scoped to the title, a regex over the text, rules scoped to feeds")
    func userRules() throws {
        let rules = [
            try UserRule(tag: "watch-26", keywords: ["山区26县"], scope: .title),
            try UserRule(tag: "doc-number", pattern: #"浙政办发〔\d{4}〕\d+号"#, scope: .text),
            try UserRule(tag: "sina-only", keywords: ["贷款"], feeds: ["sina"]),
        ]
        let t = Tagger(rules: rules)
        let r = t.tag(title: "浙江山区26县金融方案", text: "根据浙政办发〔2021〕36号文件，贷款余额……", feedId: "other")
        #expect(r.custom.map(\.id) == ["doc-number", "watch-26"])
        let inText = t.tag(title: "方案", text: "山区26县", feedId: "sina")
        #expect(inText.custom.map(\.id) == ["sina-only"] || inText.custom.isEmpty)
        #expect(!inText.custom.map(\.id).contains("watch-26"), "a title-scoped rule ignores the text")
    }

    @Test("Stored form: flat keys per tag and the JSON with evidence")
    func storedForm() throws {
        let r = tagger.tag(title: "浙江银保监局发布绿色金融行动方案", text: "浙江银保监局印发《行动方案》，力争到2025年绿色信贷余额超1万亿元。")
        let stored = r.articleTags
        #expect(stored.keys.contains(.init(kind: "agency", value: "nfra@330000", score: stored.keys.first { $0.value == "nfra@330000" }?.score ?? 0)))
        #expect(stored.keys.contains { $0.kind == "region" && $0.value == "330000" })
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(stored.json.utf8)) as? [String: Any])
        for key in ["regions", "groupings", "agencies", "topics", "doc_types", "policy_score", "is_policy"] {
            #expect(obj[key] != nil, "\(key) missing from the JSON")
        }
    }

    @Test("Data releases and enforcement are news about policy, not policy; rate cuts are policy")
    func policyOrNot() {
        let data = tagger.tag(
            title: "浙江金融监管局：9月末全省普惠型小微企业贷款余额4.3万亿元",
            text: "9月末，浙江省普惠型小微企业贷款余额4.3万亿元，较年初增加4200亿元，同比增长15.2%。")
        #expect(!data.isPolicy)
        #expect(data.agencies.map(\.id).contains("nfra@330000"))
        #expect(codes(data) == ["330000"], "a local regulator still vouches for its region")
        let fine = tagger.tag(title: "四川金融监管局对某农村商业银行罚款150万元", text: "因贷款管理不审慎，四川金融监管局对某农村商业银行罚款150万元。")
        #expect(!fine.isPolicy)
        let text = "中国人民银行授权全国银行间同业拆借中心公布，1年期LPR下调25个基点。"
        let lpr = tagger.tag(title: "LPR下调：1年期和5年期以上利率均下调25个基点", text: text)
        #expect(lpr.isPolicy)
        #expect(lpr.topics.map(\.id).contains("monetary"))
        #expect(tagger.tag(title: "中国人民银行决定下调金融机构存款准备金率0.5个百分点", text: "").isPolicy)
        // Since the refit on the fourth set (国家统计局's "10月CPI…" releases), a title that opens with its
        // month reads as a statistics release: data 0.44 against policy 0.35. A known error of the model.
        withKnownIssue("a month-led LPR title reads as a data release") {
            #expect(tagger.tag(title: "11月LPR报价出炉：1年期和5年期以上利率均下调25个基点", text: text).isPolicy)
        }
    }

    @Test("An organisation the dictionaries do not know is still no region: 禹州新民生村镇银行")
    func unknownOrganisation() {
        let r = tagger.tag(
            title: "河南银保监局、河南省地方金融监管局：对村镇银行账外业务客户开展垫付",
            text: "河南银保监局、河南省地方金融监管局发布公告，对禹州新民生村镇银行等四家村镇银行账外业务客户本金开展垫付工作。")
        #expect(!codes(r).contains("411081"))
        #expect(Set(r.agencies.map(\.id)).isSuperset(of: ["nfra@410000", "lfb@410000"]))
    }
}
