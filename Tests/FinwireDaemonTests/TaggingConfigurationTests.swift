import FinwireDaemon
import FinwireTag
import FinwireTestSupport
import Foundation
import Testing

/// The `tagging` section of config.json: rules and topics, validated with paths and lines like every key.
@Suite struct TaggingConfigurationTests {
    func load(_ json: String) throws -> Configuration {
        let dir = try TemporaryDirectory()
        let path = dir.path("config.json")
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        return try Configuration.load(path: path)
    }

    @Test func rulesAndTopicsLoadAndReachTheTagger() throws {
        let config = try load(
            """
            {"feeds": [{"id": "sina", "url": "https://example.cn/rss"}],
             "retention_days": 90, "retention_days_policy": 3650,
             "tagging": {
               "rules": [{"tag": "zj-watch", "keywords": ["山区26县"], "scope": "title"},
                         {"tag": "doc-no", "regex": "浙政办发〔\\\\d{4}〕\\\\d+号", "feeds": ["sina"]}],
               "topics": {"shipping": ["航运金融", "船舶融资"]}}}
            """)
        #expect(config.tagRules.map(\.tag) == ["zj-watch", "doc-no"])
        #expect(config.policyRetentionDays == 3650)
        let tagger = try #require(config.makeTagger())
        let r = tagger.tag(title: "山区26县", text: "浙政办发〔2021〕36号：发展航运金融", feedId: "sina")
        #expect(r.custom.map(\.id) == ["doc-no", "zj-watch"])
        #expect(r.topics.contains { $0.id == "shipping" })
    }

    @Test func badRulesAreReportedWithTheirPaths() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try load(
                """
                {"feeds": [{"id": "sina", "url": "https://example.cn/rss"}],
                 "tagging": {"rules": [
                   {"tag": "a", "regex": "([unclosed"},
                   {"tag": "b", "scope": "body", "keywords": ["x"]},
                   {"keywords": ["y"]},
                   {"tag": "c", "keywords": ["z"], "feeds": ["nope"]},
                   {"tag": "d", "colour": "red"}]}}
                """)
        }
        let found = error.problems.map { "\($0.line ?? 0) \($0.path): \($0.message)" }
        #expect(found.contains { $0.hasPrefix("3 tagging.rules[0].regex: not a valid regular expression") })
        #expect(found.contains("4 tagging.rules[1].scope: expected title, text or any; found \"body\""))
        #expect(found.contains { $0.hasPrefix("5 tagging.rules[2].tag: missing") })
        #expect(found.contains("6 tagging.rules[3].feeds: no feed has the id \"nope\""))
        #expect(found.contains { $0.hasPrefix("7 tagging.rules[4].colour: unknown key") })
    }

    @Test func taggingCanBeTurnedOff() throws {
        let config = try load(#"{"feeds": [{"id": "a", "url": "https://example.cn/rss"}], "tagging": {"enabled": false}}"#)
        #expect(config.makeTagger() == nil)
    }
}
