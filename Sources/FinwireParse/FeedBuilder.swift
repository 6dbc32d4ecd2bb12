import FinwireModel
import FinwireXML
import Foundation

/// The SAX handler that turns RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 0.3/1.0 events into a `ParsedFeed`.
///
/// One stack frame per open element carries its effective `xml:base` and `xml:lang` (RFC 4287 §2) and the
/// text collected for it; fields are assigned when an element closes (`FeedBuilder+Assign.swift`).
final class FeedBuilder: SAXHandler {
    struct Frame {
        var key: String
        var k: ElementKey
        var base: URL?
        var lang: String?
        var attributes: [XMLAttribute]
        /// Where this element's text begins in the reader's text buffer (it runs to the buffer's end while
        /// the element is the innermost open one).
        var textStart: Int
        /// Child elements are serialized back into `text` (Atom xhtml content, inline HTML in RSS).
        var markup: MarkupMode = .none
        /// Atom 1.0 xhtml content: its xhtml:div wrapper is not part of the content (Atom 0.3 keeps it).
        var stripsWrapper = false
        /// The wrapper was left out of `text`.
        var skippedWrapper = false
        /// An attribute by local name (no namespace, or RDF's); failing that, an un-namespaced one whose name
        /// differs only in ASCII case (CDF writes `HREF`). `name` is lower-case ASCII.
        func attribute(_ name: String) -> String? {
            if attributes.isEmpty { return nil }
            for a in attributes where a.localName == name && (a.namespace == nil || a.namespace == Namespaces.rdf) {
                return a.value
            }
            for a in attributes where a.namespace == nil && FeedBuilder.equalsLowercased(a.localName, name) {
                return a.value
            }
            return nil
        }
    }

    enum MarkupMode { case none, xhtml, inline }

    let dates: FeedDateParser
    var result = ParsedFeed()
    var stack: [Frame] = []
    /// Depth inside a frame that is collecting markup; while > 0, child elements are text of that frame.
    var markupDepth = 0
    var markupFrame = -1

    var entry: ParsedEntry?
    /// Entries whose item was still open when another item began inside it (`start`), innermost last.
    var outerEntries: [ParsedEntry] = []
    var source: FeedMetadata?
    var image: FeedImage?
    var person: Person?
    /// Whether each scope above is open. Kept apart because `entry != nil` on a class property copies the
    /// whole entry (a retain and release of every field) at every element end.
    var inEntry = false, inSource = false, inImage = false, inPerson = false
    /// Microsoft CDF, whose upper-case names are folded (a flag: comparing the version string cost a call
    /// per element).
    var isCDF = false
    var textInputDepth = 0
    /// Depth inside elements whose content is ignored (an item's own `<image>`).
    var ignoreDepth = 0
    /// Elements nested deeper than `maxDepth` are skipped whole (no feed needs more); counted here.
    var overflowDepth = 0
    private(set) var depthExceeded = false
    static let maxDepth = 512
    /// Namespaces adopted at the root: a `feed` or `rss` element in a namespace nobody registered.
    var adoptedNamespaces: [String: String] = [:]
    /// Where text collects (see `SAXReader`'s text buffer); set by the session right after both exist.
    unowned(unsafe) var reader: SAXReader!
    /// Canonical keys by `XMLName.id`.
    var keyCache: [(String, ElementKey)?] = []
    let rootBase: URL?
    let rootLang: String?

    /// When set, each entry is handed over as it completes instead of being kept: memory stays flat.
    var onEntry: ((ParsedEntry) -> Void)?
    var deliveredEntries = 0

    init(base: URL?, language: String?, dates: FeedDateParser) {
        self.rootBase = base
        self.rootLang = language.map(FeedBuilder.normalizeLanguage)
        self.dates = dates
        result.feed.language = language
    }

    // MARK: SAXHandler

