import Foundation

/// Scores the tagger against a labeled JSONL set. Two shapes are read: the authored dev set (id, title,
/// text, expected_regions, expected_groupings, expected_agencies, expected_topics, expected_doc_types,
/// has_target, is_policy, kind) and the real corpus's labels (id, split, regions, kind), whose texts are
/// joined in by id from the rebuilt corpus because the texts belong to their publishers and are not
/// committed. `is_policy` is `kind == policy` when a kind is given.
///
/// Region metrics follow the design notes: an exact code is a hit; a predicted ancestor standing in for a
/// missed child is half a hit on both sides; an ancestor of a child that was also found is ignored.
public struct TagEvaluator {
    public struct Item: Sendable {
        public var id: String
        public var title: String
        public var text: String
        public var regions: Set<String>
        public var groupings: Set<String>
        public var agencies: Set<String>
        public var topics: Set<String>
        public var docTypes: Set<String>
        public var hasTarget: Bool?
        public var isPolicy: Bool
        public var kind: ArticleKind?
        /// train, dev or test for the real corpus; nil for the authored set.
        public var split: String?
        /// The outlet or feed title the item came from; its publisher's places resolve 我省 and 全市.
        public var publisher: String?
        /// Whether groupings, agencies, topics and doc types were labeled (the real labels carry only
        /// regions and kind, so those rows are not scored for them).
        public var fullLabels = true
    }

    public struct Counts: Sendable {
        public var tp = 0.0, predicted = 0.0, expected = 0.0, tpRecall = 0.0
        public var precision: Double { predicted == 0 ? 1 : tp / predicted }
        public var recall: Double { expected == 0 ? 1 : tpRecall / expected }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

        mutating func set(_ p: Set<String>, _ e: Set<String>) {
            let hits = Double(p.intersection(e).count)
            tp += hits
            tpRecall += hits
            predicted += Double(p.count)
            expected += Double(e.count)
        }
    }

    public struct Report: Sendable {
        public var items = 0
        public var regions = Counts(), groupings = Counts(), agencies = Counts(), topics = Counts(), docTypes = Counts()
        public var policy = Counts()
        public var policyCorrect = 0
        public var targetCorrect = 0, targetLabeled = 0
        /// Labeled kind → predicted kind → count, over the items that have a kind label.
        public var confusion: [ArticleKind: [ArticleKind: Int]] = [:]
        public var kindLabeled = 0, kindCorrect = 0
        public var kindAccuracy: Double { kindLabeled == 0 ? 0 : Double(kindCorrect) / Double(kindLabeled) }
        /// One line per disagreement, for `--verbose`.
        public var misses: [String] = []

        public var policyAccuracy: Double { items == 0 ? 0 : Double(policyCorrect) / Double(items) }
    }

