import FinwireFetch
import FinwireDedupe
import FinwireModel
import FinwireTag
import Foundation

/// `config.json`, decoded once into validated values. Every key is documented in README ("Configuration").
public struct Configuration: Sendable {
    /// Absolute path of the SQLite database (the file's `database`, relative to the config file's folder).
    public var databasePath: String
    public var feeds: [FeedSource]
    public var fetch: FetchConfiguration
    /// Feeds fetched at once by `finwire fetch`.
    public var concurrency: Int
    /// Fetch-log rows older than this many days are pruned after each pass.
    public var logRetentionDays: Int
    /// Backoff cap and adaptive-interval bounds (`fetch.max_backoff`, `fetch.adaptive_*_interval`).
    public var policy: FetchPolicy
    /// Articles older than this many days (and gone from their feed) are pruned; nil keeps everything.
    public var retentionDays: Int?
    /// Where the daemon writes Prometheus metrics for node_exporter's textfile collector (`*.prom`).
    public var metricsTextfile: String?
    /// The daemon's log level (`--log-level` wins); one of trace … critical.
    public var logLevel: String?
    /// Where the configuration was read from.
    public var path: String
    /// The top-level `timezone`: feeds that name none, and what `export` shows and `--since` dates mean.
    public var timeZone = FeedSource.defaultTimeZone
    /// Policy articles (`is_policy`) are pruned after this many days instead; nil keeps them for good.
    public var policyRetentionDays: Int? = nil
    /// `tagging`: the tag stage runs in the ingest path unless `enabled` is false.
    public var taggingEnabled = true
    public var tagRules: [UserRule] = []
    public var extraTopics: [String: [String]] = [:]

    /// `dedupe`: story clustering in the ingest path, its URL rules and thresholds.
    public var dedupeEnabled = true
    public var urls = URLCanonicalizer()
    public var judge = DuplicateJudge.Thresholds()
    /// `watches`: alerts for what matches, delivered to webhooks and chat bots.
    public var watches: [WatchConfiguration] = []
    /// `serve.listen` (`127.0.0.1:8080` when absent) and the bearer token from `serve.token_file`/`token_env`.
    public var serveListen: String?
    public var serveToken: String?
    /// How long `serve` answers a repeated story list or page from its cache while the database is
    /// unchanged; 0 turns the cache off.
    public var serveCacheSeconds = 10

    /// The clusterer this configuration asks for, over `store`.
    public func makeClusterer(store: any StoryStore, recentCapacity: Int = Clusterer.defaultRecentCapacity) -> Clusterer? {
        dedupeEnabled
            ? Clusterer(
                store: store, extractor: FeatureExtractor(urls: urls, fold: { TextNormalizer.bundled.fold($0) }),
                judge: DuplicateJudge(thresholds: judge), recentCapacity: recentCapacity) : nil
    }

    /// The tagger this configuration asks for (its dictionaries plus the config's rules, topics and feeds'
    /// publishers).
    public func makeTagger() -> Tagger? {
        taggingEnabled ? Tagger(rules: tagRules, extraTopics: extraTopics, feeds: feeds) : nil
    }

    public static let defaultDatabase = "finwire.sqlite"
    public static let defaultTimeZone = FeedSource.defaultTimeZoneName
    public static let defaultInterval = 1800
}

/// A configuration problem: the file, the line, the JSON path and what is wrong.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public struct Problem: Sendable, Equatable {
        public var path: String
        public var line: Int?
        public var message: String
    }
    public var file: String
    public var problems: [Problem]

    /// One line per problem: `config.json:14: feeds[3].url: not an http(s) or file URL`.
    public var description: String {
        problems.map { p in
            let place = p.line.map { "\(file):\($0)" } ?? file
            return p.path.isEmpty ? "\(place): \(p.message)" : "\(place): \(p.path): \(p.message)"
        }.joined(separator: "\n")
    }

    /// The exit status for a bad configuration (sysexits EX_CONFIG).
    public static let exitCode: Int32 = 78
}

extension Configuration {
    /// Reads and validates a configuration file; throws `ConfigurationError` listing every problem found.
    public static func load(path: String) throws -> Configuration {
        let url = URL(fileURLWithPath: path)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ConfigurationError(
                file: path, problems: [.init(path: "", line: nil, message: "cannot read: \(error.localizedDescription)")])
        }
        let root: ConfigNode
        do {
            root = try ConfigJSONReader.parse(Array(data))
        } catch let e as ConfigJSONError {
            throw ConfigurationError(
                file: path, problems: [.init(path: "", line: e.line, message: "invalid JSON: \(e.message)")])
        }
        var v = ConfigValidator(folder: url.deletingLastPathComponent())
        let config = v.configuration(root, path: path)
        guard v.problems.isEmpty, let config else { throw ConfigurationError(file: path, problems: v.problems) }
        return config
    }
}

