import FinwireModel
import FinwireXML
import Foundation

/// The normalize stage: a parsed entry becomes an `Article` with an identity, a body, plain text and a
/// content hash. Pure: the same input always gives the same article.
public struct Normalizer: Sendable {
    public init() {}

    public func articles(from feed: ParsedFeed, source: FeedSource) -> [Article] {
        feed.entries.map { article(from: $0, feed: feed) }
    }

    public func article(from e: ParsedEntry, feed: ParsedFeed) -> Article {
        let body = Normalizer.body(of: e)
        let html = body.map { $0.isHTML ? $0.value : HTMLEscape.text($0.value) } ?? ""
        let extracted = HTMLText(html: html)
        let link = e.link.flatMap(Normalizer.trimmed)
        var title = e.title.map { $0.isHTML ? HTMLText(html: $0.value).text : HTMLText.collapse($0.value) } ?? ""
        if title.isEmpty {
            title = String(extracted.text.split(separator: "\n").first?.prefix(80) ?? "")
        }
        let guid = e.id.flatMap(Normalizer.trimmed)
        let identity: String
        if let guid {
            identity = "guid:" + guid
        } else if let link {
            identity = "url:" + Normalizer.identityURL(link)
        } else {
            identity = "hash:" + ContentHash.hex([title, e.published?.raw ?? e.updated?.raw ?? ""])
        }
        var image = e.mediaImage
        if image == nil, let src = extracted.firstImage {
            // Relative paths in a body are written for the article's own page, so its link is the better base.
            let base = link.flatMap(URL.init(string:)) ?? body?.base.flatMap(URL.init(string:))
            image = HTMLSanitizer.safeURL(src, base: base)
        }
        return Article(
            identity: identity, guid: guid, url: link, title: title,
            author: e.authors.first?.name ?? e.authors.first?.email, published: e.published?.date ?? e.updated?.date,
            updated: e.updated?.date, html: html, text: extracted.text,
            categories: e.tags.compactMap { $0.term ?? $0.label }, imageURL: image,
            contentHash: ContentHash.hex([title, link ?? "", html]))
    }

    /// The fullest body: HTML content, then any content, then the summary.
    static func body(of e: ParsedEntry) -> TextConstruct? {
        e.content.first(where: { $0.isHTML && !$0.value.isEmpty }) ?? e.content.first(where: { !$0.value.isEmpty })
            ?? e.summary
    }

    /// The identity a feed in link mode gives an entry with this link.
    public static func linkIdentity(_ link: String) -> String { "url:" + identityURL(link) }

    /// The link as an identity key: scheme and host lower-cased, fragment dropped. (Full canonical URLs,
    /// tracking parameters and mobile hosts belong to the dedupe stage.)
    static func identityURL(_ link: String) -> String {
        guard var c = URLComponents(string: link) else { return link }
        c.scheme = c.scheme?.lowercased()
        c.host = c.host?.lowercased()
        c.fragment = nil
        return c.string ?? link
    }

    static func trimmed(_ s: String) -> String? {
        guard let first = s.utf8.first, let last = s.utf8.last else { return nil }
        // Foundation's trimming bridges through UTF-16; most values need none.
        if first > 0x20, last > 0x20, first != 0xC2, first != 0xE3 { return s }
        let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        return t.isEmpty ? nil : t
    }
}
