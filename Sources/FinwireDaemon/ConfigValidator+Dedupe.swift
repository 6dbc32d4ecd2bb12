import FinwireDedupe

/// The `dedupe` section: canonical-URL rules and the judge's thresholds.
extension ConfigValidator {
    static let dedupeKeys: Set<String> = [
        "enabled", "tracking_parameters", "host_pairs", "simhash_distance", "text_jaccard", "weak_text_jaccard",
        "title_dice", "numbers_overlap",
    ]

    mutating func dedupe(_ node: ConfigNode, into config: inout Configuration) {
        guard let d = object(node, "dedupe", allowed: Self.dedupeKeys) else { return }
        config.dedupeEnabled = bool(d["enabled"], "dedupe.enabled") ?? true
        if let t = d["tracking_parameters"] {
            config.urls.trackingParameters += strings(t, "dedupe.tracking_parameters")
        }
        if let h = d["host_pairs"], let pairs = object(h, "dedupe.host_pairs", allowed: nil) {
            for (from, node) in pairs {
                if let to = string(node, "dedupe.host_pairs.\(from)") { config.urls.hostPairs[from.lowercased()] = to.lowercased() }
            }
        }
        if let n = integer(d["simhash_distance"], "dedupe.simhash_distance", min: 0, max: 3) {
            config.judge.simhashDistance = n
        }
        config.judge.textJaccard = fraction(d["text_jaccard"], "dedupe.text_jaccard") ?? config.judge.textJaccard
        config.judge.weakTextJaccard = fraction(d["weak_text_jaccard"], "dedupe.weak_text_jaccard") ?? config.judge.weakTextJaccard
        config.judge.titleDice = fraction(d["title_dice"], "dedupe.title_dice") ?? config.judge.titleDice
        config.judge.numbersOverlap = fraction(d["numbers_overlap"], "dedupe.numbers_overlap") ?? config.judge.numbersOverlap
    }

    /// A number between 0 and 1.
    mutating func fraction(_ node: ConfigNode?, _ path: String) -> Double? {
        guard let node else { return nil }
        guard case .number(let x, _) = node.value, x >= 0, x <= 1 else {
            problem(path, node, "expected a number between 0 and 1, found \(node.typeName)")
            return nil
        }
        return x
    }
}