/// Walks the JSON tree, collecting every problem instead of stopping at the first.
struct ConfigValidator {
    let folder: URL
    var problems: [ConfigurationError.Problem] = []

    static let topKeys: Set<String> = ["database", "timezone", "fetch", "feeds", "retention_days", "metrics_textfile", "log_level",
        "retention_days_policy", "tagging", "dedupe", "watches", "serve",
    ]
    static let fetchKeys: Set<String> = [
        "concurrency", "per_host", "connect_timeout", "timeout", "max_body_bytes", "max_redirects", "user_agent",
        "low_speed_bytes", "low_speed_seconds", "block_private_addresses", "log_retention_days",
        "proxy", "ca_bundle", "adaptive_min_interval", "adaptive_max_interval", "max_backoff",
    ]
    static let feedKeys: Set<String> = [
        "id", "url", "title", "categories", "interval", "timezone", "enabled", "proxy", "headers", "cookies",
        "adaptive", "region",
    ]

    mutating func problem(_ path: String, _ node: ConfigNode?, _ message: String) {
        problems.append(.init(path: path, line: node?.line, message: message))
    }

    /// An object's members; with `allowed`, any other key is a problem.
    mutating func object(_ node: ConfigNode, _ path: String, allowed: Set<String>?) -> [String: ConfigNode]? {
        guard case .object(let pairs) = node.value else {
            problem(path, node, "expected an object, found \(node.typeName)")
            return nil
        }
        var result: [String: ConfigNode] = [:]
        for (key, value) in pairs {
            let sub = path.isEmpty ? key : "\(path).\(key)"
            if let allowed, !allowed.contains(key) {
                problem(sub, value, "unknown key (allowed: \(allowed.sorted().joined(separator: ", ")))")
            } else {
                result[key] = value
            }
        }
        return result
    }

    mutating func string(_ node: ConfigNode?, _ path: String) -> String? {
        guard let node else { return nil }
        guard case .string(let s) = node.value else {
            problem(path, node, "expected a string, found \(node.typeName)")
            return nil
        }
        return s
    }

    mutating func integer(_ node: ConfigNode?, _ path: String, min: Int, max: Int = Int.max) -> Int? {
        guard let node else { return nil }
        guard case .number(let d, let isInteger) = node.value, isInteger, let i = Int(exactly: d) else {
            problem(path, node, "expected an integer, found \(node.typeName)")
            return nil
        }
        guard i >= min, i <= max else {
            problem(path, node, max == Int.max ? "must be at least \(min)" : "must be between \(min) and \(max)")
            return nil
        }
        return i
    }

    mutating func bool(_ node: ConfigNode?, _ path: String) -> Bool? {
        guard let node else { return nil }
        guard case .bool(let b) = node.value else {
            problem(path, node, "expected true or false, found \(node.typeName)")
            return nil
        }
        return b
    }

    mutating func timeZone(_ node: ConfigNode?, _ path: String) -> TimeZone? {
        guard let name = string(node, path) else { return nil }
        guard let zone = TimeZone(identifier: name) else {
            problem(path, node, "unknown time zone \"\(name)\" (use an IANA name such as Asia/Shanghai)")
            return nil
        }
        return zone
    }

    /// Seconds, as an integer or a string such as "90s", "15m", "2h", "1d".
    mutating func duration(_ node: ConfigNode?, _ path: String) -> Int? {
        guard let node else { return nil }
        if case .string(let s) = node.value {
            guard let seconds = DurationText.seconds(s), seconds >= 60 else {
                problem(path, node, "expected seconds (at least 60) or a duration like \"15m\", \"2h\"; found \"\(s)\"")
                return nil
            }
            return seconds
        }
        return integer(node, path, min: 60)
    }

