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
        /// Below this overlap of stated numbers (both stating ≥ 2), two texts report different facts.
        public var numbersOverlap = 0.34

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
        let jac = Self.jaccard(a.shingles, b.shingles)
        let dice = Self.dice(a.titleBigrams, b.titleBigrams)
        let dist = (a.simhash ^ b.simhash).nonzeroBitCount
        let nums = a.numbers.count >= 2 && b.numbers.count >= 2 ? Self.jaccard(a.numbers, b.numbers) : nil
        func verdict(_ same: Bool, _ signal: String) -> Verdict {
            Verdict(same: same, signal: signal, jaccard: jac, titleDice: dice, simhashDistance: dist, numbersOverlap: nums)
        }
        if let u = a.canonicalURL, u == b.canonicalURL { return verdict(true, "canonical-url") }
        // Vetoes: different figures, or different places, are different reports — however alike the template.
        let numbersDiffer = nums.map { $0 < thresholds.numbersOverlap } ?? false
        let placesDiffer = !regionsA.isEmpty && !regionsB.isEmpty && regionsA.isDisjoint(with: regionsB)
        let shared = Set(a.docNumbers).intersection(b.docNumbers)
        let short = min(a.shingles.count, b.shingles.count) < 40
        // A document number names one document, but reports quote numbers loosely: the texts must agree too.
        if !shared.isEmpty, !placesDiffer, jac >= thresholds.weakTextJaccard || (short && dice >= thresholds.titleDice) {
            return verdict(true, "doc-number")
        }
        if numbersDiffer { return verdict(false, "veto:numbers") }
        // Two documents with different numbers (银发〔2024〕12号 and 13号) are two documents.
        if shared.isEmpty, !a.docNumbers.isEmpty, !b.docNumbers.isEmpty { return verdict(false, "veto:doc-numbers") }
        // Routine notices (公开市场操作, LPR, monthly statistics) differ by little but the day they state.
        if !a.dates.isEmpty, !b.dates.isEmpty, Set(a.dates).isDisjoint(with: b.dates) {
            return verdict(false, "veto:dates")
        }
        if placesDiffer { return verdict(false, "veto:places") }
        let keysA = [a.titleKey, a.originalTitleKey].compactMap { $0 }.filter { $0.count >= 6 }
        let keysB = [b.titleKey, b.originalTitleKey].compactMap { $0 }.filter { $0.count >= 6 }
        // Equal titles are common for routine notices (央行开展逆回购操作): the texts must not contradict them.
        if !Set(keysA).isDisjoint(with: keysB), jac >= thresholds.weakTextJaccard || short {
            let original = a.titleKey == b.titleKey ? "title" : "original-title"
            return verdict(true, original)
        }
        if jac >= thresholds.textJaccard { return verdict(true, "near-duplicate") }
        if jac >= thresholds.weakTextJaccard && dice >= thresholds.titleDice { return verdict(true, "near-duplicate+title") }
        return verdict(false, "different")
    }

    /// Jaccard over two sorted unique arrays.
    static func jaccard<T: Comparable>(_ a: [T], _ b: [T]) -> Double {
        if a.isEmpty && b.isEmpty { return 0 }
        let i = intersection(a, b)
        return Double(i) / Double(a.count + b.count - i)
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
