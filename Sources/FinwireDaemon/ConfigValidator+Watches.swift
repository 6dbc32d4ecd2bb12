import FinwireAlerts
import FinwireExport
import FinwireModel
import FinwireStore
import Foundation

/// A configured watch: what it selects (the `export` filter, one implementation) and where it delivers.
public struct WatchConfiguration: Sendable, Equatable {
    public var id: String
    public var selection: Selection
    public var filter: ExportFilter
    public var targets: [DeliveryTarget]
    /// Whether a revised article alerts again.
    public var revisions: Bool
}

extension Configuration {
    /// The watches as the store applies them in its transactions.
    public var alertRules: [AlertRule] {
        watches.map { AlertRule(watchId: $0.id, filter: $0.filter, targets: $0.targets.map(\.key), revisions: $0.revisions) }
    }

    /// The watches as the deliverer sends them.
    public var watchTargets: [WatchTargets] { watches.map { WatchTargets(watchId: $0.id, targets: $0.targets) } }
}

/// The `watches` section. Secrets never come from the configuration text: a `secret`/`token` key is an
/// error that says where to put it instead.
extension ConfigValidator {
    static let watchKeys: Set<String> = ["id", "filter", "deliver", "revisions"]
    static let watchFilterKeys: Set<String> = [
        "region", "kind", "topic", "agency", "tag", "query", "min_score", "policy_only", "feeds",
    ]
    static let deliverKeys: Set<String> = [
        "type", "url", "secret_file", "secret_env", "chat_id", "token_file", "token_env", "from", "to", "username",
        "password_file", "password_env", "starttls",
    ]
    static let telegramAPI = URL(string: "https://api.telegram.org")!

    mutating func watches(_ node: ConfigNode, into config: inout Configuration) {
        guard case .array(let list) = node.value else {
            problem("watches", node, "expected an array of watches, found \(node.typeName)")
            return
        }
        var ids = Set<String>()
        for (i, item) in list.enumerated() {
            let path = "watches[\(i)]"
            guard let w = object(item, path, allowed: Self.watchKeys) else { continue }
            guard let id = string(w["id"], "\(path).id") else {
                if w["id"] == nil { problem("\(path).id", item, "missing (a name like zj-credit)") }
                continue
            }
            if !isToken(id) { problem("\(path).id", w["id"], "expected letters, digits, '-', '_' or '.', found '\(id)'") }
            if !ids.insert(id).inserted { problem("\(path).id", w["id"], "duplicate watch id '\(id)'") }
            var selection = Selection()
            if let f = w["filter"], let filter = object(f, "\(path).filter", allowed: Self.watchFilterKeys) {
                selection.regions = stringOrList(filter["region"], "\(path).filter.region")
                selection.kinds = stringOrList(filter["kind"], "\(path).filter.kind")
                selection.topics = stringOrList(filter["topic"], "\(path).filter.topic")
                selection.agencies = stringOrList(filter["agency"], "\(path).filter.agency")
                selection.tags = stringOrList(filter["tag"], "\(path).filter.tag")
                selection.feeds = stringOrList(filter["feeds"], "\(path).filter.feeds")
                selection.query = string(filter["query"], "\(path).filter.query")
                selection.minScore = fraction(filter["min_score"], "\(path).filter.min_score")
                selection.policyOnly = bool(filter["policy_only"], "\(path).filter.policy_only") ?? false
                let known = Set(config.feeds.map(\.id))
                for (j, feed) in selection.feeds.enumerated() where !known.contains(feed) {
                    problem("\(path).filter.feeds[\(j)]", filter["feeds"], "no feed with id '\(feed)'")
                }
            }
            let exportFilter: ExportFilter
            do {
                exportFilter = try selection.exportFilter(
                    extraTopics: Array(config.extraTopics.keys), flag: { "\(path).filter.\($0.replacingOccurrences(of: "-", with: "_"))" })
            } catch {
                // "watches[0].filter.region: no region …": the path, then the message.
                let text = error.description
                let colon = text.range(of: ": ")
                problem(
                    colon.map { String(text[..<$0.lowerBound]) } ?? "\(path).filter", w["filter"],
                    colon.map { String(text[$0.upperBound...]) } ?? text)
                continue
            }
            var targets: [DeliveryTarget] = []
            if let d = w["deliver"], case .array(let ds) = d.value, !ds.isEmpty {
                for (j, t) in ds.enumerated() {
                    if let target = deliveryTarget(t, "\(path).deliver[\(j)]", index: j) { targets.append(target) }
                }
            } else {
                problem("\(path).deliver", w["deliver"] ?? item, "expected a non-empty array of targets ({\"type\": \"webhook\", \"url\": …})")
            }
            config.watches.append(
                WatchConfiguration(
                    id: id, selection: selection, filter: exportFilter, targets: targets,
                    revisions: bool(w["revisions"], "\(path).revisions") ?? false))
        }
    }

    /// One string or an array of strings.
    mutating func stringOrList(_ node: ConfigNode?, _ path: String) -> [String] {
        guard let node else { return [] }
        if case .string(let s) = node.value { return [s] }
        return strings(node, path)
    }