    mutating func configuration(_ root: ConfigNode, path: String) -> Configuration? {
        guard let top = object(root, "", allowed: Self.topKeys) else { return nil }
        let database = string(top["database"], "database") ?? Configuration.defaultDatabase
        if database.isEmpty { problem("database", top["database"], "must not be empty") }
        let retentionDays = integer(top["retention_days"], "retention_days", min: 1, max: 36500)
        let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
        let logLevel = string(top["log_level"], "log_level")
        if let logLevel, !levels.contains(logLevel) {
            problem("log_level", top["log_level"], "expected one of \(levels.joined(separator: ", "))")
        }
        let metrics = string(top["metrics_textfile"], "metrics_textfile").map {
            $0.hasPrefix("/") ? $0 : folder.appendingPathComponent($0).path
        }
        let defaultZone =
            timeZone(top["timezone"], "timezone") ?? FeedSource.defaultTimeZone
        var fetch = FetchConfiguration()
        var concurrency = 16
        var logRetentionDays = 30
        var policy = FetchPolicy()
        if let node = top["fetch"], let f = object(node, "fetch", allowed: Self.fetchKeys) {
            concurrency = integer(f["concurrency"], "fetch.concurrency", min: 1, max: 256) ?? concurrency
            fetch.maxConnections = concurrency
            fetch.maxHostConnections = integer(f["per_host"], "fetch.per_host", min: 1, max: 64) ?? fetch.maxHostConnections
            fetch.connectTimeout =
                integer(f["connect_timeout"], "fetch.connect_timeout", min: 1, max: 300) ?? fetch.connectTimeout
            fetch.totalTimeout = integer(f["timeout"], "fetch.timeout", min: 1, max: 3600) ?? fetch.totalTimeout
            fetch.maxBodyBytes =
                integer(f["max_body_bytes"], "fetch.max_body_bytes", min: 1024, max: 1 << 30) ?? fetch.maxBodyBytes
            fetch.maxRedirects = integer(f["max_redirects"], "fetch.max_redirects", min: 0, max: 5) ?? fetch.maxRedirects
            fetch.lowSpeedBytes = integer(f["low_speed_bytes"], "fetch.low_speed_bytes", min: 1) ?? fetch.lowSpeedBytes
            fetch.lowSpeedSeconds =
                integer(f["low_speed_seconds"], "fetch.low_speed_seconds", min: 1, max: 600) ?? fetch.lowSpeedSeconds
            fetch.proxy = proxyURL(f["proxy"], "fetch.proxy")
            policy.adaptiveMin = duration(f["adaptive_min_interval"], "fetch.adaptive_min_interval") ?? policy.adaptiveMin
            policy.adaptiveMax = duration(f["adaptive_max_interval"], "fetch.adaptive_max_interval") ?? policy.adaptiveMax
            policy.maxBackoff = duration(f["max_backoff"], "fetch.max_backoff") ?? policy.maxBackoff
            if policy.adaptiveMin > policy.adaptiveMax {
                problem("fetch.adaptive_min_interval", f["adaptive_min_interval"], "is larger than fetch.adaptive_max_interval")
            }
            if let ca = string(f["ca_bundle"], "fetch.ca_bundle") {
                let caPath = ca.hasPrefix("/") ? ca : folder.appendingPathComponent(ca).path
                if FileManager.default.isReadableFile(atPath: caPath) {
                    fetch.caBundle = caPath
                } else {
                    problem("fetch.ca_bundle", f["ca_bundle"], "cannot read \"\(caPath)\"")
                }
            }
            fetch.blockPrivateAddresses =
                bool(f["block_private_addresses"], "fetch.block_private_addresses") ?? fetch.blockPrivateAddresses
            logRetentionDays = integer(f["log_retention_days"], "fetch.log_retention_days", min: 1, max: 3650)
                ?? logRetentionDays
            if let ua = string(f["user_agent"], "fetch.user_agent") {
                if ua.isEmpty || ua.contains("\n") || ua.contains("\r") {
                    problem("fetch.user_agent", f["user_agent"], "must be one non-empty line")
                } else {
                    fetch.userAgent = ua
                }
            }
        }
        var feeds: [FeedSource] = []
        guard let feedsNode = top["feeds"] else {
            problem("feeds", root, "missing: list at least one feed ({\"id\": …, \"url\": …})")
            return nil
        }
        guard case .array(let items) = feedsNode.value else {
            problem("feeds", feedsNode, "expected an array, found \(feedsNode.typeName)")
            return nil
        }
        var seen: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            if let feed = self.feed(item, "feeds[\(index)]", defaultZone: defaultZone) {
                if let first = seen[feed.id] {
                    problem("feeds[\(index)].id", item, "duplicate id \"\(feed.id)\" (first used by feeds[\(first)])")
                } else {
                    seen[feed.id] = index
                    feeds.append(feed)
                }
            }
        }
        let dbURL =
            database.hasPrefix("/") ? URL(fileURLWithPath: database) : folder.appendingPathComponent(database)
        var config = Configuration(
            databasePath: dbURL.standardizedFileURL.path, feeds: feeds, fetch: fetch, concurrency: concurrency,
            logRetentionDays: logRetentionDays, policy: policy, retentionDays: retentionDays, metricsTextfile: metrics,
            logLevel: logLevel, path: path)
        config.timeZone = defaultZone
        config.policyRetentionDays = integer(top["retention_days_policy"], "retention_days_policy", min: 1, max: 36500)
        if let t = top["tagging"] { tagging(t, into: &config, feedIds: Set(feeds.map(\.id))) }
        if let d = top["dedupe"] { dedupe(d, into: &config) }
        if let w = top["watches"] { watches(w, into: &config) }
        if let v = top["serve"] { serve(v, into: &config) }
        return config
    }

    mutating func feed(_ node: ConfigNode, _ path: String, defaultZone: TimeZone) -> FeedSource? {
        guard let f = object(node, path, allowed: Self.feedKeys) else { return nil }
        let before = problems.count
        let id = string(f["id"], "\(path).id")
        if f["id"] == nil { problem("\(path).id", node, "missing: every feed needs an id") }
        if let id, id.isEmpty || !id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) {
            problem("\(path).id", f["id"], "must be non-empty letters, digits, '-', '_' or '.'; found \"\(id)\"")
        }
        if f["url"] == nil { problem("\(path).url", node, "missing: every feed needs a url") }
        let url = string(f["url"], "\(path).url").flatMap { feedURL($0, f["url"], "\(path).url") }
        let title = string(f["title"], "\(path).title")
        var categories: [String] = []
        if let c = f["categories"] {
            if case .array(let list) = c.value {
                for (i, item) in list.enumerated() {
                    if let s = string(item, "\(path).categories[\(i)]") { categories.append(s) }
                }
            } else {
                problem("\(path).categories", c, "expected an array of strings, found \(c.typeName)")
            }
        }
        let interval = duration(f["interval"], "\(path).interval") ?? Configuration.defaultInterval
        let zone = timeZone(f["timezone"], "\(path).timezone") ?? defaultZone
        let enabled = bool(f["enabled"], "\(path).enabled") ?? true
        var access = FeedAccess()
        if let p = f["proxy"] {
            // "" turns a global proxy off for this feed.
            if case .string(let s) = p.value, s.isEmpty { access.proxy = "" } else { access.proxy = proxyURL(p, "\(path).proxy") }
        }
        if let h = f["headers"], let pairs = object(h, "\(path).headers", allowed: nil) {
            for (name, node) in pairs {
                let at = "\(path).headers.\(name)"
                guard let value = string(node, at) else { continue }
                if !isToken(name) {
                    problem(at, node, "not a valid header name")
                } else if ["host", "content-length", "if-none-match", "if-modified-since"].contains(name.lowercased()) {
                    problem(at, node, "finwire sets this header itself")
                } else if value.contains("\r") || value.contains("\n") {
                    problem(at, node, "a header value must be one line")
                } else {
                    access.headers[name] = value
                }
            }
        }
        if let c = string(f["cookies"], "\(path).cookies") {
            if c.contains("\r") || c.contains("\n") { problem("\(path).cookies", f["cookies"], "must be one line") } else { access.cookies = c }
        }
        guard problems.count == before, let id, let url else { return nil }
        var source = FeedSource(
            id: id, url: url, title: title, categories: categories, interval: interval, timeZone: zone,
            enabled: enabled)
        source.access = access
        source.adaptive = bool(f["adaptive"], "\(path).adaptive") ?? false
        if let r = f["region"] {
            // One place or a list; [] says the feed speaks for no place even if its title names one.
            let values = stringOrList(r, "\(path).region")
            let unknown = values.filter { RegionQuery.bundled.gazetteer.resolve($0) == nil }
            if unknown.isEmpty {
                source.region = values
            } else {
                problem("\(path).region", r, "names no place in the gazetteer: \(unknown.map { "\"\($0)\"" }.joined(separator: ", ")) (a code such as 420000, or a name such as 湖北 or 武汉市)")
            }
        }
        return source
    }

    /// A proxy URL: http, https, socks4, socks4a, socks5 or socks5h, with a host.
    mutating func proxyURL(_ node: ConfigNode?, _ path: String) -> String? {
        guard let raw = string(node, path) else { return nil }
        guard let url = URL(string: raw), let scheme = url.scheme?.lowercased(),
            ["http", "https", "socks4", "socks4a", "socks5", "socks5h"].contains(scheme), url.host != nil
        else {
            problem(path, node, "not a proxy URL (http://, https://, socks5h://… with a host): \"\(raw)\"")
            return nil
        }
        return raw
    }

    func isToken(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "!#$%&'*+-.^_`|~".contains($0)) }
    }

    /// http(s) with a host, or `file:` (absolute, or relative to the configuration's folder).
    mutating func feedURL(_ raw: String, _ node: ConfigNode?, _ path: String) -> URL? {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased() else {
            problem(path, node, "not an http(s) or file URL: \"\(raw)\"")
            return nil
        }
        switch scheme {
        case "http", "https":
            guard let host = url.host, !host.isEmpty else {
                problem(path, node, "not an http(s) or file URL: \"\(raw)\" has no host")
                return nil
            }
            return url
        case "file":
            let p = url.path.isEmpty ? String(trimmed.dropFirst(5)) : url.path
            let fileURL = p.hasPrefix("/") ? URL(fileURLWithPath: p) : folder.appendingPathComponent(p)
            return fileURL.standardizedFileURL
        default:
            problem(path, node, "not an http(s) or file URL: \"\(raw)\"")
            return nil
        }
    }
}
