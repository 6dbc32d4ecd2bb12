import FinwireDaemon
import FinwireFetch
import FinwireModel
import FinwireTestSupport
import Foundation
import Testing

@Suite struct ConfigurationTests {
    @Test func validConfigurationLoadsWithDefaultsAndResolvedPaths() throws {
        let config = try Configuration.load(path: Fixture.url("config/valid.json").path)
        #expect(config.databasePath == Fixture.url("config/data/finwire.sqlite").standardizedFileURL.path)
        #expect(config.concurrency == 8)
        #expect(config.fetch.maxHostConnections == 2)
        #expect(config.fetch.totalTimeout == 30)
        #expect(config.fetch.maxBodyBytes == 4_194_304)
        #expect(config.feeds.count == 2)
        let sina = config.feeds[0]
        #expect(sina.id == "sina-finance-roll")
        #expect(sina.title == "新浪财经")
        #expect(sina.categories == ["财经", "国内"])
        #expect(sina.interval == 900)
        #expect(sina.timeZone.identifier == "Asia/Shanghai")
        #expect(sina.enabled)
        #expect(sina.access == FeedAccess(proxy: "socks5h://127.0.0.1:1080", headers: ["Referer": "https://finance.sina.com.cn/"], cookies: "u=1"))
        #expect(config.fetch.blockPrivateAddresses)
        #expect(config.fetch.proxy == "http://proxy.example:3128")
        #expect(config.logRetentionDays == 7)
        let local = config.feeds[1]
        #expect(local.url == Fixture.url("config/feeds/local.xml").standardizedFileURL)
        #expect(local.timeZone.secondsFromGMT() == 0)
        #expect(!local.enabled)
    }

    @Test func everyProblemIsReportedWithItsPathAndLine() throws {
        let path = Fixture.url("config/invalid-many.json").path
        let error = try #require(throws: ConfigurationError.self) { try Configuration.load(path: path) }
        let found = error.problems.map { "\($0.line ?? 0) \($0.path): \($0.message)" }
        #expect(found.contains { $0.hasPrefix("5 feeds[1].interval: expected seconds") })
        #expect(found.contains("6 feeds[2].id: duplicate id \"a\" (first used by feeds[0])"))
        #expect(found.contains("7 feeds[3].url: not an http(s) or file URL: \"ftp://example.org/d.xml\""))
        #expect(found.contains("8 feeds[4].enabled: expected true or false, found a string"))
        #expect(found.contains { $0.hasPrefix("8 feeds[4].colour: unknown key") })
        #expect(error.problems.count == 5)
        #expect(error.description.contains("invalid-many.json:7: feeds[3].url: not an http(s) or file URL"))
        #expect(ConfigurationError.exitCode == 78)
    }

    @Test func syntaxErrorsNameTheLine() throws {
        let path = Fixture.url("config/invalid-syntax.json").path
        let error = try #require(throws: ConfigurationError.self) { try Configuration.load(path: path) }
        #expect(error.problems.count == 1)
        #expect(error.problems[0].line == 5)
        #expect(error.problems[0].message.hasPrefix("invalid JSON"))
    }

    @Test(arguments: [
        (#"{"feeds": "x"}"#, "feeds: expected an array, found a string"),
        (#"{"database": 3, "feeds": []}"#, "database: expected a string, found a number"),
        (#"{"feeds": [{"url": "https://a.example/x"}]}"#, "feeds[0].id: missing: every feed needs an id"),
        (#"{"feeds": [{"id": "x"}]}"#, "feeds[0].url: missing: every feed needs a url"),
        (#"{"feeds": [{"id": "x", "url": "javascript:alert(1)"}]}"#, #"feeds[0].url: not an http(s) or file URL: "javascript:alert(1)""#),
        (#"{"feeds": [{"id": "x", "url": "https:///nohost"}]}"#, #"feeds[0].url: not an http(s) or file URL: "https:///nohost" has no host"#),
        (#"{"feeds": [{"id": "x", "url": "https://a.example/", "timezone": "Mars/Base"}]}"#, #"feeds[0].timezone: unknown time zone "Mars/Base" (use an IANA name such as Asia/Shanghai)"#),
        (#"{"feeds": [{"id": "x y", "url": "https://a.example/"}]}"#, #"feeds[0].id: must be non-empty letters, digits, '-', '_' or '.'; found "x y""#),
        (#"{"fetch": {"concurrency": 0}, "feeds": []}"#, "fetch.concurrency: must be between 1 and 256"),
        (#"{"feeds": [], "extra": 1}"#, "extra: unknown key (allowed: database, dedupe, feeds, fetch, log_level, metrics_textfile, retention_days, retention_days_policy, serve, tagging, timezone, watches)"),
        (#"{"feeds": [{"id": "x", "url": "https://a.example/", "categories": ["a", 2]}]}"#, "feeds[0].categories[1]: expected a string, found a number"),
        (#"{"feeds": [{"id": "x", "url": "https://a.example/", "headers": {"X-A": "1\r\nEvil: 2"}}]}"#, "feeds[0].headers.X-A: a header value must be one line"),
        (#"{"feeds": [{"id": "x", "url": "https://a.example/", "headers": {"Host": "b"}}]}"#, "feeds[0].headers.Host: finwire sets this header itself"),
        (#"{"feeds": [{"id": "x", "url": "https://a.example/", "proxy": "ftp://p"}]}"#, #"feeds[0].proxy: not a proxy URL (http://, https://, socks5h://… with a host): "ftp://p""#),
        (#"{"fetch": {"block_private_addresses": "yes"}, "feeds": []}"#, "fetch.block_private_addresses: expected true or false, found a string"),
        (#"{"feeds": [{"id": "x", "url": "https://a.example/", "region": ["湖北", "火星"]}]}"#, #"feeds[0].region: names no place in the gazetteer: "火星" (a code such as 420000, or a name such as 湖北 or 武汉市)"#),
    ])
    func oneMistakeOneClearError(json: String, expected: String) throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("config.json", json)
        let error = try #require(throws: ConfigurationError.self) { try Configuration.load(path: path) }
        #expect(error.problems.map { "\($0.path): \($0.message)" } == [expected])
    }

    @Test func aFeedsRegionIsOnePlaceOrAListAndAnEmptyListTurnsItOff() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("config.json", #"""
            {"feeds": [{"id": "a", "url": "https://a.example/", "region": "湖北"},
                       {"id": "b", "url": "https://b.example/", "region": ["420000", "武汉市"]},
                       {"id": "c", "url": "https://c.example/", "region": []},
                       {"id": "d", "url": "https://d.example/"}]}
            """#)
        let feeds = try Configuration.load(path: path).feeds
        #expect(feeds.map(\.region) == [["湖北"], ["420000", "武汉市"], [], nil])
    }
}