    mutating func deliveryTarget(_ node: ConfigNode, _ path: String, index: Int) -> DeliveryTarget? {
        if case .object(let pairs) = node.value {
            for (key, value) in pairs where ["secret", "token", "password"].contains(key) {
                problem(
                    "\(path).\(key)", value,
                    "secrets are not read from the configuration text: put it in a file (\(key)_file) or an environment variable (\(key)_env)")
            }
        }
        guard let t = object(node, path, allowed: Self.deliverKeys.union(["secret", "token", "password"])) else { return nil }
        guard let typeName = string(t["type"], "\(path).type") else {
            if t["type"] == nil { problem("\(path).type", node, "missing (one of \(DeliveryTarget.Kind.allCases.map(\.rawValue).joined(separator: ", ")))") }
            return nil
        }
        guard let kind = DeliveryTarget.Kind(rawValue: typeName) else {
            problem(
                "\(path).type", t["type"],
                "unknown delivery type '\(typeName)' (one of \(DeliveryTarget.Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
            return nil
        }
        var url: URL?
        let schemes = kind == .email ? ["smtp", "smtps"] : ["http", "https"]
        if let raw = string(t["url"], "\(path).url") {
            if let u = URL(string: raw), schemes.contains(u.scheme?.lowercased() ?? ""), u.host != nil {
                url = u
            } else {
                problem("\(path).url", t["url"], "expected \(kind == .email ? "an smtp:// or smtps:// URL (smtps://smtp.example.com:465)" : "an http or https URL"), found '\(raw)'")
                return nil
            }
        } else if kind == .telegram {
            url = Self.telegramAPI
        } else {
            problem("\(path).url", node, "missing (the \(typeName) endpoint)")
            return nil
        }
        let secret = secretValue(t, path, file: "secret_file", env: "secret_env")
        let token = secretValue(t, path, file: "token_file", env: "token_env")
        var chatId: String?
        if kind == .telegram {
            chatId = string(t["chat_id"], "\(path).chat_id")
            if chatId == nil, t["chat_id"] == nil { problem("\(path).chat_id", node, "missing (the chat to send to)") }
            if token == nil, t["token_file"] == nil, t["token_env"] == nil {
                problem("\(path).token_file", node, "missing (the bot token, from a file or token_env)")
            }
        }
        if kind == .email {
            guard let mail = mailSettings(t, node, path, url: url!) else { return nil }
            let password = secretValue(t, path, file: "password_file", env: "password_env")
            if password != nil, mail.username == nil {
                problem("\(path).username", node, "missing (a password is only sent with the account's name)")
            }
            return DeliveryTarget(kind: kind, url: url!, secret: password, mail: mail, key: "\(typeName)#\(index)")
        }
        return DeliveryTarget(kind: kind, url: url!, secret: kind == .telegram ? token : secret, chatId: chatId, key: "\(typeName)#\(index)")
    }

    /// An email target's envelope; a login over an unencrypted connection to another machine is refused.
    mutating func mailSettings(_ t: [String: ConfigNode], _ node: ConfigNode, _ path: String, url: URL) -> DeliveryTarget.Mail? {
        func address(_ text: String) -> Bool {
            let parts = text.split(separator: "@", omittingEmptySubsequences: false)
            return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && !text.contains(where: { $0.isWhitespace || "<>,".contains($0) })
        }
        let from = string(t["from"], "\(path).from")
        if from == nil, t["from"] == nil { problem("\(path).from", node, "missing (the sender's address)") }
        if let from, !address(from) { problem("\(path).from", t["from"], "expected an address like finwire@example.com, found '\(from)'") }
        let to = t["to"].flatMap { stringOrList($0, "\(path).to") } ?? []
        if t["to"] == nil || to.isEmpty { problem("\(path).to", t["to"] ?? node, "missing (one address or a list of them)") }
        for a in to where !address(a) { problem("\(path).to", t["to"], "expected addresses like analyst@example.com, found '\(a)'") }
        var requireTLS = true
        if let n = t["starttls"] {
            guard case .bool(let b) = n.value else {
                problem("\(path).starttls", n, "expected true or false, found \(n.typeName)")
                return nil
            }
            requireTLS = b
        }
        let username = string(t["username"], "\(path).username")
        let loopback = ["127.0.0.1", "::1", "localhost"].contains(url.host?.lowercased() ?? "")
        if !requireTLS, url.scheme?.lowercased() == "smtp", username != nil, !loopback {
            problem(
                "\(path).starttls", t["starttls"],
                "false would send the password unencrypted to \(url.host ?? "the server"); use smtps:// or keep STARTTLS")
        }
        guard let from, address(from), !to.isEmpty, to.allSatisfy(address) else { return nil }
        return DeliveryTarget.Mail(from: from, to: to, username: username, requireTLS: requireTLS && url.scheme?.lowercased() == "smtp")
    }

    /// A secret from a file (relative to the configuration) or the environment; the error names the file or
    /// variable, never the value.
    mutating func secretValue(_ t: [String: ConfigNode], _ path: String, file: String, env: String) -> String? {
        if let f = string(t[file], "\(path).\(file)") {
            let full = f.hasPrefix("/") ? f : folder.appendingPathComponent(f).path
            guard let data = FileManager.default.contents(atPath: full) else {
                problem("\(path).\(file)", t[file], "cannot read \(full)")
                return nil
            }
            let value = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if value.isEmpty { problem("\(path).\(file)", t[file], "\(full) is empty") }
            return value
        }
        if let name = string(t[env], "\(path).\(env)") {
            guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
                problem("\(path).\(env)", t[env], "environment variable \(name) is not set")
                return nil
            }
            return value
        }
        return nil
    }
}
