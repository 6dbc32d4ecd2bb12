
/// Plain text and the first image of an HTML body, for search, tagging, leads and thumbnails.
public struct HTMLText: Sendable, Equatable {
    public var text: String
    /// The first `<img src>` of the body, as written (the caller resolves it).
    public var firstImage: String?

    /// Elements whose content is never text a reader sees.
    static let hidden: Set<String> = ["script", "style", "iframe", "noscript", "template", "head", "object", "svg"]
    /// Elements that break lines.
    static let blocks: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
        "pre", "section", "article", "header", "footer", "figure", "figcaption", "dd", "dt", "dl", "hr",
    ]

    /// Containers Chinese news sites append to every article (app QR codes, share bars, editor credits):
    /// matched by a class name containing one of these. Their text would pollute dedupe and tagging.
    static let boilerplateClasses = ["appendqr", "article-editor", "app-kaihu", "article-share", "related-news"]

    /// Lines that are credits or promotions rather than news.
    static let boilerplateLinePrefixes = [
        "责任编辑：", "责任编辑:", "海量资讯、精准解读，尽在新浪财经APP", "新浪声明：", "扫描二维码", "关注微信公众号",
    ]

    public init(html: String) {
        if !html.utf8.contains(UInt8(ascii: "<")) && !html.utf8.contains(UInt8(ascii: "&")) {
            self.text = HTMLText.collapse(html)
            self.firstImage = nil
            return
        }
        // One pass of the sanitizer's tokenizer: no DOM is built (libxml2's HTML tree cost more than the
        // whole feed parse). Unclosed elements simply run to the end, as a browser would show them.
        var tokenizer = HTMLTokenizer(html)
        var out: [UInt8] = []
        out.reserveCapacity(html.utf8.count)
        var image: String?
        var hiddenDepth = 0
        var boilerplate: (name: String, depth: Int)?
        while let token = tokenizer.next() {
            switch token {
            case .text(let bytes):
                guard hiddenDepth == 0, boilerplate == nil else { continue }
                if bytes.contains(UInt8(ascii: "&")) {
                    out.append(contentsOf: Array(HTMLEntities.decode(String(decoding: bytes, as: UTF8.self)).utf8))
                } else {
                    out.append(contentsOf: bytes)
                }
            case .strayLessThan:
                if hiddenDepth == 0, boilerplate == nil { out.append(UInt8(ascii: "<")) }
            case .comment, .ignored:
                break
            case .start(let name, let attributes, let selfClosing):
                if name == "img", image == nil, let src = attributes.first(where: { $0.0 == "src" })?.1, !src.isEmpty {
                    // Images inside boilerplate still count: the seed article's thumbnail is its QR code.
                    image = HTMLEntities.decode(src)
                }
                let void = HTMLSanitizer.voidElements.contains(name) || selfClosing
                if HTMLText.hidden.contains(name) {
                    if !void { hiddenDepth += 1 }
                    continue
                }
                if var b = boilerplate {
                    if name == b.name, !void { b.depth += 1 }
                    boilerplate = b
                    continue
                }
                if !void, let cls = attributes.first(where: { $0.0 == "class" })?.1.lowercased(),
                    HTMLText.boilerplateClasses.contains(where: { cls.contains($0) })
                {
                    boilerplate = (name, 1)
                    continue
                }
                if HTMLText.blocks.contains(name), hiddenDepth == 0 { out.append(0x0A) }
            case .end(let name):
                if HTMLText.hidden.contains(name) {
                    if hiddenDepth > 0 { hiddenDepth -= 1 }
                    continue
                }
                if var b = boilerplate {
                    if name == b.name { b.depth -= 1 }
                    boilerplate = b.depth == 0 ? nil : b
                    continue
                }
                if HTMLText.blocks.contains(name), hiddenDepth == 0 { out.append(0x0A) }
            }
        }
        self.text = HTMLText.collapse(bytes: out, dropping: HTMLText.boilerplatePrefixBytes)
        self.firstImage = image
    }

    static let boilerplatePrefixBytes = boilerplateLinePrefixes.map { Array($0.utf8) }

    /// Collapses runs of white space within lines (ideographic and no-break spaces included), drops blank
    /// lines and trims each line.
    public static func collapse(_ s: String) -> String {
        collapse(bytes: Array(s.utf8), dropping: [])
    }

    /// The same on UTF-8 bytes (scalar- and Character-level loops dominated ingest time), also dropping
    /// lines that start with one of `dropping`.
    static func collapse(bytes b: [UInt8], dropping: [[UInt8]]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var lineStart = 0  // index in `out` where the current line began
        var pendingSpace = false
        func endLine() {
            if out.count > lineStart {
                let line = out[lineStart...]
                if dropping.contains(where: { line.starts(with: $0) }) {
                    out.removeSubrange(lineStart...)
                    if lineStart > 0 { out.removeLast() }  // the separator before it
                }
            }
            lineStart = out.count
            pendingSpace = false
        }
        let n = b.count
        var i = 0
        while i < n {
            let c = b[i]
            var spaceLength = 0
            var lineBreak = false
            switch c {
            case 0x0A, 0x0D: lineBreak = true
            case 0x20, 0x09, 0x0B, 0x0C: spaceLength = 1
            case 0xC2 where i + 1 < n && b[i + 1] == 0xA0: spaceLength = 2  // U+00A0
            case 0xE3 where i + 2 < n && b[i + 1] == 0x80 && b[i + 2] == 0x80: spaceLength = 3  // U+3000
            case 0xE2 where i + 2 < n && b[i + 1] == 0x80 && (b[i + 2] <= 0x8B || b[i + 2] == 0xAF):
                spaceLength = 3  // U+2000–U+200B, U+202F
            case 0xE2 where i + 2 < n && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9):
                lineBreak = true  // U+2028, U+2029
                i += 2
            case 0xEF where i + 2 < n && b[i + 1] == 0xBB && b[i + 2] == 0xBF: spaceLength = 3  // U+FEFF
            default: break
            }
            if lineBreak {
                if out.count > lineStart {
                    endLine()
                    out.append(0x0A)
                    lineStart = out.count
                }
                i += 1
                continue
            }
            if spaceLength > 0 {
                pendingSpace = out.count > lineStart
                i += spaceLength
                continue
            }
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            out.append(c)
            i += 1
        }
        endLine()
        if out.last == 0x0A { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always)
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0x0B, 0x0C, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000, 0xFEFF: return true
        default: return false
        }
    }
}
