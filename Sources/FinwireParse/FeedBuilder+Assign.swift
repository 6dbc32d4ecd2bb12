import FinwireModel
import FinwireXML
import Foundation

/// Element → field mapping. Elements open scopes (entry, source, image, author) in `start` and deliver
/// their text in `end`; the scope decides whether a `title` is the feed's, an entry's or an image's.
extension FeedBuilder {
    func start(_ frame: inout Frame, namespace: String?) {
        if ignoreDepth > 0 {
            ignoreDepth += 1
            return
        }
        switch frame.k {
        case .image where inEntry:
            ignoreDepth = 1  // an item's own <image>: its <link> is not the item's
        case .itunesImage, .itunesLink:
            if frame.k == .itunesLink, frame.attribute("rel") != "image" { break }
            if let href = (frame.attribute("href") ?? frame.attribute("url")).flatMap({ resolve($0, against: frame.base) }) {
                if inEntry { entry?.image = FeedImage(href: href) } else if result.feed.image == nil {
                    result.feed.image = FeedImage(href: href)
                }
            }
        case .itunesCategory:
            if let term = frame.attribute("text"), !term.isEmpty {
                let tag = Category(term: term, scheme: "http://www.itunes.com/")
                if inEntry { entry?.tags.append(tag) } else { result.feed.tags.append(tag) }
            }
        case .item, .atomEntry:
            // An item inside an item (FeedBurner wrote an empty `<item />` into each of PCMag's): the outer
            // one is put aside, not overwritten, and taken up again when the inner one closes.
            if inEntry, let outer = entry.take() { outerEntries.append(outer) }
            entry = ParsedEntry()
            inEntry = true
            entry?.language = frame.lang
            if let about = frame.attribute("about") { entry?.id = about }
            if result.version == "cdf" { cdfAttributes(frame, entry: true) }
        case .channel:
            if namespace == Namespaces.rss090 { result.version = "rss090" }
            if result.version == "cdf" { cdfAttributes(frame, entry: false) }
        case .source where inEntry:
            var s = FeedMetadata()
            if let url = frame.attribute("url") { s.href = resolve(url, against: frame.base) }
            source = s
            inSource = true
        case .atomSource where inEntry:
            source = FeedMetadata()
            inSource = true
        case .image where !inEntry:
            image = FeedImage()
            inImage = true
        case .textinput, .textInput:
            textInputDepth += 1
        case .atomAuthor, .atomContributor:
            person = Person()
            inPerson = true
        case .atomTitle, .atomSubtitle, .atomTagline, .atomRights, .atomCopyright, .atomSummary,
            .atomContent, .atomInfo:
            let type = (frame.attribute("type") ?? "text").lowercased()
            if type == "xhtml" || type == "application/xhtml+xml" {
                frame.markup = .xhtml
                frame.stripsWrapper = namespace == Namespaces.atom10
            } else {
                frame.markup = .inline  // markup written straight into a text construct is kept as markup
            }
        case .description, .contentEncoded, .body, .dcDescription, .itunesSummary, .summary:
            frame.markup = .inline
        case .xhtmlBody where !(stack.first?.key.hasPrefix("xhtml:") ?? true):
            // A feed's own xhtml:body is content. The body of an XHTML page that wraps a whole feed (a real
            // Atom feed came inside `<html><body>`) is not: its feed is read as if it were the root.
            frame.markup = .xhtml
        case .enclosure where inEntry:
            if let url = frame.attribute("url"), let href = resolve(url, against: frame.base) {
                let enc = Enclosure(href: href, type: frame.attribute("type"), length: frame.attribute("length"))
                entry?.enclosures.append(enc)
                entry?.links.append(FeedLink(rel: "enclosure", type: enc.type, href: href, length: enc.length))
            }
        case .mediaContent, .mediaThumbnail:
            if inEntry, entry?.mediaImage == nil, let url = frame.attribute("url") {
                let medium = frame.attribute("medium") ?? ""
                let type = frame.attribute("type") ?? ""
                if frame.k == .mediaThumbnail || medium == "image" || type.hasPrefix("image/") {
                    entry?.mediaImage = resolve(url, against: frame.base)
                }
            }
        case .atomCategory, .category, .dcSubject:
            break
        default:
            break
        }
    }