    /// Reads a labeled set; `texts` (id → (title, text)) fills in items whose labels carry no text.
    public static func load(
        jsonl: String, source: String, texts: [String: (title: String, text: String, outlet: String?)] = [:]
    ) throws -> [Item] {
        var items: [Item] = []
        for (n, line) in jsonl.split(separator: "\n").enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw EvaluationError(message: "\(source):\(n + 1): not a JSON object")
            }
            func set(_ k: String) -> Set<String> { Set((obj[k] as? [Any])?.compactMap { "\($0)" } ?? []) }
            let id = obj["id"].map { "\($0)" } ?? "\(n + 1)"
            var kind: ArticleKind?
            if let k = obj["kind"] as? String {
                guard let parsed = ArticleKind(rawValue: k) else {
                    throw EvaluationError(message: "\(source):\(n + 1): kind \"\(k)\" is not one of \(ArticleKind.allCases.map(\.rawValue))")
                }
                kind = parsed
            }
            guard let isPolicy = (obj["is_policy"] as? Bool) ?? kind.map({ $0 == .policy }) else {
                throw EvaluationError(message: "\(source):\(n + 1): neither kind nor is_policy is given")
            }
            var title = obj["title"] as? String
            var text = obj["text"] as? String
            var outlet = obj["outlet"] as? String
            if title == nil, let joined = texts[id] {
                title = joined.title
                text = joined.text
                outlet = outlet ?? joined.outlet
            }
            guard let title else {
                throw EvaluationError(
                    message: "\(source):\(n + 1): item \(id) has no text here; rebuild the corpus (scripts/real-corpus/rebuild.py) and pass it with --texts")
            }
            let real = obj["expected_regions"] == nil && obj["regions"] != nil
            items.append(
                Item(
                    id: id, title: title, text: text ?? "", regions: real ? set("regions") : set("expected_regions"),
                    groupings: set("expected_groupings"), agencies: set("expected_agencies"),
                    topics: set("expected_topics"), docTypes: set("expected_doc_types"),
                    hasTarget: obj["has_target"] as? Bool, isPolicy: isPolicy, kind: kind, split: obj["split"] as? String,
                    publisher: outlet, fullLabels: !real))
        }
        return items
    }

    public let tagger: Tagger
    /// Whether items' outlets count as their publishers (a feed's title does in the ingest path).
    public var usePublishers: Bool

    public init(tagger: Tagger, usePublishers: Bool = true) {
        self.tagger = tagger
        self.usePublishers = usePublishers
    }

    public func evaluate(_ items: [Item]) -> Report {
        var r = Report()
        let gaz = tagger.lexicon.gazetteer
        var publishers: [String: Publisher?] = [:]
        for item in items {
            var publisher: Publisher?
            if usePublishers, let outlet = item.publisher {
                if publishers[outlet] == nil { publishers[outlet] = tagger.lexicon.publisher(feedTitle: outlet) }
                publisher = publishers[outlet] ?? nil
            }
            let t = tagger.tag(title: item.title, text: item.text, publisher: publisher)
            r.items += 1
            let predicted = Set(t.regions.map(\.code))
            regionCounts(predicted, item.regions, gaz, &r.regions)
            if item.fullLabels {
                r.groupings.set(Set(t.groupings.map(\.id)), item.groupings)
                r.agencies.set(Set(t.agencies.map(\.id)), item.agencies)
                r.topics.set(Set(t.topics.map(\.id)), item.topics)
                r.docTypes.set(Set(t.docTypes.map(\.id)), item.docTypes)
            }
            if let kind = item.kind {
                r.kindLabeled += 1
                if kind == t.kind { r.kindCorrect += 1 }
                r.confusion[kind, default: [:]][t.kind, default: 0] += 1
            }
            r.policy.set(t.isPolicy ? ["p"] : [], item.isPolicy ? ["p"] : [])
            if t.isPolicy == item.isPolicy { r.policyCorrect += 1 }
            if let target = item.hasTarget {
                r.targetLabeled += 1
                if target == t.hasTarget { r.targetCorrect += 1 }
            }
            var diffs: [String] = []
            func diff(_ name: String, _ p: Set<String>, _ e: Set<String>) {
                if p != e { diffs.append("\(name) +\(p.subtracting(e).sorted()) -\(e.subtracting(p).sorted())") }
            }
            diff("regions", predicted, item.regions)
            if item.fullLabels {
                diff("agencies", Set(t.agencies.map(\.id)), item.agencies)
                diff("groupings", Set(t.groupings.map(\.id)), item.groupings)
                diff("topics", Set(t.topics.map(\.id)), item.topics)
            }
            if let kind = item.kind, kind != t.kind { diffs.append("kind \(t.kind.rawValue) (labeled \(kind.rawValue))") }
            if t.isPolicy != item.isPolicy { diffs.append("is_policy \(t.isPolicy) (score \(t.policyScore))") }
            if !diffs.isEmpty { r.misses.append("\(item.id) \(item.title.prefix(30)): " + diffs.joined(separator: "; ")) }
        }
        return r
    }

    func regionCounts(_ p: Set<String>, _ e: Set<String>, _ gaz: Gazetteer, _ c: inout Counts) {
        func isAncestor(_ a: String, _ b: String) -> Bool {
            guard let ia = gaz.index(of: a), let ib = gaz.index(of: b) else { return false }
            return gaz.isAncestor(ia, of: ib)
        }
        for code in p {
            if e.contains(code) {
                c.tp += 1
                c.predicted += 1
            } else if e.contains(where: { p.contains($0) && isAncestor(code, $0) }) {
                continue  // the parent of a child that was found: implied, not counted
            } else if e.contains(where: { isAncestor(code, $0) }) {
                c.tp += 0.5
                c.predicted += 1
            } else {
                c.predicted += 1
            }
        }
        for code in e {
            c.expected += 1
            if p.contains(code) { c.tpRecall += 1 } else if p.contains(where: { isAncestor($0, code) }) { c.tpRecall += 0.5 }
        }
    }
}

public struct EvaluationError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
    public init(message: String) { self.message = message }
}
