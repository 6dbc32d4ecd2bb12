/// Canonical prefixes for the namespaces feeds use, so that element handling never depends on the
/// prefix a publisher happened to choose.
enum Namespaces {
    static let atom10 = "http://www.w3.org/2005/Atom"
    static let atom03 = "http://purl.org/atom/ns#"
    static let rss10 = "http://purl.org/rss/1.0/"
    static let rss090 = "http://my.netscape.com/rdf/simple/0.9/"
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let xhtml = "http://www.w3.org/1999/xhtml"
    static let xml = "http://www.w3.org/XML/1998/namespace"

    static let prefixes: [String: String] = [
        atom10: "atom", atom03: "atom", "http://purl.org/atom/ns#draft-ietf-atompub-format-08": "atom",
        rss10: "", rss090: "", "http://backend.userland.com/rss2": "", "http://blogs.law.harvard.edu/tech/rss": "",
        rdf: "rdf",
        "http://purl.org/dc/elements/1.1/": "dc", "http://purl.org/dc/terms/": "dcterms",
        "http://purl.org/rss/1.0/modules/content/": "content",
        "http://search.yahoo.com/mrss/": "media", "http://search.yahoo.com/mrss": "media",
        "http://purl.org/rss/1.0/modules/syndication/": "sy",
        "http://www.itunes.com/dtds/podcast-1.0.dtd": "itunes",
        xhtml: "xhtml",
        "http://purl.org/rss/1.0/modules/slash/": "slash",
        "http://wellformedweb.org/CommentAPI/": "wfw",
    ]

    static let lowercased: [String: String] = Dictionary(
        prefixes.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })

    /// `prefix:local` with a canonical prefix, or the bare local name for RSS's own elements.
    static func key(_ local: String, namespace: String?, prefix: String?, extra: [String: String] = [:]) -> String {
        guard let namespace, !namespace.isEmpty else { return local }
        if let p = prefixes[namespace] ?? extra[namespace] ?? lowercased[namespace.lowercased()] {
            return p.isEmpty ? local : p + ":" + local
        }
        if let prefix, !prefix.isEmpty { return prefix.lowercased() + ":" + local }
        return "{" + namespace + "}" + local
    }
}
