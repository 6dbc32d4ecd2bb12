import Foundation

/// A linear model over named, binary features, as `scripts/train-tagger.py` writes it: one row per feature
/// with a weight per class, a `__bias__` row, and for a binary model a `__threshold__` row. The decisions the
/// rules got wrong on real text are learned (from the labeled train split) and shipped as data, so that a
/// retrained model changes no code and every decision can name the features that carried it.
///
/// The tagger looks features up by hash (`FeatureHash.of(name)`), in an open-addressing table of its own:
/// the hashes are already well mixed, and the standard dictionary's re-hashing of every key was a large
/// part of tagging time.
public struct LinearModel: Sendable {
    public let classes: [String]
    /// Open addressing, linear probing; 0 marks an empty slot (a real hash of 0 is stored as 1).
    let keys: [UInt64]
    let rows: [Int32]
    let mask: Int
    /// Row → feature name, for evidence.
    let names: [String]
    /// Row-major: `weights[row * classes.count + class]`.
    let weights: [Double]
    /// Each weight minus the row's mean over the classes: a feature's pull toward one class, for evidence.
    let pulls: [Double]
    let bias: [Double]
    /// The probability a binary model's positive class needs (chosen on the dev split).
    public let threshold: Double

    /// An empty model: callers fall back to their rules.
    public var isEmpty: Bool { names.isEmpty }

    public init(tsv: String) {
        var classes: [String] = []
        var names: [String] = []
        var weights: [Double] = []
        var bias: [Double] = []
        var threshold = 0.5
        for line in tsv.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("#") { continue }
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            if classes.isEmpty {
                classes = cols.dropFirst().map(String.init)
                bias = Array(repeating: 0, count: classes.count)
                continue
            }
            let values = cols.dropFirst().map { Double($0) ?? 0 }
            switch cols[0] {
            case "__bias__": bias = Array(values.prefix(classes.count))
            case "__threshold__": threshold = values.first ?? 0.5
            default:
                guard values.count == classes.count else { continue }
                names.append(String(cols[0]))
                weights += values
            }
        }
        var capacity = 16
        while capacity < names.count * 2 { capacity <<= 1 }
        var keys = [UInt64](repeating: 0, count: capacity)
        var rows = [Int32](repeating: -1, count: capacity)
        for (row, name) in names.enumerated() {
            let h = Self.key(FeatureHash.of(name))
            var i = Int(truncatingIfNeeded: h) & (capacity - 1)
            while keys[i] != 0 && keys[i] != h { i = (i + 1) & (capacity - 1) }
            keys[i] = h
            rows[i] = Int32(row)
        }
        let n = max(classes.count, 1)
        var pulls = weights
        if n > 1 {
            for row in 0..<names.count {
                var sum = 0.0
                for c in 0..<n { sum += weights[row * n + c] }
                for c in 0..<n { pulls[row * n + c] -= sum / Double(n) }
            }
        }
        self.classes = classes
        self.keys = keys
        self.rows = rows
        self.mask = capacity - 1
        self.names = names
        self.weights = weights
        self.pulls = pulls
        self.bias = bias
        self.threshold = threshold
    }

    @inline(__always)
    static func key(_ h: UInt64) -> UInt64 { h == 0 ? 1 : h }

    @inline(__always)
    func row(_ hash: UInt64) -> Int? {
        let h = Self.key(hash)
        var i = Int(truncatingIfNeeded: h) & mask
        while keys[i] != 0 {
            if keys[i] == h { return Int(rows[i]) }
            i = (i + 1) & mask
        }
        return nil
    }

    /// The model's rows for these feature hashes, each once however often its feature occurred (a bitmap,
    /// not a sort: most features of an article are not in the model).
    public func rows(_ features: [UInt64]) -> [Int] {
        var seen = [UInt64](repeating: 0, count: names.count / 64 + 1)
        var out: [Int] = []
        out.reserveCapacity(64)
        for f in features {
            guard let r = row(f) else { continue }
            let bit: UInt64 = 1 << UInt64(r & 63)
            if seen[r >> 6] & bit != 0 { continue }
            seen[r >> 6] |= bit
            out.append(r)
        }
        return out
    }

    /// Adds the weights of these features' rows to `z`, each row once, deduplicating in a bitmap on the stack
    /// (this runs for every place of every article: no allocation).
    public func accumulate(_ features: [UInt64], into z: inout [Double]) {
        let n = classes.count
        let words = names.count / 64 + 1
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: words) { seen in
            seen.initialize(repeating: 0)
            for f in features {
                guard let r = row(f) else { continue }
                let bit: UInt64 = 1 << UInt64(r & 63)
                if seen[r >> 6] & bit != 0 { continue }
                seen[r >> 6] |= bit
                for c in 0..<n { z[c] += weights[r * n + c] }
            }
        }
    }

    /// Class logits for the rows of an article's features.
    public func logits(rows: [Int]) -> [Double] {
        var z = bias
        let n = classes.count
        for r in rows {
            for c in 0..<n { z[c] += weights[r * n + c] }
        }
        return z
    }


    /// Softmax over the classes (a one-class model: the sigmoid of its logit).
    public func probabilities(rows: [Int]) -> [Double] {
        let z = logits(rows: rows)
        if z.count == 1 { return [1 / (1 + exp(-z[0]))] }
        let m = z.max() ?? 0
        let e = z.map { exp($0 - m) }
        let s = e.reduce(0, +)
        return e.map { $0 / s }
    }

    /// The same for features by name (tests, and what `tag --dump-features` prints).
    public func probabilities(names: Set<String>) -> [Double] { probabilities(rows: rows(names.map(FeatureHash.of))) }

    /// The features that pushed class `c` up the most: the evidence a reader can follow.
    public func strongest(rows: [Int], for c: Int, count: Int = 5) -> [(feature: String, weight: Double)] {
        let n = classes.count
        var top: [(row: Int, weight: Double)] = []
        for r in rows {
            let w = pulls[r * n + c]
            guard w > 0, top.count < count || w > top[top.count - 1].weight else { continue }
            let at = top.firstIndex { w > $0.weight } ?? top.count
            top.insert((r, w), at: at)
            if top.count > count { top.removeLast() }
        }
        return top.map { (names[$0.row], $0.weight) }
    }
}
