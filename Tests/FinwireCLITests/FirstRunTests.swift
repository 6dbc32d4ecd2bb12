import FinwireTestSupport
import Foundation
import Testing

/// What a newcomer meets first: a fresh clone has no `data/` folder, and README's demo runs offline.
@Suite struct FirstRunTests {
    @Test func aMissingDatabaseFolderIsCreatedOwnerOnly() throws {
        let dir = try TemporaryDirectory()
        let feed = try dir.write("feed.xml", try Fixture.string("feeds/rss2/sina-finance-roll.xml"))
        let config = try dir.write(
            "config.json", #"{"database": "data/nested/finwire.sqlite", "feeds": [{"id": "a", "url": "file:\#(feed)"}]}"#)
        let r = try CLI.run(["fetch", "--config", config])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.path("data/nested/finwire.sqlite")))
        for folder in ["data", "data/nested"] {
            let mode = try FileManager.default.attributesOfItem(atPath: dir.path(folder))[.posixPermissions] as? Int
            #expect(mode == 0o700, "\(folder)")
        }
        let lock = try String(contentsOfFile: dir.path("data/nested/finwire.sqlite.lock"), encoding: .utf8)
        #expect(lock.hasPrefix("pid ") && lock.contains(" since "))
    }

    @Test func aFolderThatCannotBeCreatedExits73NamingIt() throws {
        let dir = try TemporaryDirectory()
        _ = try dir.write("blocker", "a file where the folder should be")
        let config = try dir.write(
            "config.json", #"{"database": "blocker/finwire.sqlite", "feeds": [{"id": "a", "url": "file:feed.xml"}]}"#)
        let r = try CLI.run(["fetch", "--config", config])
        #expect(r.status == 73)
        #expect(r.stderr.contains("\(dir.path("blocker")): cannot create the database's folder: a file of that name is in the way"))
        #expect(!r.stderr.contains("being written by"))
        #expect(r.stdout.isEmpty)
    }

    /// README's demo line, on a copy of `examples/demo/`: every feed stored (RSS, Atom, GB2312, zone-less
    /// dates), tags on the regional items, and the syndicated copy joined to its original in one story.
    @Test func theDemoStoresTaggedStoriesOffline() throws {
        let dir = try TemporaryDirectory()
        let demo = dir.url.appendingPathComponent("demo")
        try FileManager.default.copyItem(at: Fixture.repository.appendingPathComponent("examples/demo"), to: demo)
        try? FileManager.default.removeItem(at: demo.appendingPathComponent("data"))
        let config = demo.appendingPathComponent("config.json").path
        let fetch = try CLI.run(["fetch", "--config", config])
        #expect(fetch.status == 0, "\(fetch.stdout)\(fetch.stderr)")
        #expect(fetch.stdout.contains("total: 4 feeds, 4 ok, 0 failed"))
        let export = try CLI.run(["export", "--config", config, "--format", "jsonl"])
        #expect(export.status == 0)
        let rows = try export.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(rows.count == 8)  // nine items, one of them a copy of another
        func regions(_ title: String) -> Set<String> {
            let row = rows.first { ($0["title"] as? String) == title }
            let tags = row?["tags"] as? [String: Any]
            let list = tags?["regions"] as? [[String: Any]] ?? []
            return Set(list.compactMap { $0["code"] as? String })
        }
        let plan = try #require(rows.first { ($0["title"] as? String)?.hasPrefix("浙江印发金融支持山区26县") == true })
        #expect((plan["outlets"] as? [String])?.count == 2)
        #expect(plan["is_policy"] as? Bool == true)
        #expect(regions("浙江印发金融支持山区26县跨越式高质量发展行动方案").contains("330000"))
        #expect(regions("成都出台新政：六类人才可享租房补贴").contains("510100"))
        #expect(regions("深圳发布支持科技企业贷款贴息办法 单户最高补贴200万元").contains("440300"))
        // The zone-less date is Beijing time: 2026-11-29 09:30 +08:00.
        let stats = try #require(rows.first { ($0["title"] as? String)?.hasPrefix("国家统计局") == true })
        #expect(stats["published"] as? String == "2026-11-29T01:30:00Z")
        let markdown = try CLI.run(["export", "--config", config, "--format", "markdown"])
        #expect(markdown.status == 0)
        // Outlets are listed first seen first, and the four feeds are read concurrently: either order.
        #expect(
            markdown.stdout.contains("浙江政务（演示）, 财经快讯（演示）") || markdown.stdout.contains("财经快讯（演示）, 浙江政务（演示）"))
        #expect(markdown.stdout.contains("11-29 09:30 · 财经快讯（演示）"))
        // The configured zone reaches export: the same database read with "timezone": "Asia/Tokyo".
        let text = try String(contentsOfFile: config, encoding: .utf8)
        let tokyo = demo.appendingPathComponent("tokyo.json").path
        try text.replacingOccurrences(of: #""timezone": "Asia/Shanghai""#, with: #""timezone": "Asia/Tokyo""#)
            .write(toFile: tokyo, atomically: true, encoding: .utf8)
        let shifted = try CLI.run(["export", "--config", tokyo, "--format", "markdown"])
        #expect(shifted.stdout.contains("11-29 10:30 · 财经快讯（演示）"))
        #expect(shifted.stdout.contains("· Asia/Tokyo*"))
    }
}
