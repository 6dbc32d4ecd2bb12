import Foundation

/// A linear model over named, binary features, as `scripts/train-tagger.py` writes it: one row per feature
/// with a weight per class, a `__bias__` row, and for a binary model a `__threshold__` row. The decisions the
/// rules got wrong on real text are learned (from the labeled train split) and shipped as data, so that a
/// retrained model changes no code and every decision can name the features that carried it.
public struct LinearModel: Sendable {
    public let classes: [String]
    let index: [String: Int]
    /// Row-major: `weights[row * classes.count + class]`.
    let weights: [Double]
    let bias: [Double]
    /// The probability a binary model's positive class needs (chosen on the dev split).
    public let threshold: Double
    /// What the file says it was trained on (the `# trained:` comment), for `tag --explain`.
    public let provenance: String

    /// An empty model: every score is the bias (zero), so callers fall back to their rules.
    public var isEmpty: Bool { index.isEmpty }

    public init(tsv: String) {
        var classes: [String] = []
        var index: [String: Int] = [:]
        var weights: [Double] = []
        var bias: [Double] = []
        var threshold = 0.5
        var provenance = ""
        for line in tsv.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("# trained:") {
                provenance = String(line.dropFirst("# trained:".count)).trimmingCharacters(in: .whitespaces)
                continue
            }
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
                index[String(cols[0])] = weights.count / classes.count
                weights += values
            }
        }
        self.classes = classes
        self.index = index
        self.weights = weights
        self.bias = bias
        self.threshold = threshold
        self.provenance = provenance
    }

    /// Class logits for a set of features (duplicates count once).
    public func logits(_ features: Set<String>) -> [Double] {
        var z = bias
        let n = classes.count
        for f in features {
            guard let row = index[f] else { continue }
            for c in 0..<n { z[c] += weights[row * n + c] }
        }
        return z
    }

    /// Softmax over the classes (a one-class model: the sigmoid of its logit).
    public func probabilities(_ features: Set<String>) -> [Double] {
        let z = logits(features)
        if z.count == 1 { return [1 / (1 + exp(-z[0]))] }
        let m = z.max() ?? 0
        let e = z.map { exp($0 - m) }
        let s = e.reduce(0, +)
        return e.map { $0 / s }
    }

    /// The features that pushed class `c` up the most: the evidence a reader can follow.
    public func strongest(_ features: Set<String>, for c: Int, count: Int = 5) -> [(feature: String, weight: Double)] {
        let n = classes.count
        return features.compactMap { f -> (String, Double)? in
            guard let row = index[f] else { return nil }
            var w = weights[row * n + c]
            // In a multi-class model a feature's pull toward c is its weight there against the average elsewhere.
            if n > 1 { w -= (0..<n).reduce(0) { $0 + weights[row * n + $1] } / Double(n) }
            return w > 0 ? (f, w) : nil
        }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }.prefix(count).map { (feature: $0.0, weight: $0.1) }
    }
}
