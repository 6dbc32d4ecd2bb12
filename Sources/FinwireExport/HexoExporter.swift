import FinwireModel
import Foundation

/// `export --format hexo`: one Markdown file per article for a Hexo blog, in exactly the format of the posts
/// finwire replaces (`Tests/Fixtures/export/seed-article.md` is one):
///
///     (empty line)
///     ---
///     title: '…'
///     categories: 
///      - (the feed's configured categories, then the item's own)
///     headimg: '(the article's first image)'
///     author: (the item's author, else the feed's title)
///     comments: false
///     date: Tue, 09 Nov 2021 11:00:34 GMT
///     thumbnail: '(the same image)'
///     ---
///     (empty line)
///     (the body HTML, `{` and `}` written as `&#123;` and `&#125;` so Hexo's Nunjucks leaves them alone)
///     (a newline and 12 spaces)
///
/// The empty first line and the 12 trailing spaces come from the old generator's indented template; they
/// are kept so that files finwire writes are byte-identical to the ones already published. Without an
/// image, `headimg` and `thumbnail` are left out.
public struct HexoExporter: Sendable {
    public var html: HTMLMode
    public var sanitize: @Sendable (String, URL?) -> String

    public init(html: HTMLMode = .sanitized, sanitize: @escaping @Sendable (String, URL?) -> String) {
        self.html = html
        self.sanitize = sanitize
    }

    public func render(_ s: StoredArticle) -> String {
        let a = s.article
        var out = "\n---\n"
        out += "title: \(Self.quoted(a.title))\n"  // Self.header is this far
        out += "categories: \n"
        var seen = Set<String>()
        for c in s.feedCategories + a.categories where !c.isEmpty && seen.insert(c).inserted {
            out += " - \(Self.scalar(c))\n"
        }
        let image = a.imageURL.flatMap(Escape.safeURL)
        if let image { out += "headimg: \(Self.quoted(image))\n" }
        let author = [a.author, s.feedTitle, s.feedId].compactMap { $0 }.first { !$0.isEmpty } ?? s.feedId
        out += "author: \(Self.scalar(author))\n"
        out += "comments: false\n"
        out += "date: \(LocalTime.rfc822(a.published ?? s.firstSeen))\n"
        if let image { out += "thumbnail: \(Self.quoted(image))\n" }
        out += "---\n\n"
        let body = html == .raw ? a.html : sanitize(a.html, a.url.flatMap(URL.init(string:)))
        out += body.replacingOccurrences(of: "{", with: "&#123;").replacingOccurrences(of: "}", with: "&#125;")
        return out + "\n            "
    }

    /// The name the seed's bot gave its posts, so that finwire's files replace the published ones: the
    /// title with ASCII `: / \ ? * " < > | [ ]` and `“ ”` turned into `_`, `.` and `#` dropped, then `.md`.
    /// Control characters also become `_` (a name is one line), and a very long title is cut at a character
    /// boundary to stay within the 255-byte name limit of Linux filesystems. The folder writer adds a
    /// number only when two posts would take the same name.
    public func fileName(_ s: StoredArticle) -> String { Self.postName(title: s.article.title) }

    /// The article's post as a file for a folder.
    public func document(_ s: StoredArticle) -> ExportDocument {
        ExportDocument(name: fileName(s), text: render(s), articleId: s.id)
    }

    public static func postName(title: String) -> String {
        var name = ""
        var bytes = 0
        for ch in title.precomposedStringWithCanonicalMapping {
            var piece: String
            switch ch {
            case ":", "/", "\\", "?", "*", "\"", "<", ">", "|", "[", "]", "\u{201C}", "\u{201D}": piece = "_"
            case ".", "#": continue
            default: piece = ch.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } ? "_" : String(ch)
            }
            bytes += piece.utf8.count
            if bytes > 240 { break }
            name += piece
        }
        if name.trimmingCharacters(in: .whitespaces).isEmpty { name = "untitled" }
        return name + ".md"
    }

    /// How every file of this format begins (what the folder writer checks before replacing one).
    public static let header = "\n---\ntitle: '"

    /// YAML single-quoted: always safe; a quote is doubled; line breaks become spaces.
    static func quoted(_ s: String) -> String {
        "'" + oneLine(s).replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// A plain YAML scalar when it would read back as the same string, else single-quoted.
    static func scalar(_ s: String) -> String {
        let v = oneLine(s)
        let indicators = "-?:,[]{}#&*!|>'\"%@`"
        let lower = v.lowercased()
        let typed = ["true", "false", "yes", "no", "on", "off", "null", "~"].contains(lower) || Double(v) != nil
        if v.isEmpty || typed || indicators.contains(v.first!) || v.first == " " || v.last == " "
            || v.contains(": ") || v.contains(" #") || v.hasSuffix(":")
        {
            return quoted(v)
        }
        return v
    }

    static func oneLine(_ s: String) -> String {
        String(s.unicodeScalars.map { $0.value < 0x20 || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : Character($0) })
    }
}
