import FinwireAlerts
import FinwireDaemon
import FinwireStore
import FinwireTestSupport
import Foundation
import Testing

/// The `watches` section: filters mean what `export`'s flags mean, secrets come only from files or the
/// environment, and every problem names its path.
@Suite struct WatchConfigurationTests {
    @Test func aWatchResolvesItsFilterAndReadsItsSecretFromAFile() throws {
        let dir = try TemporaryDirectory()
        _ = try dir.write("hook.secret", "s3cret\n")
        let path = try dir.write("config.json", #"""
            {"feeds": [{"id": "a", "url": "https://a.example/"}],
             "watches": [{"id": "zj-credit", "filter": {"region": "浙江", "kind": ["policy"], "topic": "普惠金融", "query": "贷款", "min_score": 0.5, "feeds": ["a"]},
                          "deliver": [{"type": "webhook", "url": "https://hooks.example.com/in", "secret_file": "hook.secret"},
                                      {"type": "telegram", "chat_id": "-100", "token_file": "hook.secret"}],
                          "revisions": true}]}
            """#)
        let config = try Configuration.load(path: path)
        let w = try #require(config.watches.first)
        #expect(w.filter.regionCodes.contains("330100"))
        #expect(w.filter.kinds == ["policy"])
        #expect(w.filter.topics == ["inclusive"])
        #expect(w.filter.terms == ["贷款"])
        #expect(w.filter.feedIds == ["a"])
        #expect(w.revisions)
        #expect(w.targets.map(\.key) == ["webhook#0", "telegram#1"])
        #expect(w.targets[0].secret == "s3cret")
        #expect(w.targets[1].url.absoluteString == "https://api.telegram.org")
        #expect(config.alertRules.first?.targets == ["webhook#0", "telegram#1"])
    }

    @Test func problemsNameTheirPathAndNeverTakeASecretFromTheText() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("config.json", #"""
            {"feeds": [{"id": "a", "url": "https://a.example/"}],
             "watches": [{"id": "x", "filter": {"region": "亚特兰蒂斯"}, "deliver": [{"type": "webhook", "url": "https://h.example/"}]},
                         {"id": "y", "deliver": [{"type": "webhook", "url": "https://h.example/", "secret": "inline"}]},
                         {"id": "z", "deliver": [{"type": "pager", "url": "https://h.example/"}, {"type": "telegram", "token_env": "FINWIRE_TEST_UNSET_TOKEN"}]},
                         {"id": "y", "deliver": []},
                         {"id": "w", "filter": {"kind": "rumour", "feeds": ["nope"]}, "deliver": [{"type": "feishu", "url": "ftp://h.example/"}]}]}
            """#)
        let error = try #require(throws: ConfigurationError.self) { try Configuration.load(path: path) }
        let found = error.problems.map { "\($0.path): \($0.message)" }
        #expect(found.contains { $0.hasPrefix("watches[0].filter.region: no region or grouping named '亚特兰蒂斯'") })
        #expect(found.contains { $0.hasPrefix("watches[1].deliver[0].secret: secrets are not read from the configuration text") })
        #expect(found.contains { $0.hasPrefix("watches[2].deliver[0].type: unknown delivery type 'pager'") })
        #expect(found.contains("watches[2].deliver[1].chat_id: missing (the chat to send to)"))
        #expect(found.contains("watches[2].deliver[1].token_env: environment variable FINWIRE_TEST_UNSET_TOKEN is not set"))
        #expect(found.contains("watches[3].id: duplicate watch id 'y'"))
        #expect(found.contains { $0.hasPrefix("watches[3].deliver: expected a non-empty array") })
        #expect(found.contains("watches[4].filter.feeds[0]: no feed with id 'nope'"))
        #expect(found.contains { $0.hasPrefix("watches[4].filter.kind: expected policy, enforcement") })
        #expect(!error.description.contains("inline"))
    }
}