    func startElement(_ name: XMLName, attributes: [XMLAttribute]) {
        defer { updateTextMode() }
        if overflowDepth > 0 || stack.count + markupDepth >= FeedBuilder.maxDepth {
            overflowDepth += 1
            depthExceeded = true
            return
        }
        if markupDepth > 0 {
            markupDepth += 1
            appendMarkupStart(name, attributes)
            return
        }
        // Read the two fields in place: `stack.last` would copy the whole parent frame.
        var base = (stack.isEmpty ? nil : stack[stack.count - 1].base) ?? rootBase
        var lang = (stack.isEmpty ? nil : stack[stack.count - 1].lang) ?? rootLang
        for a in attributes where a.namespace == Namespaces.xml {
            if a.localName == "base" {
                base = resolve(a.value, against: base).flatMap { URL(string: $0) } ?? base
            } else if a.localName == "lang" {
                lang = a.value.isEmpty ? nil : FeedBuilder.normalizeLanguage(a.value)
            }
        }
        if stack.isEmpty, let ns = name.namespace, Namespaces.key("x", namespace: ns, prefix: nil).hasPrefix("{") {
            if name.localName == "feed" { adoptedNamespaces[ns] = "atom" }
            if name.localName == "rss" || name.localName == "RDF" { adoptedNamespaces[ns] = "" }
        }
        var key: String
        var k: ElementKey
        if name.id < keyCache.count, let cached = keyCache[name.id] {
            (key, k) = cached
        } else {
            key = Namespaces.key(name.localName, namespace: name.namespace, prefix: name.prefix, extra: adoptedNamespaces)
            k = ElementKey(key: key)
            if name.id >= keyCache.count { keyCache += Array(repeating: nil, count: name.id - keyCache.count + 1) }
            keyCache[name.id] = (key, k)
        }
        // CDF (Microsoft's Channel Definition Format) writes upper-case elements and attributes.
        if stack.isEmpty, key == "CHANNEL" {
            result.version = "cdf"
            isCDF = true
        }
        if isCDF, name.namespace == nil {
            key = key.lowercased()
            k = ElementKey(key: key)
        }
        var frame = Frame(key: key, k: k, base: base, lang: lang, attributes: attributes, textStart: reader.textCount)
        // The root decides the version; below an XHTML page's own elements (a feed wrapped in `<html><body>`),
        // the first feed element does.
        if stack.isEmpty || (result.version.isEmpty && stack[0].key.hasPrefix("xhtml:")) {
            detectVersion(key, name: name, attributes: attributes)
            if let lang = frame.lang { result.feed.language = lang }  // xml:lang outranks Content-Language
        }
        start(&frame, namespace: name.namespace)
        stack.append(frame)
        if frame.markup != .none {
            markupDepth = 1
            markupFrame = stack.count - 1
        }
    }

    func endElement(_ name: XMLName) {
        defer { updateTextMode() }
        if overflowDepth > 0 {
            overflowDepth -= 1
            return
        }
        if markupDepth > 1 {
            markupDepth -= 1
            appendMarkupEnd(name)
            return
        }
        markupDepth = 0
        guard let frame = stack.popLast() else { return }
        end(frame)
        reader.truncateText(to: frame.textStart)
    }

    /// Tells the reader what to do with the text that follows: the open element's text is kept; inside
    /// serialized markup it is escaped; outside the root or inside skipped elements it is dropped.
    private func updateTextMode() {
        let mode: SAXReader.TextMode
        if overflowDepth > 0 || stack.isEmpty {
            mode = .drop
        } else if markupDepth > 1 || (markupDepth == 1 && stack[stack.count - 1].markup == .xhtml) {
            mode = .escape
        } else {
            mode = .keep
        }
        reader.setTextMode(mode)
    }

    // MARK: markup serialization (Atom xhtml, inline HTML)

    private func appendMarkupStart(_ name: XMLName, _ attributes: [XMLAttribute]) {
        let i = stack.count - 1
        // Atom xhtml content is wrapped in one xhtml:div that is not part of the content (RFC 4287 §3.1.1.3).
        if stack[i].stripsWrapper, markupDepth == 2, name.localName == "div", reader.text(from: stack[i].textStart).allSatisfy(isSpace) {
            reader.truncateText(to: stack[i].textStart)
            stack[i].skippedWrapper = true
            return
        }
        var s = "<" + name.localName
        for a in attributes {
            var value = a.value
            if a.localName == "href" || a.localName == "src" {
                value = resolve(value, against: stack[i].base) ?? value
            }
            s += " " + a.localName + "=\"" + HTMLEscape.attribute(value) + "\""
        }
        s += ">"
        reader.appendText(s)
    }