    func end(_ frame: Frame) {
        if ignoreDepth > 0 {
            ignoreDepth -= 1
            return
        }
        let k = frame.k
        if textInputDepth > 0 {
            if k == .textinput || k == .textInput { textInputDepth -= 1 }
            return
        }
        if inPerson, handlePerson(frame) { return }
        if k == .atomLink {
            handleAtomLink(frame)
            return
        }
        if inImage {
            switch k {
            case .image:
                result.feed.image = image
                image = nil
                inImage = false
            case .url: image?.href = resolve(text(of: frame), against: frame.base)
            case .title: image?.title = text(of: frame)
            case .link: image?.link = resolve(text(of: frame), against: frame.base)
            default: break
            }
            return
        }
        if inSource {
            if k == .source || k == .atomSource {
                if k == .source, source?.title == nil {
                    let t = text(of: frame)
                    if !t.isEmpty { source?.title = TextConstruct(type: "text/plain", value: t) }
                }
                entry?.source = source
                source = nil
                inSource = false
                return
            }
            assignMetadata(frame, to: &source!)
            return
        }
        if inEntry {
            if k == .item || k == .atomEntry {
                if let outer = outerEntries.popLast() {
                    // A nested item: kept as an entry of its own unless it holds nothing at all.
                    var empty = ParsedEntry()
                    empty.language = entry?.language
                    if entry != empty { finishEntry() }
                    entry = outer
                    inEntry = true
                    return
                }
                finishEntry()
                return
            }
            assignEntry(frame)
            return
        }
        assignMetadata(frame, to: &result.feed)
    }

    // MARK: feed-level (and source) fields

    func assignMetadata(_ frame: Frame, to meta: inout FeedMetadata) {
        switch frame.k {
        case .title, .dcTitle, .atomTitle:
            if meta.title == nil || frame.k != .dcTitle { meta.title = textConstruct(frame, rssType: "text/plain") }
        case .description, .dcDescription:
            if meta.subtitle == nil || frame.k == .description { meta.subtitle = textConstruct(frame, rssType: "text/html") }
        case .itunesSummary:
            if meta.subtitle == nil { meta.subtitle = textConstruct(frame, rssType: "text/plain") }
        case .itunesKeywords:
            for word in text(of: frame).split(separator: ",") {
                let term = word.trimmingCharacters(in: .whitespaces)
                if !term.isEmpty, !meta.tags.contains(where: { $0.term == term }) {
                    meta.tags.append(Category(term: term, scheme: "http://www.itunes.com/"))
                }
            }
        case .atomSubtitle, .atomTagline, .itunesSubtitle:
            if meta.subtitle == nil || frame.k != .itunesSubtitle {
                meta.subtitle = textConstruct(frame, rssType: "text/plain")
            }
        case .copyright, .dcRights, .atomRights, .atomCopyright:
            meta.rights = textConstruct(frame, rssType: "text/plain")
        case .link:
            let t = text(of: frame)
            if !t.isEmpty, let href = resolve(t, against: frame.base) {
                if meta.link == nil { meta.link = href }
                meta.links.append(FeedLink(rel: "alternate", type: "text/html", href: href))
            }
        case .language, .dcLanguage:
            let t = text(of: frame)
            if !t.isEmpty { meta.language = t }
        case .abstract:
            meta.subtitle = textConstruct(frame, rssType: "text/plain")
        case .generator, .atomGenerator:
            let t = text(of: frame)
            if !t.isEmpty { meta.generator = t }
        case .atomId, .guid:
            let t = text(of: frame)
            if !t.isEmpty { meta.id = frame.k == .atomId ? resolveID(t, frame) : t }
        case .managingEditor, .author, .dcCreator, .dcAuthor, .itunesAuthor:
            let t = text(of: frame)
            if !t.isEmpty { meta.authors.append(Self.rssPerson(t)) }
        case .dcContributor:
            let t = text(of: frame)
            if !t.isEmpty { meta.contributors.append(Person(name: t)) }
        case .pubDate, .atomPublished, .atomIssued, .dctermsIssued:
            meta.published = date(frame)
        case .lastBuildDate, .atomUpdated, .atomModified, .dcDate, .dctermsModified:
            meta.updated = date(frame)
        case .category, .dcSubject, .atomCategory:
            if let tag = category(frame) { meta.tags.append(tag) }
        case .ttl:
            meta.ttlMinutes = Int(text(of: frame))
        case .atomLogo, .atomIcon:
            if meta.image == nil || frame.k == .atomLogo {
                meta.image = FeedImage(href: resolve(text(of: frame), against: frame.base))
            }
        default:
            break
        }
    }

