import ArgumentParser
import FinwireTag
import Foundation

/// `finwire tag --dump-features`: the models' inputs, computed by the same code that serves them, so the
/// training script never reimplements a feature (and a retrained model cannot drift from the tagger).
enum FeatureDump {
    struct Item {
        var id: String
        var title: String
        var text: String
        /// Who published it (the rebuilt corpus's outlet), read like a feed's title for its publisher.
        var outlet: String?
    }

    static func items(path: String) throws -> [Item] {
        try readJSONLObjects(path).map { line, obj in
            guard let id = obj["id"].map({ "\($0)" }) else { throw ValidationError("\(path):\(line): no id") }
            return Item(
                id: id, title: obj["title"] as? String ?? "", text: obj["text"] as? String ?? "", outlet: obj["outlet"] as? String)
        }
    }

    static func run(path: String, tagger: Tagger) throws {
        let out = FileHandle.standardOutput
        for item in try items(path: path) {
            let f = tagger.features(title: item.title, text: item.text)
            let object: [String: Any] = [
                "id": item.id, "kind_features": f.kind.sorted(), "rule_policy_score": f.rulePolicyScore,
                "regions": f.regions.map { ["code": $0.code, "features": $0.features.sorted()] },
            ]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            out.write(data + Data("\n".utf8))
        }
    }
}
