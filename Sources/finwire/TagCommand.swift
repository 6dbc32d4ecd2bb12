import ArgumentParser
import FinwireCommandSupport
import FinwireDaemon
import FinwireTag
import FinwireXML
import Foundation

struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag",
        abstract: "Tag a text offline: regions, groupings, agencies, topics, document types, kind.",
        discussion: """
            Reads FILE (plain text; a feed entry's HTML when the name ends in .html or .htm; - for stdin) or \
            --text, and prints the tags finwire would store. --explain lists each tag's evidence: the matched \
            span, where it stood (title or text, character offset) and the rule that accepted it. --json \
            prints one object: {"regions": [{"code", "name", "level", "evidence"}], "groupings", "agencies", \
            "topics", "doc_types", "kind", "kind_scores", "kind_evidence", "policy_score", "is_policy"}. The kind is \
            one of policy, enforcement, data, market, company, commentary, other; is_policy means policy. With --config, the configuration's tagging \
            rules and extra topics apply too. --publisher names who published the text — a feed's title \
            (湖北省人民政府) or places (湖北, 420100) — as a feed's `region` or title does in the ingest path: \
            the text's 我省, 全市, 省财政厅 then point at it, and the publisher's own policy, penalty or figure \
            that names no place is about its jurisdiction.

            --evaluate FILE.jsonl scores the tagger against a labeled set (see Tests/Fixtures/tagging/README.md): \
            region precision/recall by code, agency and grouping P/R, topic micro-F1, is_policy F1, kind \
            accuracy and its confusion matrix — per split (train, dev, test) when the items carry one. The \
            real corpus's labels carry no texts (they belong to their publishers): rebuild the texts with \
            scripts/real-corpus/rebuild.py and pass them with --texts. Each item's `outlet` is read as its \
            feed's title (--ignore-outlets scores the text alone).

            --dump-features ITEMS.jsonl prints, per item ({"id", "title", "text"} lines), the features the \
            kind and region models read: what scripts/train-tagger.py fits the shipped weights on.

            Examples:
              finwire tag --title "浙江发布金融支持山区26县方案" --text "浙江银保监局……" --explain
              finwire tag --json article.html
              finwire tag --evaluate Tests/Fixtures/tagging/dev.jsonl --verbose
              finwire tag --evaluate Tests/Fixtures/tagging/real/labels.jsonl --texts data/real-corpus/items.jsonl
            """)

    @Argument(help: "A text or HTML file to tag (- for standard input).")
    var file: String?

    @Option(help: "Text to tag instead of a file.")
    var text: String?

    @Option(help: "A title (title matches weigh more).")
    var title: String = ""

    @Flag(help: "Show every tag's evidence.")
    var explain = false

    @Flag(help: "Print JSON.")
    var json = false

    @Option(name: .shortAndLong, help: "A configuration whose tagging rules and topics should apply.")
    var config: String?

    @Option(help: "Score the tagger against a labeled JSONL set.")
    var evaluate: String?

    @Flag(help: "With --evaluate, list every item where the tagger and the labels disagree.")
    var verbose = false

    @Option(help: "With --evaluate: a JSONL file of {id, title, text} supplying texts the labels do not carry.")
    var texts: String?

    @Flag(help: "With --evaluate: do not read the items' outlets as their publishers.")
    var ignoreOutlets = false

    @Option(help: "Who published the text: a feed title or places (codes or names, comma-separated).")
    var publisher: String?

    @Option(help: "With --evaluate: score only this split (train, dev or test).")
    var split: String?

    @Option(help: "Print the models' features for each {id, title, text} line of a JSONL file.")
    var dumpFeatures: String?

    func run() throws {
        let tagger: Tagger
        if let config {
            let c = try loadConfiguration(config)
            tagger = Tagger(rules: c.tagRules, extraTopics: c.extraTopics)
        } else {
            tagger = Tagger()
        }
        if let evaluate {
            try runEvaluation(evaluate, tagger: tagger)
            return
        }
        if let dumpFeatures {
            try FeatureDump.run(path: dumpFeatures, tagger: tagger)
            return
        }
        let body: String
        if let text {
            body = text
        } else if let file {
            let data: Data
            do {
                data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile()
                    : try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                throw ValidationError("\(file): cannot read: \(error.localizedDescription)")
            }
            let raw = String(decoding: data, as: UTF8.self)
            let lower = file.lowercased()
            body = lower.hasSuffix(".html") || lower.hasSuffix(".htm") ? HTMLText(html: raw).text : raw
        } else {
            throw ValidationError("give a FILE, --text \"…\" or --evaluate FILE.jsonl")
        }
        let result = tagger.tag(title: title, text: body, publisher: try publisher.map { try resolvePublisher($0, tagger) } ?? nil)
        if json {
            print(result.jsonString(pretty: explain))
        } else {
            print(TagReport.text(result, explain: explain))
        }
    }

    /// Places if every comma-separated part names one, else a feed title to read.
    func resolvePublisher(_ value: String, _ tagger: Tagger) throws -> Publisher? {
        let parts = value.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        let (places, unknown) = tagger.lexicon.publisher(regions: parts)
        if unknown.isEmpty { return places }
        guard let read = tagger.lexicon.publisher(feedTitle: value) else {
            throw ValidationError("--publisher \"\(value)\": names no place, and does not read as a government's or regulator's title")
        }
        return read
    }

    func runEvaluation(_ path: String, tagger: Tagger) throws {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ValidationError("\(path): cannot read: \(error.localizedDescription)")
        }
        var joined: [String: (title: String, text: String, outlet: String?)] = [:]
        if let texts {
            for item in try FeatureDump.items(path: texts) { joined[item.id] = (item.title, item.text, item.outlet) }
        }
        var items = try TagEvaluator.load(jsonl: text, source: path, texts: joined)
        if let split { items = items.filter { $0.split == split } }
        let evaluator = TagEvaluator(tagger: tagger, usePublishers: !ignoreOutlets)
        let splits = Set(items.compactMap(\.split))
        let order = ["train", "dev", "test"].filter(splits.contains) + splits.subtracting(["train", "dev", "test"]).sorted()
        for name in order where order.count > 1 {
            let r = evaluator.evaluate(items.filter { $0.split == name })
            print(TagReport.evaluation(r, source: "\(path) [\(name)]") + "\n")
        }
        let r = evaluator.evaluate(items)
        if verbose { r.misses.forEach { print($0) } }
        print(TagReport.evaluation(r, source: order.count > 1 ? "\(path) [all splits]" : split.map { "\(path) [\($0)]" } ?? path))
    }
}