    // MARK: entry fields

    func assignEntry(_ frame: Frame) {
        switch frame.k {
        case .title, .atomTitle, .dcTitle, .mediaTitle:
            if entry?.title == nil || frame.k == .title || frame.k == .atomTitle {
                entry?.title = textConstruct(frame, rssType: "text/plain")
            }
        case .copyright, .dcRights, .atomRights, .atomCopyright:
            entry?.rights = textConstruct(frame, rssType: "text/plain")
        case .dcLanguage, .language:
            let t = text(of: frame)
            if !t.isEmpty { entry?.language = t }
        case .abstract:
            entry?.summary = textConstruct(frame, rssType: "text/plain")
        case .itunesSubtitle:
            entry?.subtitle = textConstruct(frame, rssType: "text/plain")
        case .mediaCategory:
            let t = text(of: frame)
            if !t.isEmpty {
                entry?.tags.append(
                    Category(
                        term: t, scheme: frame.attribute("scheme") ?? "http://search.yahoo.com/mrss/category_schema",
                        label: frame.attribute("label")))
            }
        case .link:
            let t = text(of: frame)
            if !t.isEmpty, let href = resolve(t, against: frame.base) {
                if entry?.link == nil { entry?.link = href }
                entry?.links.append(FeedLink(rel: "alternate", type: "text/html", href: href))
            }
        case .guid, .atomId:
            let t = text(of: frame)
            guard !t.isEmpty else { return }
            entry?.id = frame.k == .atomId ? resolveID(t, frame) : t
            let permalink = !(frame.attribute("isPermaLink").map { $0.utf8.count == 5 && $0.lowercased() == "false" } ?? false)
            if frame.k == .guid, permalink, entry?.link == nil, t.hasPrefix("http") {
                entry?.link = resolve(t, against: frame.base)
            }
        case .description, .atomSummary, .summary, .dcDescription, .itunesSummary:
            // The first summary-like element is the summary; a second one is content (as feedparser does).
            guard let t = textConstruct(frame, rssType: frame.k == .itunesSummary ? "text/plain" : "text/html")
            else { return }
            if entry?.summary == nil {
                entry?.summary = t
            } else if frame.k != .itunesSummary {
                entry?.content.append(t)
            }
        case .contentEncoded, .atomContent, .xhtmlBody, .body, .fullitem:
            if let c = textConstruct(frame, rssType: "text/html") { entry?.content.append(c) }
        case .author, .dcCreator, .dcAuthor, .itunesAuthor:
            let t = text(of: frame)
            if !t.isEmpty { entry?.authors.append(Self.rssPerson(t)) }
        case .dcContributor:
            let t = text(of: frame)
            if !t.isEmpty { entry?.contributors.append(Person(name: t)) }
        case .pubDate, .atomPublished, .atomIssued, .dctermsIssued, .atomCreated:
            entry?.published = date(frame)
        case .atomUpdated, .atomModified, .dcDate, .dctermsModified, .lastBuildDate:
            entry?.updated = date(frame)
        case .category, .dcSubject, .atomCategory:
            if let tag = category(frame) { entry?.tags.append(tag) }
        default:
            break
        }
    }