    private func appendMarkupEnd(_ name: XMLName) {
        let i = stack.count - 1
        if stack[i].markup == .xhtml, markupDepth == 1, stack[i].skippedWrapper {
            return
        }
        if FeedBuilder.voidElements.contains(name.localName), reader.text(from: stack[i].textStart).last == UInt8(ascii: ">") {
            reader.truncateText(to: reader.textCount - 1)
            reader.appendText(" />")
            return
        }
        reader.appendText("</" + name.localName + ">")
    }

    private func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }

    // MARK: helpers

    /// Resolves a URI reference against a base, refusing unsafe schemes as bases or results.
    func resolve(_ raw: String, against base: URL?) -> String? {
        let edges = [raw.utf8.first, raw.utf8.last].compactMap { $0 }
        let trimmed = edges.contains(where: { $0 <= 0x20 }) ? raw.trimmingCharacters(in: .whitespacesAndNewlines) : raw
        if trimmed.isEmpty { return base?.absoluteString }
        // Absolute references (the common case) need no URL parsing: a scheme is letters before a ':'.
        if FeedBuilder.hasScheme(trimmed) { return trimmed }
        guard let base, let scheme = base.scheme?.lowercased(), ["http", "https", "file", "ftp"].contains(scheme)
        else { return trimmed }
        return URL(string: trimmed, relativeTo: base)?.absoluteURL.absoluteString ?? trimmed
    }

    /// The element's text with XML white space (space, tab, CR, LF) trimmed; trimmed on bytes because
    /// Foundation's trimming bridges through UTF-16 and showed up in profiles.
    static func hasScheme(_ s: String) -> Bool {
        var first = true
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: ":"): return !first
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): break
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if first { return false }
            default: return false
            }
            first = false
        }
        return false
    }

    /// Whether `s` lower-cased (ASCII) is `lower`, without building the lower-cased string.
    static func equalsLowercased(_ s: String, _ lower: String) -> Bool {
        guard s.utf8.count == lower.utf8.count else { return false }
        for (a, b) in zip(s.utf8, lower.utf8) {
            let folded = a >= 0x41 && a <= 0x5A ? a | 0x20 : a
            if folded != b { return false }
        }
        return true
    }

    static let voidElements: Set<String> = ["br", "img", "hr", "col", "input", "meta", "link", "area", "base", "wbr"]

    /// The text of the element just closed: the tail of the reader's text buffer (trimmed of XML white space).
    func text(of frame: Frame) -> String {
        let t = reader.text(from: 0)
        var start = frame.textStart
        var end = t.count
        while start < end, isSpace(t[start]) { start += 1 }
        while end > start, isSpace(t[end - 1]) { end -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: t[start..<end]), as: UTF8.self)
    }

    /// Inherited languages are already normalized; only a new `xml:lang` pays for this.
    static func normalizeLanguage(_ tag: String) -> String {
        tag.utf8.contains(UInt8(ascii: "_")) ? tag.replacingOccurrences(of: "_", with: "-") : tag
    }

    func detectVersion(_ key: String, name: XMLName, attributes: [XMLAttribute]) {
        let version = attributes.first { $0.localName == "version" && $0.namespace == nil }?.value ?? ""
        switch key {
        case "rss":
            switch version {
            case let v where v == "2" || v.hasPrefix("2."): result.version = "rss20"
            case "0.91": result.version = "rss091u"
            case "0.92": result.version = "rss092"
            case "0.93": result.version = "rss093"
            case "0.94": result.version = "rss094"
            default: result.version = "rss"
            }
        case "rdf:RDF", "RDF": result.version = "rss10"
        case "atom:feed", "feed":
            if name.namespace == Namespaces.atom10 {
                result.version = "atom10"
            } else {
                switch version {
                case "0.1": result.version = "atom01"
                case "0.2": result.version = "atom02"
                case "0.3": result.version = "atom03"
                default: result.version = "atom"
                }
            }
        case "channel":
            if result.version != "cdf" { result.version = "rss" }
        default:
            break
        }
    }
}
