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

    @Test func anEmailTargetTakesItsEnvelopeAndPasswordAndNeverSendsItUnencryptedElsewhere() throws {
        let dir = try TemporaryDirectory()
        _ = try dir.write("smtp.password", "pw\n")
        let good = try dir.write("good.json", #"""
            {"feeds": [{"id": "a", "url": "https://a.example/"}],
             "watches": [{"id": "mail", "deliver": [
                {"type": "email", "url": "smtps://smtp.example.com:465", "from": "finwire@example.com", "to": "analyst@example.com", "username": "finwire", "password_file": "smtp.password"},
                {"type": "email", "url": "smtp://127.0.0.1:2525", "from": "finwire@example.com", "to": ["a@example.com", "b@example.com"], "starttls": false}]}]}
            """#)
        let targets = try #require(try Configuration.load(path: good).watches.first).targets
        #expect(targets[0].kind == .email)
        #expect(targets[0].secret == "pw")
        #expect(targets[0].mail == .init(from: "finwire@example.com", to: ["analyst@example.com"], username: "finwire", requireTLS: false))
        #expect(targets[1].mail?.to == ["a@example.com", "b@example.com"])
        #expect(targets[1].mail?.requireTLS == false)

        let bad = try dir.write("bad.json", #"""
            {"feeds": [{"id": "a", "url": "https://a.example/"}],
             "watches": [{"id": "mail", "deliver": [
                {"type": "email", "url": "https://smtp.example.com/", "from": "f@example.com", "to": "t@example.com"},
                {"type": "email", "url": "smtp://smtp.example.com", "from": "not an address", "password": "inline"},
                {"type": "email", "url": "smtp://smtp.example.com", "from": "f@example.com", "to": "t@example.com", "username": "u", "password_file": "smtp.password", "starttls": false}]}]}
            """#)
        let error = try #require(throws: ConfigurationError.self) { try Configuration.load(path: bad) }
        let found = error.problems.map { "\($0.path): \($0.message)" }
        #expect(found.contains { $0.hasPrefix("watches[0].deliver[0].url: expected an smtp:// or smtps:// URL") })
        #expect(found.contains { $0.hasPrefix("watches[0].deliver[1].password: secrets are not read from the configuration text: put it in a file (password_file)") })
        #expect(found.contains { $0.hasPrefix("watches[0].deliver[1].from: expected an address") })
        #expect(found.contains { $0.hasPrefix("watches[0].deliver[1].to: missing") })
        #expect(found.contains { $0.hasPrefix("watches[0].deliver[2].starttls: false would send the password unencrypted to smtp.example.com") })
        #expect(!error.description.contains("inline"))
    }
}