    func finishEntry() {
        guard inEntry, var e = entry.take() else { return }  // moved out, not copied
        inEntry = false
        if e.link == nil {
            e.link = e.links.first { $0.rel == "alternate" }?.href
        }
        // As feedparser does: text or HTML content doubles as the summary when there is none.
        // (`case .none` rather than `== nil`: the generic comparison copied the whole value.)
        if case .none = e.summary, let first = e.content.first, first.type == "text/plain" || first.isHTML {
            e.summary = first
        }
        if let onEntry {
            onEntry(e)
            deliveredEntries += 1
        } else {
            result.entries.append(e)
        }
    }

    // MARK: pieces

    /// CDF puts the link and the modification date in attributes of CHANNEL and ITEM.
    func cdfAttributes(_ frame: Frame, entry isEntry: Bool) {
        let href = frame.attribute("href").flatMap { resolve($0, against: frame.base) }
        let lastmod = frame.attribute("lastmod").map { FeedDate(raw: $0, date: dates.parse($0)) }
        if isEntry {
            if let href {
                entry?.link = href
                entry?.links.append(FeedLink(rel: "alternate", type: "text/html", href: href))
            }
            entry?.updated = lastmod
        } else {
            if let href {
                result.feed.link = href
                result.feed.links.append(FeedLink(rel: "alternate", type: "text/html", href: href))
            }
            result.feed.updated = lastmod
        }
    }

    /// Atom ids that are relative references are resolved like links (RFC 4287 §4.2.6 ids are IRIs).
    func resolveID(_ id: String, _ frame: Frame) -> String {
        // Byte checks: Foundation's String.contains is a CFString search per call.
        guard !id.utf8.contains(UInt8(ascii: ":")), id.utf8.contains(UInt8(ascii: "/")), frame.base != nil else { return id }
        return resolve(id, against: frame.base) ?? id
    }

    func handleAtomLink(_ frame: Frame) {
        // Atom 0.3 feeds sometimes put the URL in the element's text; with neither, a link points at its base
        // (RFC 3986 §5.2 with an empty reference).
        guard let href = resolve(frame.attribute("href") ?? text(of: frame), against: frame.base) else { return }
        let rel = frame.attribute("rel") ?? "alternate"
        var type = frame.attribute("type")
        if type == nil { type = rel == "alternate" ? "text/html" : (rel == "self" ? "application/atom+xml" : nil) }
        let link = FeedLink(
            rel: rel, type: type, href: href, title: frame.attribute("title"), hreflang: frame.attribute("hreflang"),
            length: frame.attribute("length"))
        if inEntry, !inSource {
            entry?.links.append(link)
            if rel == "alternate", entry?.link == nil { entry?.link = href }
            if rel == "enclosure" { entry?.enclosures.append(Enclosure(href: href, type: type, length: link.length)) }
        } else if inSource {
            source?.links.append(link)
            if rel == "alternate", source?.link == nil { source?.link = href }
        } else {
            result.feed.links.append(link)
            if rel == "alternate", result.feed.link == nil { result.feed.link = href }
        }
    }

    /// Atom person constructs; returns true when the frame belonged to the person.
    func handlePerson(_ frame: Frame) -> Bool {
        switch frame.k {
        case .atomName:
            person?.name = text(of: frame)
        case .atomEmail:
            person?.email = text(of: frame)
        case .atomUri, .atomUrl, .atomHomepage:
            person?.href = resolve(text(of: frame), against: frame.base)
        case .atomAuthor, .atomContributor:
            guard let p = person else { return true }
            person = nil
            inPerson = false
            let isAuthor = frame.k == .atomAuthor
            if inSource {
                if isAuthor { source?.authors.append(p) } else { source?.contributors.append(p) }
            } else if inEntry {
                if isAuthor { entry?.authors.append(p) } else { entry?.contributors.append(p) }
            } else {
                if isAuthor { result.feed.authors.append(p) } else { result.feed.contributors.append(p) }
            }
        default:
            return false
        }
        return true
    }