/// Human-readable output for `finwire tag`.
enum TagReport {
    static func text(_ r: TagResult, explain: Bool) -> String {
        var lines: [String] = []
        lines.append(String(format: "kind %@  policy_score %.3f  is_policy %@  has_target %@", r.kind.rawValue, r.policyScore, r.isPolicy ? "yes" : "no", r.hasTarget ? "yes" : "no"))
        if explain, !r.kindScores.isEmpty {
            let scores = r.kindScores.sorted { $0.value > $1.value }.map { String(format: "%@ %.3f", $0.key, $0.value) }
            lines.append("  kind scores: " + scores.joined(separator: ", "))
            if !r.kindEvidence.isEmpty { lines.append("  kind evidence: " + r.kindEvidence.joined(separator: " ")) }
        }
        func section(_ name: String, _ tags: [(String, Double, [Evidence])]) {
            guard !tags.isEmpty else { return }
            lines.append("\(name):")
            for (label, score, evidence) in tags {
                lines.append(String(format: "  %@  (score %.2f)", label, score))
                if explain {
                    for e in evidence { lines.append("      \(e.field)@\(e.offset) \"\(e.match)\" [\(e.rule)]") }
                }
            }
        }
        section("regions", r.regions.map { ("\($0.code) \($0.name) [\($0.level)]", $0.score, $0.evidence) })
        section("groupings", r.groupings.map { ("\($0.id) \($0.name)", $0.score, $0.evidence) })
        section("agencies", r.agencies.map { ("\($0.id) \($0.name)", $0.score, $0.evidence) })
        section("topics", r.topics.map { ($0.id, $0.score, $0.evidence) })
        section("doc_types", r.docTypes.map { ($0.id, $0.score, $0.evidence) })
        section("custom", r.custom.map { ($0.id, $0.score, $0.evidence) })
        return lines.joined(separator: "\n")
    }

    static func evaluation(_ r: TagEvaluator.Report, source: String) -> String {
        func row(_ name: String, _ c: TagEvaluator.Counts) -> String {
            String(format: "%-10@ precision %.3f  recall %.3f  F1 %.3f", name as NSString, c.precision, c.recall, c.f1)
        }
        var lines = [
            "\(source): \(r.items) items",
            row("regions", r.regions), row("groupings", r.groupings), row("agencies", r.agencies),
            row("topics", r.topics), row("doc_types", r.docTypes), row("is_policy", r.policy),
            String(format: "is_policy accuracy %.3f; has_target accuracy %.3f (%d labeled)", r.policyAccuracy,
                   r.targetLabeled == 0 ? 0 : Double(r.targetCorrect) / Double(r.targetLabeled), r.targetLabeled),
        ]
        if r.kindLabeled > 0 {
            lines.append(String(format: "kind accuracy %.3f (%d of %d)", r.kindAccuracy, r.kindCorrect, r.kindLabeled))
            let kinds = ArticleKind.allCases
            let short = ["policy": "pol", "enforcement": "enf", "data": "data", "market": "mkt", "company": "co", "commentary": "comm", "other": "oth"]
            lines.append("  labeled \\ tagged " + kinds.map { ($0 == kinds.first ? "" : " ") + (short[$0.rawValue] ?? "").padding(toLength: 5, withPad: " ", startingAt: 0) }.joined())
            for k in kinds {
                let row = kinds.map { String(format: "%5d", r.confusion[k]?[$0] ?? 0) }.joined(separator: " ")
                lines.append("  " + k.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0) + row)
            }
        }
        return lines.joined(separator: "\n")
    }
}
