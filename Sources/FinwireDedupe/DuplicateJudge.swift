import Foundation

/// Decides whether two articles are one story. Exact signals first (canonical URL, 原标题, document number),
/// then near-duplicate text confirmed by a second signal — and vetoes for what syndication never changes:
/// the figures a report states and the places it is about. Precision first: a wrong merge hides a story.
public struct DuplicateJudge: Sendable {
    public struct Thresholds: Sendable, Equatable {
        /// SimHash bits that may differ for the index to offer a candidate (≤ 3 is guaranteed by 4 bands).
        public var simhashDistance = 3
        /// Shingle Jaccard that makes two texts the same on its own.
        public var textJaccard = 0.55
        /// Shingle Jaccard that suffices when the titles agree too (title bigram Dice ≥ `titleDice`).
        public var weakTextJaccard = 0.45
        public var titleDice = 0.6
        /// Below this overlap (Jaccard) of stated numbers (both stating ≥ 2), two texts report different facts
        /// — unless one text's numbers are all in the other's: a summary states a few of the article's figures.
        public var numbersOverlap = 0.34
        /// A shared title of at least this many characters names one piece of news: within the window it
        /// joins a summary to its full article even when their texts are far apart.
        public var distinctiveTitle = 10
        /// Two one-line flashes this close in time whose titles share this much (of the shorter title's
        /// bigrams) report one event in two outlets' words.
        public var flashWindowHours = 6.0
        public var flashTitleOverlap = 0.7
        /// Copies of one story appear within this many hours of each other; the same title further apart is
        /// a recurring column (今日申购指南) unless the texts are near-identical too.
        public var titleWindowHours = 48.0
        /// Two outlets' flashes of one event appear within minutes: in this window a title held whole in the
        /// other's (兆易创新触及跌停 / 存储芯片概念再度走弱 兆易创新触及跌停), or one precise figure both state
        /// (5653.02点) with titles that overlap, is one event although each adds figures of its own.
        public var eventWindowHours = 2.0
        /// Titles this alike (bigram Dice) within `flashWindowHours`, with no figure, date or place differing,
        /// are one story told twice (铁路端午假期运输今日启动 / 今启动).
        public var closeTitleDice = 0.75

        public init() {}
    }

    public struct Verdict: Sendable, Equatable {
        public var same: Bool
        /// The signal that decided: canonical-url, original-title, title, doc-number, near-duplicate, or a veto.
        public var signal: String
        public var jaccard: Double
        public var titleDice: Double
        public var simhashDistance: Int
        public var numbersOverlap: Double?
    }

    public var thresholds: Thresholds

    public init(thresholds: Thresholds = Thresholds()) { self.thresholds = thresholds }

