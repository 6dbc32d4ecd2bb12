/// Every dictionary the tagger knows, compiled into one automaton. Built once per process (or per config
/// reload) and shared read-only by every tagging call.
public final class Lexicon: Sendable {
    public enum Form: String, Sendable {
        case full, short, compound, alias, english, historic
        /// A name that is not the place's but stands for it (`implied_regions.tsv`): a district, a landmark, a
        /// body only that place has (發展局, 房委會). Its rule is its own, so the region model weighs it apart.
        case implied
    }
    public enum CueKind: String, Sendable {
        case issue, target, market, blocker, hq, venueVerb = "venue_verb"
        /// Data-release vocabulary (余额, 月末, 前三季度): statistics are news about policy, not policy.
        case stat
        /// An ordinary word that only occupies its span, so that a name cannot start inside it (个人行为 ≠ 人行).
        case word

        var bit: Int {
            switch self {
            case .issue: 0
            case .target: 1
            case .market: 2
            case .blocker: 3
            case .hq: 4
            case .venueVerb: 5
            case .stat: 6
            case .word: 7
            }
        }
    }

    enum Kind: UInt16 {
        case region = 1, regions = 2, grouping = 4, agency = 8, suffix = 16, org = 32, topic = 64, docType = 128,
            cue = 256, user = 512
    }

    /// What the rules ask of a pattern most often, flattened at build time.
    struct PatternInfo: Sendable {
        /// Which kinds of entry the pattern has (`Kind` bits): loops skip hits with nothing for them
        /// without touching the entries array.
        var kinds: UInt16 = 0
        var cues: UInt8 = 0
        var issue = 0.0, market = 0.0, stat = 0.0
        var org = false
        var blocks = false
    }

    enum Entry: Sendable {
        case region(Int, Form)
        case regions([Int])
        case grouping(Int)
        case agency(String)
        /// A local body's name after a place: (agency id, level it implies, needs its national name before the place).
        case suffix(String, Gazetteer.Level?, Bool)
        case org(String)
        case topic(Int, Double)
        case docType(String)
        case cue(CueKind, Double)
        case userKeyword(Int)
    }

    public struct Grouping: Sendable {
        public let id: String
        public let name: String
        public let members: [String]
        public var aliases: [String] = []
    }

    public let gazetteer: Gazetteer
    public let groupings: [Grouping]
    public let topicIds: [String]
    public let normalizer: TextNormalizer
    let automaton: Automaton
    let entries: [[Entry]]
    let info: [PatternInfo]
    let patterns: [String]
    /// Short names that are everyday words or brands: they need their full name, a compound or a sibling.
    let riskyShorts: Set<String>
    /// Provincial capitals' prefecture index → province index: a PBOC 中心支行 there spoke for the province.
    let capitals: Set<Int>
    public let buildSeconds: Double
    /// What sort of item an article is: softmax over `ArticleKind`, fitted on the labeled real corpus.
    public let kindModel: LinearModel
    /// Whether a place the rules accepted is a subject of the article: fitted on the same corpus.
    public let regionModel: LinearModel

