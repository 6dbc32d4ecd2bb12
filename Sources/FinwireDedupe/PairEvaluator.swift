import FinwireModel
import Foundation

/// Scores the judge on a labeled pair set (Tests/Fixtures/dedupe/pairs.jsonl): precision and recall of
/// "same story", and which signal decided each pair.
public struct PairEvaluator {
    public struct Report: Sendable {
        public var pairs = 0, truePositives = 0, falsePositives = 0, falseNegatives = 0, trueNegatives = 0
        public var bySignal: [String: Int] = [:]
        public var mistakes: [String] = []
        public var precision: Double { truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives) }
        public var recall: Double { truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives) }
    }

    public let extractor: FeatureExtractor
    public let judge: DuplicateJudge
    /// The regions an article is about (the tag stage's), for the places veto; nil judges without it.
    public let regions: ((String, String) -> Set<String>)?

    public init(
        extractor: FeatureExtractor = FeatureExtractor(), judge: DuplicateJudge = DuplicateJudge(),
        regions: ((String, String) -> Set<String>)? = nil
    ) {
        self.extractor = extractor
        self.judge = judge
        self.regions = regions
    }

    /// Scores every pair (or only those of `split`). A pair's sides are objects ({title, text, link,
    /// published}) or, in the real pair set, item ids looked up in `items` (the rebuilt corpus: the texts
    /// belong to their publishers and are not committed).
    public func evaluate(
        jsonl: String, source: String, items: [String: [String: Any]] = [:], split: String? = nil
    ) throws -> Report {
        var r = Report()
        for (n, line) in jsonl.split(separator: "\n").enumerated() where !line.isEmpty {
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let same = obj["same_story"] as? Bool
            else { throw PairEvaluationError(message: "\(source):\(n + 1): expected {\"a\", \"b\", \"same_story\"}") }
            if let split, obj["split"] as? String != split { continue }
            func side(_ key: String) throws -> [String: Any] {
                if let x = obj[key] as? [String: Any] { return x }
                if let id = obj[key] as? String {
                    guard let x = items[id] else {
                        throw PairEvaluationError(
                            message: "\(source):\(n + 1): item \(id) has no text here; rebuild the corpus (scripts/real-corpus/rebuild.py) and pass it with --texts")
                    }
                    return x
                }
                throw PairEvaluationError(message: "\(source):\(n + 1): \"\(key)\" is neither an item nor an item id")
            }
            let (a, b) = (try side("a"), try side("b"))
            func f(_ x: [String: Any]) -> TextFeatures {
                extractor.features(
                    title: x["title"] as? String ?? "", text: x["text"] as? String ?? "",
                    url: (x["link"] ?? x["url"]) as? String, published: (x["published"] as? String).flatMap { DateText.parse($0, timeZone: FeedSource.defaultTimeZone) })
            }
            func places(_ x: [String: Any]) -> Set<String> {
                regions?(x["title"] as? String ?? "", x["text"] as? String ?? "") ?? []
            }
            let v = judge.judge(f(a), f(b), regionsA: places(a), regionsB: places(b))
            r.pairs += 1
            r.bySignal[v.signal, default: 0] += 1
            switch (v.same, same) {
            case (true, true): r.truePositives += 1
            case (true, false): r.falsePositives += 1
            case (false, true): r.falseNegatives += 1
            case (false, false): r.trueNegatives += 1
            }
            if v.same != same {
                let kind = obj["kind"] as? String ?? ""
                r.mistakes.append(
                    String(format: "%@ [%@] labeled %@, judged %@ by %@ (jaccard %.2f, dice %.2f, simhash %d, numbers %@)",
                           "\(obj["id"] ?? n + 1)", kind, same ? "same" : "different", v.same ? "same" : "different",
                           v.signal, v.jaccard, v.titleDice, v.simhashDistance, v.numbersOverlap.map { String(format: "%.2f", $0) } ?? "-"))
            }
        }
        return r
    }
}

public struct PairEvaluationError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
