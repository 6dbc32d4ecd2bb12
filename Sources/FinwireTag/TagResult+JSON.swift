/// The stored tag JSON, written by hand. `JSONEncoder` spent about a sixth of the default ingest pass's CPU
/// boxing every field of every evidence entry; this writes the same bytes (sorted keys, `/` unescaped,
/// doubles as `JSONEncoder` prints them) in one pass, and a test holds the two equal.
extension TagResult {
    func compactJSON() -> String {
        var w = TagJSONWriter()
        w.out.reserveCapacity(256 + 160 * (regions.count + agencies.count + topics.count + docTypes.count))
        w.raw("{\"agencies\":")
        w.simple(agencies)
        w.raw(",\"custom\":")
        w.simple(custom)
        w.raw(",\"doc_types\":")
        w.simple(docTypes)
        w.raw(",\"groupings\":")
        w.simple(groupings)
        w.raw(",\"has_target\":")
        w.raw(hasTarget ? "true" : "false")
        w.raw(",\"is_policy\":")
        w.raw(isPolicy ? "true" : "false")
        w.raw(",\"kind\":")
        w.string(kind.rawValue)
        w.raw(",\"kind_evidence\":[")
        for (i, e) in kindEvidence.enumerated() {
            if i > 0 { w.raw(",") }
            w.string(e)
        }
        w.raw("],\"kind_scores\":{")
        for (i, key) in kindScores.keys.sorted().enumerated() {
            if i > 0 { w.raw(",") }
            w.string(key)
            w.raw(":")
            w.number(kindScores[key]!)
        }
        w.raw("},\"policy_score\":")
        w.number(policyScore)
        w.raw(",\"regions\":[")
        for (i, r) in regions.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{\"code\":")
            w.string(r.code)
            w.raw(",\"evidence\":")
            w.evidence(r.evidence)
            w.raw(",\"level\":")
            w.string(r.level)
            w.raw(",\"name\":")
            w.string(r.name)
            w.raw(",\"score\":")
            w.number(r.score)
            w.raw("}")
        }
        w.raw("],\"topics\":")
        w.simple(topics)
        w.raw("}")
        return w.out
    }
}

struct TagJSONWriter {
    var out = ""

    mutating func raw(_ s: String) { out += s }

    /// As `JSONEncoder` prints a Double: its shortest description, without a trailing `.0`.
    mutating func number(_ d: Double) {
        guard d.isFinite else {
            out += "0"
            return
        }
        var s = d.description
        if s.hasSuffix(".0") { s.removeLast(2) }
        out += s
    }

    mutating func int(_ i: Int) { out += String(i) }

    /// As `JSONEncoder` escapes (with `.withoutEscapingSlashes`): quote, backslash and C0 controls only.
    mutating func string(_ s: String) {
        out += "\""
        var plain = true
        for b in s.utf8 where b < 0x20 || b == 0x22 || b == 0x5C {
            plain = false
            break
        }
        if plain {
            out += s
        } else {
            for scalar in s.unicodeScalars {
                switch scalar.value {
                case 0x22: out += "\\\""
                case 0x5C: out += "\\\\"
                case 0x08: out += "\\b"
                case 0x0C: out += "\\f"
                case 0x0A: out += "\\n"
                case 0x0D: out += "\\r"
                case 0x09: out += "\\t"
                case 0..<0x20:
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    mutating func evidence(_ list: [Evidence]) {
        raw("[")
        for (i, e) in list.enumerated() {
            if i > 0 { raw(",") }
            raw("{\"field\":")
            string(e.field)
            raw(",\"match\":")
            string(e.match)
            raw(",\"offset\":")
            int(e.offset)
            raw(",\"rule\":")
            string(e.rule)
            raw("}")
        }
        raw("]")
    }

    mutating func simple(_ list: [SimpleTag]) {
        raw("[")
        for (i, t) in list.enumerated() {
            if i > 0 { raw(",") }
            raw("{\"evidence\":")
            evidence(t.evidence)
            raw(",\"id\":")
            string(t.id)
            raw(",\"name\":")
            string(t.name)
            raw(",\"score\":")
            number(t.score)
            raw("}")
        }
        raw("]")
    }
}