    func textConstruct(_ frame: Frame, rssType: String) -> TextConstruct? {
        let value = text(of: frame)
        var type = rssType
        if frame.key.hasPrefix("atom:") {
            switch (frame.attribute("type") ?? "text").lowercased() {
            case "text", "text/plain": type = "text/plain"
            case "html", "text/html": type = "text/html"
            case "xhtml", "application/xhtml+xml": type = "application/xhtml+xml"
            case let other: type = other
            }
            // Atom 0.3 says mode="base64"; Atom 1.0 base64-encodes any type that is not text or XML.
            let binary = type.contains("/")
                && !(type.hasPrefix("text/") || type.hasSuffix("xml") || type == "application/xhtml+xml")
            if frame.attribute("mode") == "base64" || binary,
                let data = Data(base64Encoded: value, options: .ignoreUnknownCharacters)
            {
                return TextConstruct(
                    type: type, value: String(decoding: data, as: UTF8.self), language: frame.lang,
                    base: frame.base?.absoluteString)
            }
        } else if frame.k == .xhtmlBody {
            type = "application/xhtml+xml"
        }
        return TextConstruct(type: type, value: value, language: frame.lang, base: frame.base?.absoluteString)
    }

    func date(_ frame: Frame) -> FeedDate? {
        let raw = text(of: frame)
        guard !raw.isEmpty else { return nil }
        return FeedDate(raw: raw, date: dates.parse(raw))
    }

    func category(_ frame: Frame) -> Category? {
        if frame.k == .atomCategory {
            guard let term = frame.attribute("term") else { return nil }
            return Category(term: term, scheme: frame.attribute("scheme"), label: frame.attribute("label"))
        }
        let t = text(of: frame)
        guard !t.isEmpty else { return nil }
        return Category(term: t, scheme: frame.attribute("domain"))
    }

    /// RSS writes authors as `email (Name)`, `Name <email>`, a bare email or a bare name. Searched on UTF-8
    /// bytes: Foundation's `String.contains` is a CFString search per call.
    static func rssPerson(_ raw: String) -> Person {
        let u = raw.utf8
        // What Foundation's `.whitespaces` trims (space separators and tab), without bridging to NSString.
        func space(_ c: Unicode.Scalar) -> Bool {
            c == " " || c == "\t" || (c.value >= 0x80 && c.properties.generalCategory == .spaceSeparator)
        }
        func trimmed(_ s: Substring) -> String {
            let v = s.unicodeScalars
            guard let a = v.firstIndex(where: { !space($0) }), let b = v.lastIndex(where: { !space($0) }) else { return "" }
            return String(v[a...b])
        }
        let at = UInt8(ascii: "@")
        if let open = u.firstIndex(of: UInt8(ascii: "(")), let close = u.lastIndex(of: UInt8(ascii: ")")), open < close {
            let outside = trimmed(raw[..<open])
            let inside = trimmed(raw[raw.index(after: open)..<close])
            if outside.utf8.contains(at) { return Person(name: inside.isEmpty ? nil : inside, email: outside) }
            if inside.utf8.contains(at), !inside.utf8.contains(UInt8(ascii: " ")) {
                return Person(name: outside.isEmpty ? nil : outside, email: inside)
            }
        }
        if let lt = u.firstIndex(of: UInt8(ascii: "<")), let gt = u.lastIndex(of: UInt8(ascii: ">")), lt < gt {
            let name = trimmed(raw[..<lt])
            let email = trimmed(raw[raw.index(after: lt)..<gt])
            if email.utf8.contains(at) { return Person(name: name.isEmpty ? nil : name, email: email) }
        }
        if u.contains(at), !u.contains(UInt8(ascii: " ")) { return Person(email: raw) }
        return Person(name: raw)
    }
}