    public func judge(_ a: TextFeatures, _ b: TextFeatures, regionsA: Set<String> = [], regionsB: Set<String> = []) -> Verdict {
        // Text too short to say anything ("Download PDF", an empty body) is no evidence of sameness.
        let informative = !a.isUninformative && !b.isUninformative
        let jac = informative ? Self.jaccard(a.shingles, b.shingles) : 0
        let dice = Self.dice(a.titleBigrams, b.titleBigrams)
        let dist = (a.simhash ^ b.simhash).nonzeroBitCount
        // Two flashes that each state one figure (跌幅扩大至4% / 8%) are compared on it too.
        let minimum = a.isSummary && b.isSummary ? 1 : 2
        let nums = a.numbers.count >= minimum && b.numbers.count >= minimum ? Self.numbersOverlap(a.numbers, b.numbers) : nil
        let hoursApart = a.published.flatMap { pa in b.published.map { abs(pa.timeIntervalSince($0)) / 3600 } }
        let sameDays = hoursApart.map { $0 <= thresholds.titleWindowHours } ?? true
        func verdict(_ same: Bool, _ signal: String) -> Verdict {
            Verdict(same: same, signal: signal, jaccard: jac, titleDice: dice, simhashDistance: dist, numbersOverlap: nums)
        }
        if let u = a.canonicalURL, u == b.canonicalURL { return verdict(true, "canonical-url") }
        // Vetoes: different figures, or different places, are different reports — however alike the template.
        let numbersDiffer = nums.map { $0 < thresholds.numbersOverlap } ?? false
        let placesDiffer = !regionsA.isEmpty && !regionsB.isEmpty && regionsA.isDisjoint(with: regionsB)
        let shared = Set(a.docNumbers).intersection(b.docNumbers)
        let short = a.isSummary || b.isSummary
        // A document number names one document, but reports quote numbers loosely: the texts must agree too.
        if !shared.isEmpty, !placesDiffer, jac >= thresholds.weakTextJaccard || (short && dice >= thresholds.titleDice) {
            return verdict(true, "doc-number")
        }
        // Routine notices (公开市场操作, LPR, monthly statistics) differ by little but the day they state.
        let datesDiffer = !a.dates.isEmpty && !b.dates.isEmpty && Set(a.dates).isDisjoint(with: b.dates)
        // Template flashes name their event in one or two characters (小范围/大范围会谈, 跌幅扩大至4%/8%):
        // titles of one length that differ there are two events, however alike the texts.
        let substituted = Self.substituted(a.titleKey, b.titleKey)
        // One event in two outlets' words, minutes apart: each adds figures the other lacks (成交额, 封单), so
        // the figures veto below would part them; what they share says more.
        if let h = hoursApart, h <= thresholds.eventWindowHours, !datesDiffer, !placesDiffer, !substituted {
            if Self.contained(a.titleKey, b.titleKey) { return verdict(true, "title-contained") }
            if Self.sharesPreciseFigure(a.numbers, b.numbers), dice >= 0.3 { return verdict(true, "shared-figure") }
        }
        if numbersDiffer { return verdict(false, "veto:numbers") }
        // Two documents with different numbers (银发〔2024〕12号 and 13号) are two documents.
        if shared.isEmpty, !a.docNumbers.isEmpty, !b.docNumbers.isEmpty { return verdict(false, "veto:doc-numbers") }
        if datesDiffer { return verdict(false, "veto:dates") }
        if placesDiffer { return verdict(false, "veto:places") }
        if substituted { return verdict(false, "veto:title-substitution") }
        let keysA = [a.titleKey, a.originalTitleKey].compactMap { $0 }.filter { $0.count >= 6 }
        let keysB = [b.titleKey, b.originalTitleKey].compactMap { $0 }.filter { $0.count >= 6 }
        // Equal titles are common for routine notices (央行开展逆回购操作): the texts must not contradict them,
        // and a title shared days apart is a column, not a copy.
        let sharedKeys = Set(keysA).intersection(keysB)
        let distinctive = sharedKeys.contains { $0.count >= thresholds.distinctiveTitle }
        if !sharedKeys.isEmpty, sameDays, jac >= thresholds.weakTextJaccard || short || distinctive {
            let original = a.titleKey == b.titleKey ? "title" : "original-title"
            return verdict(true, original)
        }
        if jac >= thresholds.textJaccard { return verdict(true, "near-duplicate") }
        // Two flashes within hours whose titles say the same (三大指数集体低开 / A股开盘：三大指数集体低开):
        // most of the shorter title's bigrams are in the longer one, and no figure, date or place differs.
        if a.isFlash, b.isFlash, let h = hoursApart, h <= thresholds.flashWindowHours,
            Self.overlap(a.titleBigrams, b.titleBigrams) >= thresholds.flashTitleOverlap
        {
            return verdict(true, "flash-title")
        }
        if jac >= thresholds.weakTextJaccard && dice >= thresholds.titleDice { return verdict(true, "near-duplicate+title") }
        if let h = hoursApart, h <= thresholds.flashWindowHours, dice >= thresholds.closeTitleDice, informative || short {
            return verdict(true, "close-title")
        }
        return verdict(false, "different")
    }

    /// The shorter title (six characters or more) held whole in the longer one, or the two equal.
    static func contained(_ a: String, _ b: String) -> Bool {
        let (short, long) = a.unicodeScalars.count <= b.unicodeScalars.count ? (a, b) : (b, a)
        guard short.unicodeScalars.count >= 6 else { return false }
        return long.contains(short)
    }

    /// A figure too precise to recur by chance (5653.02点, 62734.68): a decimal of four digits or more.
    /// Whole numbers are not: six digits are as often a stock's or fund's code (588000) as a figure.
    static func sharesPreciseFigure(_ a: [String], _ b: [String]) -> Bool {
        func precise(_ n: String) -> Bool {
            n.contains(".") && n.unicodeScalars.filter { $0.value >= 48 && $0.value <= 57 }.count >= 4
        }
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                if precise(a[i]) { return true }
                i += 1; j += 1
            } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return false
    }

    /// Jaccard over two sorted unique arrays.
    static func jaccard<T: Comparable>(_ a: [T], _ b: [T]) -> Double {
        if a.isEmpty && b.isEmpty { return 0 }
        let i = intersection(a, b)
        return Double(i) / Double(a.count + b.count - i)
    }

    /// Equal-length titles (of six or more characters) that differ in one or two places.
    static func substituted(_ a: String, _ b: String) -> Bool {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        guard x.count == y.count, x.count >= 6, x != y else { return false }
        return zip(x, y).filter { $0 != $1 }.count <= 2
    }

    /// |A∩B| / min(|A|, |B|): how much of the shorter list the longer one holds.
    static func overlap<T: Comparable>(_ a: [T], _ b: [T]) -> Double {
        if a.isEmpty || b.isEmpty { return 0 }
        return Double(intersection(a, b)) / Double(min(a.count, b.count))
    }

    /// Jaccard of two number lists, or 1 when one holds all of the other's (a summary of the same report).
    static func numbersOverlap(_ a: [String], _ b: [String]) -> Double {
        let shared = intersection(a, b)
        if shared == min(a.count, b.count) { return 1 }
        return Double(shared) / Double(a.count + b.count - shared)
    }

    /// Sørensen–Dice over two sorted unique arrays.
    static func dice<T: Comparable>(_ a: [T], _ b: [T]) -> Double {
        if a.isEmpty || b.isEmpty { return 0 }
        return 2 * Double(intersection(a, b)) / Double(a.count + b.count)
    }

    static func intersection<T: Comparable>(_ a: [T], _ b: [T]) -> Int {
        var i = 0, j = 0, n = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { n += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return n
    }
}
