import FinwireDedupe
import Testing

@Suite("Canonical URLs and features")
struct FeatureTests {
    let urls = URLCanonicalizer()

    @Test("Tracking parameters, fragments, ports, schemes, trailing slashes and mobile hosts fold away")
    func canonicalURLs() {
        let a = urls.canonical("https://finance.sina.cn/2021-11-09/doc-iktzscyy4.shtml?from=wap&utm_source=wx&spm=a1.b2#p2")
        let b = urls.canonical("http://FINANCE.sina.com.cn:80/2021-11-09/doc-iktzscyy4.shtml")
        #expect(a != nil && a == b)
        #expect(urls.canonical("https://example.cn/a/?b=2&a=1") == urls.canonical("https://example.cn/a?a=1&b=2"))
        #expect(urls.canonical("https://example.cn/a?id=1") != urls.canonical("https://example.cn/a?id=2"))
        #expect(urls.canonical("ftp://example.cn/a") == nil)
        let custom = URLCanonicalizer(trackingParameters: ["ref"], hostPairs: ["m.example.cn": "www.example.cn"])
        #expect(custom.canonical("https://m.example.cn/x?ref=1") == "//www.example.cn/x")
    }

    @Test("原标题, document numbers and reprint decorations")
    func keys() {
        let x = FeatureExtractor()
        let f = x.features(
            title: "【转载】浙江出台金融支持山区26县方案｜新浪财经",
            text: "原标题：浙江支持山区26县跨越式高质量发展\n根据浙政办发（2021）36号和银发[2024]12号文件……\n责任编辑：王翔",
            url: nil)
        #expect(f.titleKey == FeatureExtractor.titleKey("浙江出台金融支持山区26县方案"))
        #expect(f.originalTitleKey == FeatureExtractor.titleKey("浙江支持山区26县跨越式高质量发展"))
        #expect(f.docNumbers == ["浙政办发〔2021〕36号", "银发〔2024〕12号"])
    }

    @Test("Reprints are one story; two cities' statistics and a follow-up are not")
    func judge() {
        let x = FeatureExtractor()
        let j = DuplicateJudge()
        let body = "11月9日，浙江银保监局、浙江省地方金融监管局联合衢州市政府召开推进会，发布多项政策支持山区26县跨越式发展。力争2025年底，山区26县各项贷款余额超2万亿元，涉农贷款余额超1万亿元。"
        let original = x.features(title: "浙江支持山区26县跨越式高质量发展", text: body, url: "https://www.21jingji.com/a/1.html")
        let reprint = x.features(
            title: "力争2025年底各项贷款余额超2万亿 浙江出台方案", text: "原标题：浙江支持山区26县跨越式高质量发展\n" + body + "\n责任编辑：王翔",
            url: "https://finance.sina.cn/x.html?from=wap")
        #expect(j.judge(original, reprint).same)
        let hz = x.features(title: "10月末杭州各项贷款余额同比增长12.1%", text: "10月末，杭州市本外币各项贷款余额为65432亿元，同比增长12.1%，比年初增加5432亿元。其中，普惠小微贷款余额8765亿元，增长23.4%。", url: nil)
        let nb = x.features(title: "10月末宁波各项贷款余额同比增长10.3%", text: "10月末，宁波市本外币各项贷款余额为34567亿元，同比增长10.3%，比年初增加3210亿元。其中，普惠小微贷款余额4321亿元，增长19.8%。", url: nil)
        let v = j.judge(hz, nb, regionsA: ["330100"], regionsB: ["330200"])
        #expect(!v.same)
        #expect(v.signal.hasPrefix("veto"))
    }

    @Test("The SimHash index finds every hash within 3 bits and nothing far")
    func index() {
        var idx = SimHashIndex()
        var rng = SystemRandomNumberGenerator()
        var hashes: [UInt64] = []
        for i in 0..<5000 {
            let h = UInt64.random(in: .min ... .max, using: &rng)
            hashes.append(h)
            idx.insert(id: Int64(i), simhash: h)
        }
        for i in stride(from: 0, to: 5000, by: 97) {
            // Flip 3 bits spread over different bands.
            let q = hashes[i] ^ (1 << 3) ^ (1 << 20) ^ (1 << 40)
            let found = idx.candidates(of: q)
            #expect(found.contains { $0.id == Int64(i) && $0.distance == 3 })
            #expect(found.allSatisfy { $0.distance <= 3 })
        }
        #expect(idx.count == 5000)
    }
}
