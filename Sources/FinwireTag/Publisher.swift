/// The places a feed speaks for. A local government's or regulator's feed writes 我省, 全市, 各市、州 or
/// 省财政厅 and means its own jurisdiction; a reader knows the publisher, the text never says it
/// (`labeling.md`: the jurisdiction of a government that acts is a region). Set per feed in config
/// (`feeds[].region`) or read from the feed's title when the title names a local government.
public struct Publisher: Sendable, Equatable {
    /// Gazetteer indices, broadest first.
    let divisions: [Int]
    /// The same places as codes, for logs and `--explain`.
    public let codes: [String]

    init(divisions: [Int], gazetteer: Gazetteer) {
        let sorted = divisions.sorted { (gazetteer.divisions[$0].level, $0) < (gazetteer.divisions[$1].level, $1) }
        self.divisions = sorted
        codes = sorted.map { gazetteer.divisions[$0].code }
    }
}

/// What a deictic word points at: the publisher's unit of that level.
enum DeicticLevel: Sendable {
    /// 省, and 各市、州 (the province's cities and prefectures).
    case province
    /// 市, and 各区、县 (the city's districts and counties).
    case city
    /// 区: a district, or an autonomous region (广西, 西藏…) when the publisher is one.
    case district
    case county
    /// 州: an autonomous prefecture.
    case prefecture
}

extension Lexicon {
    /// A feed's configured `region` values (codes or names) → its publisher; the values that name no place
    /// come back in `unknown` so config validation can say which.
    public func publisher(regions: [String]) -> (publisher: Publisher?, unknown: [String]) {
        var found: [Int] = []
        var unknown: [String] = []
        for r in regions {
            if let d = gazetteer.resolve(r), let i = gazetteer.index(of: d.code) { found.append(i) } else { unknown.append(r) }
        }
        return (found.isEmpty ? nil : Publisher(divisions: found, gazetteer: gazetteer), unknown)
    }

    /// A publisher read from a feed's title: the places it names, when it reads as a government or
    /// regulator (湖北省人民政府, 武汉市发改委, 香港政府新闻网). A newspaper's or a company's title (上海证券报,
    /// 浙江日报) says where it is printed, not what its items are about, and gives none.
    public func publisher(feedTitle: String) -> Publisher? {
        let doc = Document(lexicon: self, title: feedTitle, text: "")
        doc.resolveAgencies()
        doc.resolveRegions()
        let local = doc.agencyTags().compactMap { tag -> Int? in
            guard let at = tag.id.firstIndex(of: "@") else { return nil }
            return gazetteer.index(of: String(tag.id[tag.id.index(after: at)...]))
        }
        var places = local
        let governmentWords = ["政府", "政务", "人大", "政协", "发改委", "发展和改革", "财政厅", "财政局", "金融局", "金融管理局", "政策"]
        if governmentWords.contains(where: feedTitle.contains) {
            for h in doc.hits where !h.qualifier { places.append(contentsOf: h.regions) }
        }
        var seen = Set<Int>()
        places = places.filter { seen.insert($0).inserted }
        return places.isEmpty ? nil : Publisher(divisions: places, gazetteer: gazetteer)
    }
}

extension Document {
    /// 我省, 全市, 本区, 各市、州; and 省/市/区/县 opening a body's name where no place stands before it
    /// (省财政厅, 市委, 区政府). Scanned only when the feed has a publisher: the words mean nothing otherwise,
    /// and keeping them out of the automaton leaves every other match — and the models' features — as they are.
    func deictics(_ f: Field) -> [(level: DeicticLevel, start: Int, end: Int)] {
        let s = scalars(f)
        var out: [(DeicticLevel, Int, Int)] = []
        func at(_ i: Int) -> UInt32 { i >= 0 && i < s.count ? s[i] : 0 }
        var i = 0
        while i < s.count {
            let c = s[i]
            // 各市、州 / 各市州 / 各市（州）: the province's prefectures, so the province; 各区、县: the city's.
            if c == Self.ge, let (_, inner, level) = Self.enumerations.first(where: { $0.0 == at(i + 1) }) {
                var j = i + 2
                if [Self.dun, 0xFF08, 0x28].contains(at(j)) { j += 1 }
                if at(j) == inner {
                    out.append((level, i, j + 1))
                    i = j + 1
                    continue
                }
            }
            guard let level = Self.deicticUnits[c] else { i += 1; continue }
            let before = at(i - 1)
            let next = at(i + 1)
            // 全市场, 本市值, 区域, 省份: trading words, areas and people, not the unit.
            if Self.notUnitAfter[c]?.contains(next) == true { i += 1; continue }
            if Self.deicticHeads.contains(before) {
                // 全省, 我市, 本区 (全市场 and 全区域 were turned away just above).
                out.append((level, i - 1, i + 1))
                i += 1
                continue
            }
            if !Self.isHan(before), Self.bodyAfterUnit(s, from: i + 1) {
                out.append((level, i, i + 2))
            }
            i += 1
        }
        return out
    }

    static func isHan(_ c: UInt32) -> Bool { c >= 0x4E00 && c <= 0x9FFF }

    /// 委, 政府, 人大, 政协, 级, or a department's name of up to eight characters ending in 厅, 局, 委 or 办.
    static func bodyAfterUnit(_ s: [UInt32], from j: Int) -> Bool {
        guard j < s.count else { return false }
        if Self.bodyHeads.contains(s[j]) { return true }
        for k in j..<min(j + 9, s.count) {
            let c = s[k]
            if !isHan(c) { return false }
            if k > j, Self.bodyEnds.contains(c) { return true }
        }
        return false
    }

