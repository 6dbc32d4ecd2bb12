import ArgumentParser
import FinwireDaemon
import FinwireTag
import FinwireXML
import Foundation

struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag",
        abstract: "Tag a text offline: regions, groupings, agencies, topics, document types, policy score.",
        discussion: """
            Reads FILE (plain text; a feed entry's HTML when the name ends in .html or .htm; - for stdin) or \
            --text, and prints the tags finwire would store. --explain lists each tag's evidence: the matched \
            span, where it stood (title or text, character offset) and the rule that accepted it. --json \
            prints one object: {"regions": [{"code", "name", "level", "evidence"}], "groupings", "agencies", \
            "topics", "doc_types", "policy_score", "is_policy"}. With --config, the configuration's tagging \
            rules and extra topics apply too.

            --evaluate FILE.jsonl scores the tagger against a labeled set (see Tests/Fixtures/tagging/README.md): \
            region precision/recall by code, agency and grouping P/R, topic micro-F1, is_policy F1.

            Examples:
              finwire tag --title "浙江发布金融支持山区26县方案" --text "浙江银保监局……" --explain
              finwire tag --json article.html
              finwire tag --evaluate Tests/Fixtures/tagging/dev.jsonl --verbose
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
        let result = tagger.tag(title: title, text: body)
        if json {
            print(result.jsonString(pretty: explain))
        } else {
            print(TagReport.text(result, explain: explain))
        }
    }

    func runEvaluation(_ path: String, tagger: Tagger) throws {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ValidationError("\(path): cannot read: \(error.localizedDescription)")
        }
        let items = try TagEvaluator.load(jsonl: text, source: path)
        let r = TagEvaluator(tagger: tagger).evaluate(items)
        if verbose { r.misses.forEach { print($0) } }
        print(TagReport.evaluation(r, source: path))
    }
}

/// Human-readable output for `finwire tag`.
enum TagReport {
    static func text(_ r: TagResult, explain: Bool) -> String {
        var lines: [String] = []
        lines.append(String(format: "policy_score %.3f  is_policy %@  has_target %@", r.policyScore, r.isPolicy ? "yes" : "no", r.hasTarget ? "yes" : "no"))
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
        return [
            "\(source): \(r.items) items",
            row("regions", r.regions), row("groupings", r.groupings), row("agencies", r.agencies),
            row("topics", r.topics), row("doc_types", r.docTypes), row("is_policy", r.policy),
            String(format: "is_policy accuracy %.3f; has_target accuracy %.3f (%d labeled)", r.policyAccuracy,
                   r.targetLabeled == 0 ? 0 : Double(r.targetCorrect) / Double(r.targetLabeled), r.targetLabeled),
        ].joined(separator: "\n")
    }
}
