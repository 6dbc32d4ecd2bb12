import Foundation

/// Rewrites untrusted HTML (feed bodies) into an allow-listed subset that is safe to show in a browser.
///
/// It follows the long-standing feed-reader convention (Universal Feed Parser's): allow-listed elements
/// and attributes are kept, `script`, `applet` and `style` are dropped with their content, every other
/// element is dropped but its text kept; `style` attributes keep only harmless CSS; URL attributes are
/// resolved against `base` and emptied when their scheme is not a safe one (`javascript:` and friends).
/// Text passes through as written, so entity references survive exactly.
public enum HTMLSanitizer {
    public static func sanitize(_ html: String, base: URL? = nil) -> String {
        guard html.utf8.contains(UInt8(ascii: "<")) || html.utf8.contains(UInt8(ascii: "&")) else { return trimmed(html) }
        var tokenizer = HTMLTokenizer(html)
        var out: [UInt8] = []
        out.reserveCapacity(html.utf8.count)
        var skipDepth = 0
        while let token = tokenizer.next() {
            switch token {
            case .text(let bytes):
                if skipDepth == 0 { appendText(bytes, to: &out) }
            case .strayLessThan:
                if skipDepth == 0 { out.append(contentsOf: Array("&lt;".utf8)) }
            case .comment(let bytes):
                if skipDepth == 0 { out.append(contentsOf: bytes) }
            case .ignored:
                break
            case .start(let name, let attributes, let selfClosing):
                if droppedWithContent.contains(name) {
                    if !selfClosing { skipDepth += 1 }
                    continue
                }
                guard skipDepth == 0, allowedElements.contains(name) else { continue }
                var tag = "<" + name
                // Attributes in name order, as the feed-reader convention (and its tests) write them.
                let sorted = attributes.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }
                for (attr, rawValue) in sorted.map(\.element) where allowedAttributes.contains(attr) || attr == "style" {
                    var value = rawValue
                    if attr == "style" {
                        value = CSSSanitizer.sanitize(value)
                        if value.isEmpty { continue }
                    } else if urlAttributes.contains(attr) {
                        value = safeURL(value, base: base) ?? ""
                    }
                    tag += " " + attr + "=\"" + escapeAttribute(value) + "\""
                }
                tag += voidElements.contains(name) ? " />" : ">"
                out.append(contentsOf: Array(tag.utf8))
            case .end(let name):
                if droppedWithContent.contains(name) {
                    if skipDepth > 0 { skipDepth -= 1 }
                    continue
                }
                guard skipDepth == 0, allowedElements.contains(name), !voidElements.contains(name) else { continue }
                out.append(contentsOf: Array(("</" + name + ">").utf8))
            }
        }
        return trimmed(String(decoding: out, as: UTF8.self))
    }

    /// Text passes through as written, except that a bare `&` (one that starts no reference) is escaped.
    private static func appendText(_ bytes: ArraySlice<UInt8>, to out: inout [UInt8]) {
        guard bytes.contains(UInt8(ascii: "&")) else {
            out.append(contentsOf: bytes)
            return
        }
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == UInt8(ascii: "&"), !startsReference(bytes, at: i) {
                out.append(contentsOf: Array("&amp;".utf8))
            } else {
                out.append(b)
            }
            i += 1
        }
    }

    private static func startsReference(_ b: ArraySlice<UInt8>, at i: Int) -> Bool {
        var j = i + 1
        guard j < b.endIndex else { return false }
        if b[j] == UInt8(ascii: "#") {
            j += 1
            let hex = j < b.endIndex && (b[j] | 0x20) == UInt8(ascii: "x")
            if hex { j += 1 }
            let start = j
            while j < b.endIndex, j - i < 12,
                (b[j] >= 0x30 && b[j] <= 0x39) || (hex && (b[j] | 0x20) >= 0x61 && (b[j] | 0x20) <= 0x66)
            {
                j += 1
            }
            return j > start && j < b.endIndex && b[j] == UInt8(ascii: ";")
        }
        let start = j
        while j < b.endIndex, j - i < 34, ((b[j] | 0x20) >= 0x61 && (b[j] | 0x20) <= 0x7A) || (b[j] >= 0x30 && b[j] <= 0x39) {
            j += 1
        }
        return j > start && j < b.endIndex && b[j] == UInt8(ascii: ";")
    }

    /// http, https and other safe schemes, or relative URLs (resolved when a base is known); nil for
    /// anything else (`javascript:`, `data:`, `vbscript:`…).
    public static func safeURL(_ raw: String, base: URL?) -> String? {
        // Fast path: an absolute http(s) URL with nothing to trim or decode is returned as written.
        let u = raw.utf8
        if let first = u.first, first > 0x20, let last = u.last, last > 0x20, !u.contains(UInt8(ascii: "&")),
            raw.hasPrefix("https://") || raw.hasPrefix("http://")
        {
            return raw
        }
        let trimmedURL = raw.trimmingCharacters(in: .whitespacesAndNewlines.union(.controlCharacters))
        if trimmedURL.isEmpty { return base?.absoluteString ?? "" }
        // Browsers decode references before reading the scheme (`javascript&#58;…`), so the check does too,
        // ignoring the characters they skip inside a scheme.
        let decoded = HTMLEntities.decode(trimmedURL).unicodeScalars.filter {
            !($0.properties.isWhitespace || $0.value < 0x20)
        }
        let probe = String(String.UnicodeScalarView(decoded))
        if let colon = probe.firstIndex(of: ":") {
            let scheme = probe[..<colon].lowercased()
            if !scheme.contains("/"), !scheme.contains("?"), !scheme.contains("#") {
                return safeSchemes.contains(scheme) ? trimmedURL : nil
            }
        }
        if let base, let scheme = base.scheme?.lowercased(), safeSchemes.contains(scheme),
            let resolved = URL(string: trimmedURL, relativeTo: base)?.absoluteURL
        {
            return resolved.absoluteString
        }
        return trimmedURL
    }

    /// Attribute values are written with `<`, `>`, `"` and bare `&` escaped (existing references kept).
    static func escapeAttribute(_ s: String) -> String {
        var out = ""
        let scalars = Array(s.unicodeScalars)
        for (i, c) in scalars.enumerated() {
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "&": out += isReference(scalars, at: i) ? "&" : "&amp;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    private static func isReference(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        var j = i + 1
        var name = ""
        while j < s.count, s[j] != ";", j - i < 34 {
            name.unicodeScalars.append(s[j])
            j += 1
        }
        guard j < s.count, s[j] == ";", !name.isEmpty else { return false }
        if name.hasPrefix("#x") || name.hasPrefix("#X") { return name.count > 2 && name.dropFirst(2).allSatisfy(\.isHexDigit) }
        if name.hasPrefix("#") { return name.count > 1 && name.dropFirst().allSatisfy(\.isNumber) }
        return name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    /// `s.trimmingCharacters(in: .whitespacesAndNewlines)`, without Foundation's copy through NSString (two
    /// thirds of the sanitizer's time on large bodies): most bodies start with `<` and end with `>`, and
    /// come back untouched.
    static func trimmed(_ s: String) -> String {
        let scalars = s.unicodeScalars
        guard let first = scalars.first, let last = scalars.last, isSpace(first) || isSpace(last) else { return s }
        guard let start = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[start...end])
    }

    /// Foundation's `whitespacesAndNewlines`: the space, line and paragraph separators (Z*), tab, U+000A–
    /// U+000D, U+0085 and (as Foundation has it) the zero-width space U+200B.
    static func isSpace(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x09...0x0D, 0x20, 0x85, 0x200B: return true
        case 0..<0x80: return false
        default:
            switch u.properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }
    }

    static let droppedWithContent: Set<String> = ["script", "applet", "style"]

    static let voidElements: Set<String> = [
        "area", "base", "basefont", "br", "col", "command", "embed", "frame", "hr", "img", "input", "isindex",
        "keygen", "link", "meta", "param", "source", "track", "wbr",
    ]

    static let allowedElements: Set<String> = [
        "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "big", "blockquote", "br",
        "button", "canvas", "caption", "center", "cite", "code", "col", "colgroup", "command", "datagrid",
        "datalist", "dd", "del", "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em", "event-source",
        "fieldset", "figcaption", "figure", "font", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "i", "img", "input", "ins", "kbd", "keygen", "label", "legend", "li", "m", "map", "mark", "menu",
        "meter", "multicol", "nav", "nextid", "noscript", "ol", "optgroup", "option", "output", "p", "pre",
        "progress", "q", "s", "samp", "section", "select", "small", "sound", "source", "spacer", "span", "strike",
        "strong", "sub", "summary", "sup", "table", "tbody", "td", "textarea", "tfoot", "th", "thead", "time",
        "tr", "tt", "u", "ul", "var", "video",
    ]

    static let allowedAttributes: Set<String> = [
        "abbr", "accept", "accept-charset", "accesskey", "action", "align", "alt", "autocomplete", "autofocus",
        "axis", "background", "balance", "bgcolor", "bgproperties", "border", "bordercolor",
        "bordercolordark", "bordercolorlight", "bottompadding", "cellpadding", "cellspacing", "ch", "challenge",
        "char", "charoff", "charset", "checked", "choff", "cite", "class", "clear", "color", "cols", "colspan",
        "compact", "contenteditable", "controls", "coords", "data", "datafld", "datapagesize", "datasrc",
        "datetime", "default", "delay", "dir", "disabled", "draggable", "dynsrc", "enctype", "end", "face", "for",
        "form", "frame", "galleryimg", "gutter", "headers", "height", "hidden", "hidefocus", "high", "href",
        "hreflang", "hspace", "icon", "id", "inputmode", "ismap", "keytype", "label", "lang", "leftspacing",
        "list", "longdesc", "loop", "loopcount", "loopend", "loopstart", "low", "lowsrc", "max", "maxlength",
        "media", "method", "min", "multiple", "name", "nohref", "noshade", "nowrap", "open", "optimum", "pattern",
        "ping", "point-size", "poster", "pqg", "preload", "prompt", "radiogroup", "readonly", "rel", "repeat-max",
        "repeat-min", "replace", "required", "rev", "rightspacing", "rows", "rowspan", "rules", "scope",
        "selected", "shape", "size", "span", "src", "start", "step", "summary", "suppress", "tabindex", "target",
        "template", "title", "toppadding", "type", "unselectable", "urn", "usemap", "valign", "value", "variable",
        "volume", "vrml", "vspace", "width", "wrap",
    ]

    /// Attributes holding URLs: resolved against the base, emptied when unsafe.
    static let urlAttributes: Set<String> = [
        "href", "src", "cite", "action", "background", "longdesc", "usemap", "poster", "dynsrc", "lowsrc", "ping",
    ]

    static let safeSchemes: Set<String> = [
        "http", "https", "mailto", "ftp", "ftps", "news", "nntp", "feed", "irc", "ircs", "magnet", "tel", "sms",
        "xmpp", "sip", "sips", "rtsp", "mms", "git", "svn", "ssh", "sftp", "webcal", "gopher", "file",
    ]
}
