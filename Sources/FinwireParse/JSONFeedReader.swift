import FinwireModel
import Foundation

/// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) into the same `ParsedFeed` as XML feeds.
enum JSONFeedReader {
    static func parse(_ bytes: [UInt8], options: ParseOptions) -> ParsedFeed {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)), let root = object as? [String: Any]
        else {
            return ParsedFeed(bozo: true, bozoReason: "not valid JSON", encoding: "utf-8")
        }
        let dates = FeedDateParser(timeZone: options.timeZone)
        var result = ParsedFeed(encoding: "utf-8")
        let version = root["version"] as? String ?? ""
        result.version =
            version.hasSuffix("/1.1") ? "json11" : version.hasSuffix("/1") ? "json1" : (version.isEmpty ? "" : "json")
        if result.version.isEmpty {
            result.bozo = true
            result.bozoReason = "JSON without a JSON Feed version"
        }
        let base = options.contentLocation ?? options.url
        func url(_ v: Any?) -> String? {
            guard let s = v as? String, !s.isEmpty else { return nil }
            if let base { return URL(string: s, relativeTo: base)?.absoluteURL.absoluteString ?? s }
            return s
        }
        func people(_ obj: [String: Any]) -> [Person] {
            var list = (obj["authors"] as? [[String: Any]]) ?? []
            if list.isEmpty, let single = obj["author"] as? [String: Any] { list = [single] }
            return list.map { Person(name: $0["name"] as? String, href: url($0["url"])) }
        }
        if let t = root["title"] as? String { result.feed.title = TextConstruct(type: "text/plain", value: t) }
        if let d = root["description"] as? String {
            result.feed.subtitle = TextConstruct(type: "text/plain", value: d)
        }
        if let home = url(root["home_page_url"]) {
            result.feed.link = home
            result.feed.links.append(FeedLink(rel: "alternate", type: "text/html", href: home))
        }
        if let feedURL = url(root["feed_url"]) {
            result.feed.links.append(FeedLink(rel: "self", type: "application/json", href: feedURL))
        }
        if let icon = url(root["icon"]) ?? url(root["favicon"]) { result.feed.image = FeedImage(href: icon) }
        result.feed.language = root["language"] as? String ?? options.contentLanguage
        result.feed.authors = people(root)
        for item in (root["items"] as? [[String: Any]]) ?? [] {
            var e = ParsedEntry()
            if let id = item["id"] { e.id = "\(id)" }
            e.link = url(item["url"])
            if let link = e.link { e.links.append(FeedLink(rel: "alternate", type: "text/html", href: link)) }
            if let t = item["title"] as? String { e.title = TextConstruct(type: "text/plain", value: t) }
            if let s = item["summary"] as? String { e.summary = TextConstruct(type: "text/plain", value: s) }
            if let h = item["content_html"] as? String { e.content.append(TextConstruct(type: "text/html", value: h)) }
            if let t = item["content_text"] as? String {
                e.content.append(TextConstruct(type: "text/plain", value: t))
            }
            if let p = item["date_published"] as? String { e.published = FeedDate(raw: p, date: dates.parse(p)) }
            if let u = item["date_modified"] as? String { e.updated = FeedDate(raw: u, date: dates.parse(u)) }
            e.authors = people(item)
            e.tags = ((item["tags"] as? [String]) ?? []).map { Category(term: $0) }
            e.mediaImage = url(item["image"]) ?? url(item["banner_image"])
            for a in (item["attachments"] as? [[String: Any]]) ?? [] {
                guard let href = url(a["url"]) else { continue }
                let length = (a["size_in_bytes"]).map { "\($0)" }
                e.enclosures.append(Enclosure(href: href, type: a["mime_type"] as? String, length: length))
                e.links.append(FeedLink(rel: "enclosure", type: a["mime_type"] as? String, href: href, length: length))
            }
            e.language = item["language"] as? String
            result.entries.append(e)
        }
        return result
    }
}
