import FinwireExport
import FinwireModel
import FinwireStore
import FinwireTag
import FinwireTestSupport
import FinwireXML
import Foundation

/// A real SQLite file with articles whose tags are written by hand, so filter tests do not depend on the
/// tagger's judgement (the tagger has its own tests), plus helpers to select and render.
struct ExportCorpus {
    let dir: TemporaryDirectory
    let store: SQLiteStore
    static let t0 = Date(timeIntervalSince1970: 1_762_000_000)  // 2025-11-01 12:26:40 UTC

    init(feeds: [FeedSource] = ExportCorpus.defaultFeeds) async throws {
        dir = try TemporaryDirectory("finwire-export")
        store = try SQLiteStore(path: dir.path("finwire.sqlite"))
        try await store.syncFeeds(feeds)
    }

    static let defaultFeeds = [
        FeedSource(id: "sina", url: URL(string: "https://finance.sina.com.cn/rss")!, title: "新浪财经", categories: ["金融"]),
        FeedSource(id: "chinanews", url: URL(string: "https://www.chinanews.com.cn/rss/finance.xml")!, title: "中新网财经"),
        FeedSource(id: "gov", url: URL(string: "https://www.zj.gov.cn/rss")!, title: "浙江省人民政府"),
    ]

    /// Tags as the store keeps them: the region codes given (each at the most specific level), plus the
    /// other kinds, with names from the gazetteer.
    static func tags(
        regions: [String] = [], groupings: [String] = [], agencies: [String] = [], topics: [String] = [],
        docTypes: [String] = [], custom: [String] = [], policy: Double = 0
    ) -> ArticleTags {
        var r = TagResult()
        let g = RegionQuery.bundled.gazetteer
        r.regions = regions.map { c in
            let d = g.division(c)
            return RegionTag(code: c, name: d?.name ?? c, level: d?.level.name ?? "county", score: 1, evidence: [
                Evidence(field: "text", offset: 0, match: d?.name ?? c, rule: "test")
            ])
        }
        r.groupings = groupings.map { id in
            SimpleTag(id: id, name: RegionQuery.bundled.groupings.first { $0.id == id }?.name ?? id, score: 1, evidence: [])
        }
        r.agencies = agencies.map { SimpleTag(id: $0, name: $0, score: 1, evidence: []) }
        r.topics = topics.map { SimpleTag(id: $0, name: $0, score: 1, evidence: []) }
        r.docTypes = docTypes.map { SimpleTag(id: $0, name: $0, score: 1, evidence: []) }
        r.custom = custom.map { SimpleTag(id: $0, name: $0, score: 1, evidence: []) }
        r.policyScore = policy
        r.isPolicy = policy >= 0.5
        r.kind = r.isPolicy ? .policy : .other
        return r.articleTags
    }

    static func article(
        _ guid: String, _ title: String, text: String = "", html: String? = nil, url: String? = nil,
        published: Date = t0, tags: ArticleTags? = nil
    ) -> Article {
        let body = html ?? text.split(separator: "\n").map { "<p>\($0)</p>" }.joined()
        return Article(
            identity: "guid:" + guid, guid: guid, url: url ?? "https://example.cn/\(guid)", title: title, author: nil,
            published: published, updated: nil, html: body, text: text.isEmpty ? title : text, categories: [],
            imageURL: nil, contentHash: ContentHash.hex([title, body]), tags: tags)
    }

    /// Stores articles for a feed as one fetch at `now`; returns their ids, in order.
    @discardableResult
    func add(_ feed: String, _ articles: [Article], now: Date = t0) async throws -> [Int64] {
        let record = FetchRecord(startedAt: now, url: "https://example.cn/\(feed)", status: 200, outcome: .fetched)
        try await store.record(feedId: feed, fetch: record, articles: articles, now: now)
        let all = try await store.exported(stories: false).entries.map(\.article)
        return articles.map { a in all.first { $0.feedId == feed && $0.article.identity == a.identity }!.id }
    }

    /// Puts articles into one story (the first one's, or a new one), as the dedupe stage would.
    func cluster(_ ids: [Int64]) async throws {
        var story = try await store.storyId(ofArticle: ids[0])
        for id in ids {
            story = try await store.assignStory(
                articleId: id, storyId: story,
                keys: StoryKeys(canonicalURL: nil, titleKey: "story-\(ids[0])", originalTitleKey: nil, simhash: 0, docNumbers: []))
        }
    }

    func entries(_ filter: ExportFilter = ExportFilter(), after: Int64? = nil, stories: Bool = true, limit: Int? = nil)
        async throws -> [ExportEntry]
    {
        try await store.exported(filter, after: after, stories: stories, limit: limit).entries
    }

    func titles(_ filter: ExportFilter = ExportFilter(), after: Int64? = nil, stories: Bool = true) async throws -> [String] {
        try await entries(filter, after: after, stories: stories).map(\.article.article.title)
    }
}

extension SQLiteStore {
    /// What an export reads, gathered into an array (fine for a test's handful of rows), with the
    /// snapshot's position.
    func exported(_ filter: ExportFilter = ExportFilter(), after: Int64? = nil, stories: Bool = true, limit: Int? = nil)
        throws -> (entries: [ExportEntry], position: Int64)
    {
        var entries: [ExportEntry] = []
        let read = try readExport(filter, after: after, stories: stories, limit: limit) { g in
            entries.append(.of(shown: g.shown, copies: g.copies, revised: g.revised))
        }
        return (entries, read.position)
    }
}

extension ExportContext {
    /// A fixed clock and zone; the sanitizer is the real one, as `finwire export` uses.
    static func test(html: HTMLMode = .sanitized) -> ExportContext {
        ExportContext(timeZone: TimeZone(identifier: "Asia/Shanghai")!, now: ExportCorpus.t0, html: html) {
            HTMLSanitizer.sanitize($0, base: $1)
        }
    }
}
