/// Keeps only harmless declarations of an inline `style` attribute: known presentational properties, and
/// background/border/margin/padding shorthands whose every word is a plain keyword, colour or length.
/// Anything with `url(`, `expression(`, comments or other punctuation discards the whole attribute.
import Foundation

enum CSSSanitizer {
    static func sanitize(_ input: String) -> String {
        // url(…) is never kept: it is cut out first, so that the declarations around it can survive.
        let style = removingURLs(input)
        // The whole value must consist of harmless characters and shapes, or nothing is kept.
        guard wholeValueIsSafe(style) else { return "" }
        var kept: [String] = []
        for declaration in style.split(separator: ";") {
            guard let colon = declaration.firstIndex(of: ":") else { continue }
            // The property keeps its case and the value its trailing spaces, as written.
            let name = declaration[..<colon].trimmingCharacters(in: " \t\r\n")
            let property = name.lowercased()
            let value = String(declaration[declaration.index(after: colon)...].drop(while: { " \t\r\n".contains($0) }))
            guard !property.isEmpty, !value.trimmingCharacters(in: " \t\r\n").isEmpty,
                property.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            else { continue }
            if properties.contains(property) {
                kept.append("\(name): \(value);")
            } else if let family = property.split(separator: "-").first,
                ["background", "border", "margin", "padding"].contains(String(family))
            {
                let words = value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
                if words.allSatisfy({ keywords.contains($0.lowercased()) || isValue(String($0)) }) {
                    kept.append("\(name): \(value);")
                }
            }
        }
        return kept.joined(separator: " ")
    }

    /// Cuts every `url( … )` (and the spaces after it) out of a style value.
    static func removingURLs(_ s: String) -> String {
        guard s.lowercased().contains("url") else { return s }
        var out = ""
        var rest = Substring(s)
        while let r = rest.range(of: "url", options: .caseInsensitive) {
            var after = rest[r.upperBound...].drop(while: { $0 == " " || $0 == "\t" })
            guard after.first == "(" else {
                out += rest[..<r.upperBound]
                rest = rest[r.upperBound...]
                continue
            }
            after = after.dropFirst()
            guard let close = after.firstIndex(of: ")") else { break }
            out += rest[..<r.lowerBound] + " "
            rest = after[after.index(after: close)...].drop(while: { $0 == " " || $0 == "\t" })
        }
        return out + rest
    }

    static let properties: Set<String> = [
        "azimuth", "background-color", "border-bottom-color", "border-collapse", "border-color",
        "border-left-color", "border-right-color", "border-top-color", "clear", "color", "cursor", "direction",
        "display", "elevation", "float", "font", "font-family", "font-size", "font-style", "font-variant",
        "font-weight", "height", "letter-spacing", "line-height", "overflow", "pause", "pause-after",
        "pause-before", "pitch", "pitch-range", "richness", "speak", "speak-header", "speak-numeral",
        "speak-punctuation", "speech-rate", "stress", "text-align", "text-decoration", "text-indent",
        "unicode-bidi", "vertical-align", "voice-family", "volume", "white-space", "width",
    ]

    static let keywords: Set<String> = [
        "auto", "aqua", "black", "block", "blue", "bold", "both", "bottom", "brown", "center", "collapse", "dashed",
        "dotted", "fuchsia", "gray", "green", "!important", "italic", "left", "lime", "maroon", "medium", "none",
        "navy", "normal", "nowrap", "olive", "pointer", "purple", "red", "right", "solid", "silver", "teal", "top",
        "transparent", "underline", "white", "yellow",
    ]

    /// A colour (`#abc`, `rgb(…)`) or a short number with an optional unit (at most 2+2 digits, so that
    /// `99999em` pushing content off screen is refused).
    static func isValue(_ w: String) -> Bool {
        let s = Array(w.unicodeScalars)
        if s.first == "#" { return s.count > 1 && s.dropFirst().allSatisfy { $0.properties.isASCIIHexDigit } }
        if w.lowercased().hasPrefix("rgb(") {
            return w.dropFirst(4).allSatisfy { $0.isNumber || $0 == "%" || $0 == "," || $0 == ")" }
        }
        var i = 0
        var digits = 0
        while i < s.count, s[i].properties.numericType != nil, s[i].isASCII { i += 1; digits += 1 }
        guard digits <= 2 else { return false }
        if i < s.count, s[i] == "." {
            i += 1
            var frac = 0
            while i < s.count, s[i].properties.numericType != nil, s[i].isASCII { i += 1; frac += 1 }
            guard frac <= 2 else { return false }
        }
        let unit = String(String.UnicodeScalarView(s[i...]))
        return ["", "cm", "em", "ex", "in", "mm", "pc", "pt", "px", "%", ",", ")"].contains(unit)
    }

    /// Characters and shapes allowed anywhere in the value: letters, digits, space and `:,;#%.!`, hyphenated
    /// words, quoted words and parenthesised number lists.
    static func wholeValueIsSafe(_ style: String) -> Bool {
        let s = Array(style.unicodeScalars)
        var i = 0
        while i < s.count {
            let c = s[i]
            if c.isASCII, c.properties.isAlphabetic || c.properties.numericType != nil || " \t\r\n:,;#%.!_".unicodeScalars.contains(c) {
                i += 1
            } else if c == "-", i > 0, i + 1 < s.count, isWord(s[i - 1]), isWord(s[i + 1]) {
                i += 1
            } else if c == "'" || c == "\"" {
                var j = i + 1
                while j < s.count, s[j] != c {
                    guard isWord(s[j]) || s[j] == " " else { return false }
                    j += 1
                }
                guard j < s.count else { return false }
                i = j + 1
            } else if c == "(" {
                var j = i + 1
                while j < s.count, s[j] != ")" {
                    guard s[j].properties.numericType != nil || s[j] == "," || s[j] == " " else { return false }
                    j += 1
                }
                guard j < s.count else { return false }
                i = j + 1
            } else {
                return false
            }
        }
        return true
    }

    private static func isWord(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && (c.properties.isAlphabetic || c.properties.numericType != nil || c == "_")
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s.removeFirst() }
        while let c = s.last, set.contains(c) { s.removeLast() }
        return String(s)
    }
}
