import ArgumentParser
import FinwireCommandSupport
import FinwireDaemon
import FinwireDedupe
import FinwireModel
import FinwireStore
import FinwireTag
import Foundation

struct DedupeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedupe",
        abstract: "Story clusters: cluster what is pending, rebuild them all, or score the judge on labeled pairs.",
        discussion: """
            The ingest path clusters new articles as they land: each joins the story it shares a canonical URL, \
            a title or 原标题, a document number (浙政办发〔2021〕36号) or near-identical text with — unless the \
            figures or places differ — or starts its own. Without options this command clusters whatever is \
            pending (say after a crash). --rebuild forgets every story and clusters all articles again, oldest \
            first: run it after changing the dedupe settings. --evaluate scores the judge on a labeled pair set: \
            precision and recall of "same story", per split when the pairs carry one. The written set \
            (Tests/Fixtures/dedupe/pairs.jsonl) carries its texts; the real one (Tests/Fixtures/dedupe/real/pairs.jsonl) \
            names item ids, whose texts come from the rebuilt corpus (--texts).

            Examples:
              finwire dedupe --config config.json --rebuild
              finwire dedupe --evaluate Tests/Fixtures/dedupe/pairs.jsonl --verbose
              finwire dedupe --evaluate Tests/Fixtures/dedupe/real/pairs.jsonl --texts data/real-corpus/items.jsonl
            """)

    @Option(name: .shortAndLong, help: "The configuration file.")
    var config: String = "config.json"

    @Flag(help: "Forget every story and cluster all articles again.")
    var rebuild = false

    @Option(help: "Score the judge on a labeled pair set (JSON Lines).")
    var evaluate: String?

    @Flag(help: "With --evaluate, list every pair the judge gets wrong.")
    var verbose = false

    @Option(help: "With --evaluate: the rebuilt corpus (JSONL with id, title, text, url, published) for pairs that name item ids.")
    var texts: String?

    func run() async throws {
        if let evaluate {
            let judgeConfig = FileManager.default.fileExists(atPath: config) ? try loadConfiguration(config) : nil
            let text: String
            do { text = try String(contentsOfFile: evaluate, encoding: .utf8) } catch {
                throw ValidationError("\(evaluate): cannot read: \(error.localizedDescription)")
            }
            // As in the ingest path: the tagger's regions feed the places veto, its table folds traditional text.
            let tagger = Tagger()
            let evaluator = PairEvaluator(
                extractor: FeatureExtractor(urls: judgeConfig?.urls ?? URLCanonicalizer(), fold: tagger.lexicon.normalizer.fold),
                judge: DuplicateJudge(thresholds: judgeConfig?.judge ?? DuplicateJudge.Thresholds()),
                regions: { Set(tagger.tag(title: $0, text: $1).regions.map(\.code)) })
            var items: [String: [String: Any]] = [:]
            for entry in try texts.map(readJSONLObjects) ?? [] {
                if let id = entry.object["id"] as? String { items[id] = entry.object }
            }
            let present = Set(try readJSONLObjects(evaluate).compactMap { $0.object["split"] as? String })
            let splits = ["train", "dev", "test"].filter(present.contains)
            for split in splits where splits.count > 1 {
                let r = try evaluator.evaluate(jsonl: text, source: evaluate, items: items, split: split)
                print(String(format: "%@ [%@]: %d pairs  precision %.3f  recall %.3f  (tp %d, fp %d, fn %d, tn %d)",
                             evaluate, split, r.pairs, r.precision, r.recall, r.truePositives, r.falsePositives, r.falseNegatives, r.trueNegatives))
            }
            let r = try evaluator.evaluate(jsonl: text, source: evaluate, items: items)
            if verbose { r.mistakes.forEach { print($0) } }
            print(String(format: "%@%@: %d pairs  precision %.3f  recall %.3f  (tp %d, fp %d, fn %d, tn %d)",
                         evaluate, splits.count > 1 ? " [all splits]" : "", r.pairs, r.precision, r.recall, r.truePositives,
                         r.falsePositives, r.falseNegatives, r.trueNegatives))
            print("decided by: " + r.bySignal.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            return
        }
        let config = try loadConfiguration(self.config)
        let lock = try takeWriterLock(config)
        defer { withExtendedLifetime(lock) {} }
        let store = try openStore(config)
        // A batch job, not the daemon: ~100 MB more of older articles' features kept, so the first reports
        // that a document number or title keeps bringing back are shingled once, not once per later report.
        guard let clusterer = config.makeClusterer(store: store, recentCapacity: 32_768) else {
            throw ValidationError("dedupe is turned off in \(self.config) (dedupe.enabled)")
        }
        if rebuild {
            try await store.resetStories()
            await clusterer.reset()
        }
        let started = ContinuousClock.now
        let reporter = ProgressReporter(label: "dedupe", unit: "articles", total: try await store.articleCount())
        let s = try await clusterer.clusterPending { done in reporter.update(done) }
        reporter.finish()
        let elapsed = ContinuousClock.now - started
        let stories = try await store.storyCount()
        let articles = try await store.articleCount()
        print("clustered \(s.clustered) articles (\(s.joined) joined an existing story) in \(elapsed); \(articles) articles in \(stories) stories")
        if !s.bySignal.isEmpty {
            print("joined by: " + s.bySignal.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
    }
}

struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Why two stored articles were merged into one story, or not.",
        discussion: """
            Prints both articles' dedupe keys (canonical URL, title key, 原标题, document numbers, SimHash) and \
            the judge's verdict: the deciding signal, text Jaccard, title Dice, SimHash distance and the overlap \
            of the figures they state. With one id, compares the article with its story's canonical member.

            Example: finwire explain --config config.json 1042 2077
            """)

    @Option(name: .shortAndLong, help: "The configuration file.")
    var config: String = "config.json"

    @Argument(help: "One or two article ids (the `id` of `export --format jsonl`).")
    var ids: [Int64]

    func run() async throws {
        guard (1...2).contains(ids.count) else { throw ValidationError("give one or two article ids") }
        let config = try loadConfiguration(self.config)
        let store = try openStore(config)
        var rows = try await store.rows(ids: ids)
        for id in ids where !rows.contains(where: { $0.id == id }) {
            throw ValidationError("no article with id \(id) in \(config.databasePath)")
        }
        if ids.count == 1, let story = rows[0].storyId, let canonical = try await store.canonicalArticle(ofStory: story),
            canonical != ids[0]
        {
            rows += try await store.rows(ids: [canonical])
        }
        guard rows.count == 2 else {
            print("article \(ids[0]) is alone in its story (or not clustered yet)")
            return
        }
        let x = FeatureExtractor(urls: config.urls, fold: { TextNormalizer.bundled.fold($0) })
        let (a, b) = (rows.first { $0.id == ids[0] }!, rows.first { $0.id != ids[0] }!)
        let fa = x.features(title: a.title, text: a.text, url: a.url, published: a.published ?? Date())
        let fb = x.features(title: b.title, text: b.text, url: b.url, published: b.published ?? Date())
        for (r, f) in [(a, fa), (b, fb)] {
            print("article \(r.id) [\(r.feedId)] story \(r.storyId.map(String.init) ?? "none"): \(r.title)")
            print("  canonical url: \(f.canonicalURL ?? "-")")
            print("  title key:     \(f.titleKey)\(f.originalTitleKey.map { "   原标题 key: \($0)" } ?? "")")
            print("  doc numbers:   \(f.docNumbers.isEmpty ? "-" : f.docNumbers.joined(separator: ", "))")
            print("  simhash:       \(String(f.simhash, radix: 16))   regions: \(r.regions.joined(separator: " "))")
        }
        let v = DuplicateJudge(thresholds: config.judge).judge(fa, fb, regionsA: Set(a.regions), regionsB: Set(b.regions))
        print(String(format: "verdict: %@ (%@); text jaccard %.2f, title dice %.2f, simhash distance %d, numbers overlap %@",
                     v.same ? "same story" : "different stories", v.signal, v.jaccard, v.titleDice, v.simhashDistance,
                     v.numbersOverlap.map { String(format: "%.2f", $0) } ?? "n/a"))
        print(a.storyId != nil && a.storyId == b.storyId ? "stored: in the same story" : "stored: in different stories")
    }
}
