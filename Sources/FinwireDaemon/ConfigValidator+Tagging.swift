import FinwireTag

/// The `tagging` section: user rules and extra topic keywords, validated like every other key.
extension ConfigValidator {
    static let taggingKeys: Set<String> = ["enabled", "rules", "topics"]
    static let ruleKeys: Set<String> = ["tag", "keywords", "regex", "scope", "feeds"]

    mutating func tagging(_ node: ConfigNode, into config: inout Configuration, feedIds: Set<String>) {
        guard let t = object(node, "tagging", allowed: Self.taggingKeys) else { return }
        config.taggingEnabled = bool(t["enabled"], "tagging.enabled") ?? true
        if let topics = t["topics"], let pairs = object(topics, "tagging.topics", allowed: nil) {
            for (id, list) in pairs {
                let words = strings(list, "tagging.topics.\(id)")
                if id.isEmpty || words.isEmpty {
                    problem("tagging.topics.\(id)", list, "a topic needs a name and at least one keyword")
                } else {
                    config.extraTopics[id] = words
                }
            }
        }
        guard let rules = t["rules"] else { return }
        guard case .array(let items) = rules.value else {
            problem("tagging.rules", rules, "expected an array of rules, found \(rules.typeName)")
            return
        }
        for (i, item) in items.enumerated() {
            let path = "tagging.rules[\(i)]"
            guard let r = object(item, path, allowed: Self.ruleKeys) else { continue }
            let tag = string(r["tag"], "\(path).tag") ?? ""
            if tag.isEmpty { problem("\(path).tag", r["tag"] ?? item, "missing: every rule names the tag it adds") }
            let keywords = r["keywords"].map { strings($0, "\(path).keywords") } ?? []
            let regex = string(r["regex"], "\(path).regex")
            if keywords.isEmpty && regex == nil {
                problem(path, item, "a rule needs \"keywords\" (a list) or a \"regex\"")
            }
            var scope = UserRule.Scope.any
            if let s = string(r["scope"], "\(path).scope") {
                if let parsed = UserRule.Scope(rawValue: s) { scope = parsed } else {
                    problem("\(path).scope", r["scope"], "expected title, text or any; found \"\(s)\"")
                }
            }
            let feeds = r["feeds"].map { strings($0, "\(path).feeds") } ?? []
            for f in feeds where !feedIds.contains(f) {
                problem("\(path).feeds", r["feeds"], "no feed has the id \"\(f)\"")
            }
            guard !tag.isEmpty, !keywords.isEmpty || regex != nil else { continue }
            do {
                config.tagRules.append(try UserRule(tag: tag, keywords: keywords, pattern: regex, scope: scope, feeds: feeds))
            } catch {
                problem("\(path).regex", r["regex"], "not a valid regular expression: \(error)")
            }
        }
    }

    /// A list of non-empty strings.
    mutating func strings(_ node: ConfigNode, _ path: String) -> [String] {
        guard case .array(let list) = node.value else {
            problem(path, node, "expected an array of strings, found \(node.typeName)")
            return []
        }
        var out: [String] = []
        for (i, item) in list.enumerated() {
            if let s = string(item, "\(path)[\(i)]") {
                if s.isEmpty { problem("\(path)[\(i)]", item, "must not be empty") } else { out.append(s) }
            }
        }
        return out
    }
}
