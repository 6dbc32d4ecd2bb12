/// Escaping for text and attribute values written into HTML or XML markup.
public enum HTMLEscape {
    public static func text(_ s: String, into out: inout String) {
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(ch)
            }
        }
    }

    public static func attribute(_ s: String, into out: inout String) {
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(ch)
            }
        }
    }

    public static func text(_ s: String) -> String {
        var out = ""
        text(s, into: &out)
        return out
    }

    public static func attribute(_ s: String) -> String {
        var out = ""
        attribute(s, into: &out)
        return out
    }
}