    /// Every unit the publisher names, with their parents (broadest first): a city's feed still writes 全省.
    func publisherUnits(_ p: Publisher) -> [Int] {
        var units: [Int] = []
        for d in p.divisions {
            for u in lexicon.gazetteer.ancestors(of: d).reversed() + [d] where !units.contains(u) { units.append(u) }
        }
        return units
    }

    /// The publisher's unit a deictic word points at, if it has one at that level.
    func publisherUnit(_ level: DeicticLevel, in units: [Int]) -> Int? {
        let gaz = lexicon.gazetteer
        func first(_ ok: (Gazetteer.Division) -> Bool) -> Int? { units.first { ok(gaz.divisions[$0]) } }
        switch level {
        case .province:
            return first { $0.level == .province && !$0.name.hasSuffix("市") && !$0.name.hasSuffix("行政区") }
        case .city:
            return first { $0.level == .prefecture && $0.name.hasSuffix("市") }
                ?? first { $0.level == .province && $0.name.hasSuffix("市") }
        case .district:
            return first { $0.level == .county && $0.name.hasSuffix("区") }
                ?? first { $0.level == .province && $0.name.hasSuffix("自治区") }
        case .county:
            return first { $0.level == .county && $0.name.hasSuffix("县") }
        case .prefecture:
            return first { $0.level == .prefecture && $0.name.hasSuffix("州") }
        }
    }

    /// The publisher's places this article points at (`deictic`), and, when the article names no place at
    /// all and is the publisher's own act or figure, the publisher itself (`publisher`). A national body
    /// in the title (国务院, 财政部) means the feed is relaying a national item: no fallback then.
    func publisherRegions(_ p: Publisher, kind: ArticleKind, agencies: [SimpleTag], tagged: [RegionTag]) -> [RegionTag] {
        let gaz = lexicon.gazetteer
        var have = Set(tagged.compactMap { gaz.index(of: $0.code) })
        var out: [RegionTag] = []
        func add(_ i: Int, _ ev: Evidence, score: Double) {
            // A place already tagged, or one whose child is (a parent is not listed when a child implies it).
            if have.contains(i) || have.contains(where: { gaz.isAncestor(i, of: $0) }) { return }
            if let k = out.firstIndex(where: { $0.code == gaz.divisions[i].code }) {
                if out[k].evidence.count < Self.maxEvidence { out[k].evidence.append(ev) }
                return
            }
            let d = gaz.divisions[i]
            out.append(RegionTag(code: d.code, name: d.name, level: d.level.name, score: score, evidence: [ev]))
        }
        let units = publisherUnits(p)
        for f in [Field.title, .text] {
            for m in deictics(f) {
                guard let u = publisherUnit(m.level, in: units) else { continue }
                add(u, Evidence(field: f.name, offset: m.start, match: scalars(f).string(m.start..<m.end), rule: "publisher-deictic"),
                    score: f == .title ? 0.95 : 0.9)
            }
        }
        for t in out { if let i = gaz.index(of: t.code) { have.insert(i) } }
        let national = agencies.contains { !$0.id.contains("@") && $0.evidence.contains { $0.field == "title" } }
            || Self.nationalWords.contains(where: titleText.contains)
        if tagged.isEmpty, out.isEmpty, !national, [.policy, .enforcement, .data].contains(kind), let home = p.divisions.first {
            let d = gaz.divisions[home]
            out.append(RegionTag(code: d.code, name: d.name, level: d.level.name, score: 0.8,
                evidence: [Evidence(field: "publisher", offset: 0, match: p.codes.joined(separator: " "), rule: "publisher")]))
        }
        return out
    }

    /// Bodies and scopes above any publisher's: a feed relaying them is not acting itself.
    static let nationalWords = ["国务院", "中共中央", "中央", "国家", "全国", "总局"]

    static let ge: UInt32 = 0x5404  // 各
    static let shi: UInt32 = 0x5E02  // 市
    static let zhou: UInt32 = 0x5DDE  // 州
    static let qu: UInt32 = 0x533A  // 区
    static let dun: UInt32 = 0x3001  // 、
    static let deicticUnits: [UInt32: DeicticLevel] = [
        0x7701: .province, 0x5E02: .city, 0x533A: .district, 0x53BF: .county, 0x5DDE: .prefecture,  // 省 市 区 县 州
    ]
    static let deicticHeads: Set<UInt32> = Set("我全本".unicodeScalars.map(\.value))
    static let notUnitAfter: [UInt32: Set<UInt32>] = [
        0x5E02: Set("场值民盈销况面".unicodeScalars.map(\.value)),  // 市
        0x533A: Set("域块间别".unicodeScalars.map(\.value)),  // 区
        0x7701: Set("钱心力份".unicodeScalars.map(\.value)),  // 省
        0x53BF: Set("城".unicodeScalars.map(\.value)),  // 县
    ]
    /// 各市、州 → the province; 各区、县 → the city.
    static let enumerations: [(UInt32, UInt32, DeicticLevel)] = [(shi, zhou, .province), (qu, 0x53BF, .city)]
    static let bodyHeads: Set<UInt32> = Set("委级直".unicodeScalars.map(\.value))
    static let bodyEnds: Set<UInt32> = Set("厅局委办府".unicodeScalars.map(\.value))
}
