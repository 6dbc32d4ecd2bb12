import FinwireModel
import FinwireXML
import Foundation

/// The normalized JSON schema of `finwire parse --json` (shared/conformance/SCHEMA.md, v1): feedparser's
/// result shape, cut down to what a feed daemon stores. HTML-bearing values are sanitized on the way out.
extension ParsedFeed {
    public func jsonValue() -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("bozo", .bool(bozo))
        o.set("bozo_exception", bozoReason)
        o.set("encoding", encoding)
        o.set("declared_encoding", declaredEncoding)
        o.set("http_encoding", httpEncoding)
        o.set("encoding_note", encodingNote)
        o.set("version", version)
        o.set("feed", feed.jsonValue(isSource: false))
        o.set("entries", .array(entries.map { $0.jsonValue() }))
        return o.value
    }
}

extension FeedMetadata {
    func jsonValue(isSource: Bool) -> JSONValue {
        var o = JSONObjectBuilder()
        setText(&o, "title", title)
        setText(&o, "subtitle", subtitle)
        setText(&o, "rights", rights)
        o.set("link", link)
        if !links.isEmpty { o.set("links", .array(links.map { $0.jsonValue() })) }
        o.set("id", id)
        o.set("language", language)
        o.set("generator", generator)
        setPeople(&o, authors, contributors)
        setDate(&o, "published", published)
        setDate(&o, "updated", updated)
        if let image {
            var i = JSONObjectBuilder()
            i.set("href", image.href)
            i.set("title", image.title)
            i.set("link", image.link)
            o.set("image", i.value)
        }
        if !tags.isEmpty { o.set("tags", .array(tags.map { $0.jsonValue() })) }
        o.set("href", href)
        return o.value
    }
}

extension ParsedEntry {
    func jsonValue() -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("id", id)
        setText(&o, "title", title)
        o.set("link", link)
        if !links.isEmpty { o.set("links", .array(links.map { $0.jsonValue() })) }
        setText(&o, "summary", summary)
        setText(&o, "subtitle", subtitle)
        setText(&o, "rights", rights)
        if let image {
            var i = JSONObjectBuilder()
            i.set("href", image.href)
            o.set("image", i.value)
        }
        if !content.isEmpty { o.set("content", .array(content.map { $0.jsonValue() })) }
        setPeople(&o, authors, contributors)
        setDate(&o, "published", published)
        setDate(&o, "updated", updated)
        if !tags.isEmpty { o.set("tags", .array(tags.map { $0.jsonValue() })) }
        if !enclosures.isEmpty {
            o.set(
                "enclosures",
                .array(
                    enclosures.map {
                        var e = JSONObjectBuilder()
                        e.set("href", $0.href)
                        e.set("type", $0.type)
                        e.set("length", $0.length)
                        return e.value
                    }))
        }
        if let source { o.set("source", source.jsonValue(isSource: true)) }
        o.set("language", language)
        // finwire's addition to the schema: the body as plain text (what dedupe and tagging read).
        if let body = content.first ?? summary {
            let text = body.isHTML ? HTMLText(html: body.value).text : HTMLText.collapse(body.value)
            if !text.isEmpty { o.set("text", text) }
        }
        return o.value
    }
}

extension TextConstruct {
    /// The value as emitted: HTML is sanitized (scripts, handlers, unsafe URLs removed) and resolved.
    var emittedValue: String {
        isHTML ? HTMLSanitizer.sanitize(value, base: base.flatMap { URL(string: $0) }) : value
    }

    func jsonValue() -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("type", type)
        o.set("value", emittedValue)
        o.set("language", language)
        o.set("base", base)
        return o.value
    }
}

extension FeedLink {
    func jsonValue() -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("rel", rel)
        o.set("type", type)
        o.set("href", href)
        o.set("title", title)
        o.set("hreflang", hreflang)
        o.set("length", length)
        return o.value
    }
}

extension Category {
    func jsonValue() -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("term", term)
        o.set("scheme", scheme)
        o.set("label", label)
        return o.value
    }
}

extension Person {
    func jsonValue() -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("name", name)
        o.set("email", email)
        o.set("href", href)
        return o.value
    }
}

private func setText(_ o: inout JSONObjectBuilder, _ key: String, _ text: TextConstruct?) {
    guard let text else { return }
    o.set(key, text.emittedValue)
    o.set(key + "_detail", text.jsonValue())
}

private func setPeople(_ o: inout JSONObjectBuilder, _ authors: [Person], _ contributors: [Person]) {
    if let first = authors.first {
        o.set("author", first.display)
        o.set("author_detail", first.jsonValue())
        o.set("authors", .array(authors.map { $0.jsonValue() }))
    }
    if !contributors.isEmpty { o.set("contributors", .array(contributors.map { $0.jsonValue() })) }
}

private func setDate(_ o: inout JSONObjectBuilder, _ key: String, _ date: FeedDate?) {
    guard let date else { return }
    o.set(key, date.date.map(ISODate.string))
    o.set(key + "_raw", date.raw)
}