    /// Topics from config extend the bundled taxonomy: topic id → keywords.
    public init(data: TaggingData = .bundled, extraTopics: [String: [String]] = [:], userKeywords: [[String]] = []) {
        let clock = ContinuousClock()
        let started = clock.now
        normalizer = TextNormalizer(tsv: data.tsCharacters)
        let gaz = Gazetteer(tsv: data.divisions)
        gazetteer = gaz
        var builder = Builder(normalizer: normalizer)

        for (i, d) in gaz.divisions.enumerated() {
            builder.add(d.name, .region(i, .full))
            if d.short != d.name, d.short.count >= 2 { builder.add(d.short, .region(i, .short)) }
            // Parent compounds (浙江衢州, 南京鼓楼, 北京朝阳): the parent confirms an otherwise risky short.
            if let p = d.parent, case let head = gaz.divisions[p].short, head.count >= 2 {
                builder.add(head + d.short, .region(i, .compound))
                if d.short != d.name { builder.add(head + d.name, .region(i, .compound)) }
            }
        }
        for r in TSV(data.aliases).records() {
            guard let code = r["code"], let alias = r["alias"], !alias.isEmpty, let i = gaz.index(of: code) else { continue }
            switch r["kind"] ?? "" {
            case "abbr1": continue  // one character: only inside the compounds below
            case "en": builder.add(alias, .region(i, .english))
            case "historic": builder.add(alias, .region(i, .historic))
            default: builder.add(alias, .region(i, .alias))
            }
        }
        // A name both SARs use lists both codes: two candidates, which `resolveRegions` settles by the article.
        for r in TSV(data.impliedRegions).records() {
            guard let name = r["name"], !name.isEmpty else { continue }
            for code in (r["code"] ?? "").split(separator: " ") {
                if let i = gaz.index(of: String(code)) { builder.add(name, .region(i, .implied)) }
            }
        }
        for (name, codes) in Self.multiRegionCompounds {
            let idx = codes.compactMap(gaz.index(of:))
            if idx.count == codes.count { builder.add(name, .regions(idx)) }
        }
        var groupings: [Grouping] = []
        for r in TSV(data.groupings).records() {
            guard let id = r["id"], let name = r["name"], !id.isEmpty else { continue }
            let g = groupings.count
            groupings.append(
                Grouping(
                    id: id, name: name, members: (r["member_codes"] ?? "").split(separator: " ").map(String.init),
                    aliases: (r["aliases"] ?? "").split(separator: "|").map(String.init)))
            builder.add(name, .grouping(g))
            for a in (r["aliases"] ?? "").split(separator: "|") { builder.add(String(a), .grouping(g)) }
        }
        self.groupings = groupings
        for r in TSV(data.agencies).records() {
            guard let id = r["id"], let p = r["pattern"], !p.isEmpty else { continue }
            if r["kind"] == "suffix" {
                let level: Gazetteer.Level? = switch r["level"] ?? "" {
                case "province": .province
                case "prefecture": .prefecture
                default: nil
                }
                builder.add(p, .suffix(id, level, Self.prefixedSuffixes.contains(p)))
            } else {
                builder.add(p, .agency(id))
            }
        }
        var namesake: [String: (Int, Form)] = [:]
        for (i, d) in gaz.divisions.enumerated() where d.level != .county {
            if namesake[d.name] == nil { namesake[d.name] = (i, .full) }
            if namesake[d.short] == nil { namesake[d.short] = (i, .short) }
            // 上海市场 is Shanghai's market, not 上海市 + 场.
            if d.name == d.short + "市" { builder.add(d.short + "市场", .region(i, .short)) }
        }
        for r in TSV(data.orgNames).records() {
            guard let n = r["org_name"], !n.isEmpty else { continue }
            builder.add(n, .org(r["kind"] ?? "org"))
            // 北京银行业 is Beijing's banking sector, not the bank 北京银行 + 业.
            if n.hasSuffix("银行"), let place = namesake[String(n.dropLast(2))] {
                builder.add(n + "业", .region(place.0, place.1))
            }
        }
        var topicIds: [String] = []
        func topicIndex(_ t: String) -> Int {
            if let i = topicIds.firstIndex(of: t) { return i }
            topicIds.append(t)
            return topicIds.count - 1
        }
        for r in TSV(data.topics).records() {
            guard let t = r["topic"], let k = r["keyword"], !t.isEmpty, !k.isEmpty else { continue }
            builder.add(k, .topic(topicIndex(t), Double(r["weight"] ?? "") ?? 1))
        }
        for (t, words) in extraTopics.sorted(by: { $0.key < $1.key }) {
            let i = topicIndex(t)
            for w in words where !w.isEmpty { builder.add(w, .topic(i, 1)) }
        }
        self.topicIds = topicIds
        for r in TSV(data.docTypes).records() {
            if let t = r["doc_type"], let k = r["keyword"], !t.isEmpty, !k.isEmpty { builder.add(k, .docType(t)) }
        }
        for r in TSV(data.cues).records() {
            guard let c = r["cue"], let kind = CueKind(rawValue: r["kind"] ?? "") else { continue }
            builder.add(c, .cue(kind, Double(r["weight"] ?? "") ?? 0))
        }
        for (i, words) in userKeywords.enumerated() {
            for w in words where !w.isEmpty { builder.add(w, .userKeyword(i)) }
        }
        riskyShorts = Set(TSV(data.shortNameRisk).records().compactMap { $0["short_name"] })
        capitals = Set(Self.capitalCodes.compactMap(gaz.index(of:)))
        kindModel = LinearModel(tsv: data.kindModel)
        regionModel = LinearModel(tsv: data.regionModel)
        patterns = builder.strings
        entries = builder.entries
        info = builder.entries.map { list in
            var i = PatternInfo()
            for e in list {
                switch e {
                case .region: i.kinds |= Kind.region.rawValue
                case .regions: i.kinds |= Kind.regions.rawValue
                case .grouping: i.kinds |= Kind.grouping.rawValue
                case .agency: i.kinds |= Kind.agency.rawValue
                case .suffix: i.kinds |= Kind.suffix.rawValue
                case .topic: i.kinds |= Kind.topic.rawValue
                case .docType: i.kinds |= Kind.docType.rawValue
                case .userKeyword: i.kinds |= Kind.user.rawValue
                default: break
                }
                switch e {
                case .org:
                    i.kinds |= Kind.org.rawValue
                    i.org = true
                    i.blocks = true
                case .cue(let kind, let w):
                    i.kinds |= Kind.cue.rawValue
                    i.cues |= 1 << kind.bit
                    switch kind {
                    case .issue: i.issue = w
                    case .market: i.market = w
                    case .stat: i.stat = w
                    default: break
                    }
                    if kind == .blocker || kind == .hq || kind == .market { i.blocks = true }
                default: break
                }
            }
            return i
        }
        automaton = Automaton(patterns: builder.keys)
        buildSeconds = Self.seconds(clock.now - started)
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    public var patternCount: Int { patterns.count }
    public var stateCount: Int { automaton.stateCount }
    public var automatonBytes: Int { automaton.memoryBytes }

    /// Suffixes that name a local body only after their national name: 人民银行**杭州中心支行**,
    /// 国家金融监督管理总局**浙江监管局**, 国家外汇管理局**浙江省分局**. Alone, 分行 is any bank's branch.
    static let prefixedSuffixes: Set<String> = ["分行", "中心支行", "支行", "营业管理部", "监管局", "分局", "监管分局"]

    /// Abbreviation compounds that name several provinces at once.
    static let multiRegionCompounds: [(String, [String])] = [
        ("江浙沪", ["320000", "330000", "310000"]), ("苏浙沪", ["320000", "330000", "310000"]),
        ("沪苏浙", ["310000", "320000", "330000"]), ("川渝", ["510000", "500000"]), ("渝川", ["500000", "510000"]),
        ("黑吉辽", ["230000", "220000", "210000"]), ("辽吉黑", ["210000", "220000", "230000"]),
        ("苏浙皖", ["320000", "330000", "340000"]), ("闽粤", ["350000", "440000"]), ("粤桂", ["440000", "450000"]),
        ("京沪", ["110000", "310000"]), ("北上广深", ["110000", "310000", "440100", "440300"]),
    ]

    /// Prefecture-level cities that are provincial capitals (plus the old 大区分行 seats, all capitals).
    static let capitalCodes = [
        "130100", "140100", "150100", "210100", "220100", "230100", "320100", "330100", "340100", "350100",
        "360100", "370100", "410100", "420100", "430100", "440100", "450100", "460100", "510100", "520100",
        "530100", "540100", "610100", "620100", "630100", "640100", "650100",
    ]

    /// Collects patterns: one automaton key per distinct normalized string, each with every meaning it has.
    struct Builder {
        let normalizer: TextNormalizer
        var index: [[UInt32]: Int] = [:]
        var keys: [[UInt32]] = []
        var strings: [String] = []
        var entries: [[Entry]] = []

        mutating func add(_ s: String, _ e: Entry) {
            let k = normalizer.normalize(s)
            guard !k.isEmpty else { return }
            if let i = index[k] {
                entries[i].append(e)
            } else {
                index[k] = keys.count
                keys.append(k)
                strings.append(s)
                entries.append([e])
            }
        }
    }
}

/// The dictionaries' text. `bundled` is compiled into the binary (see `scripts/embed-tagging-data.py`), so an
/// installed `finwire` needs no data files beside it.
public struct TaggingData: Sendable {
    public var divisions: String
    public var aliases: String
    public var groupings: String
    public var agencies: String
    public var orgNames: String
    public var shortNameRisk: String
    public var topics: String
    public var docTypes: String
    public var cues: String
    public var tsCharacters: String
    public var kindModel: String = ""
    public var regionModel: String = ""
    public var impliedRegions: String = ""

    public static let bundled = TaggingData(
        divisions: EmbeddedData.divisions, aliases: EmbeddedData.aliases, groupings: EmbeddedData.groupings,
        agencies: EmbeddedData.agencies, orgNames: EmbeddedData.orgNames, shortNameRisk: EmbeddedData.shortNameRisk,
        topics: EmbeddedData.topics, docTypes: EmbeddedData.docTypes, cues: EmbeddedData.cues,
        tsCharacters: EmbeddedData.tsCharacters, kindModel: EmbeddedData.kindModel,
        regionModel: EmbeddedData.regionModel, impliedRegions: EmbeddedData.impliedRegions)
}
