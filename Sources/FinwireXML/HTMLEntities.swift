import CLibXML2

/// Decodes character and named entity references (HTML 4 names, from libxml2's table) in attribute
/// values. Unknown references are left as written.
enum HTMLEntities {
    static func decode(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "&")) else { return s }
        var out = String.UnicodeScalarView()
        let scalars = Array(s.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            guard c == "&" else {
                out.append(c)
                i += 1
                continue
            }
            var j = i + 1
            var name = ""
            while j < scalars.count, j - i <= 32, scalars[j] != ";", scalars[j] != "&",
                !scalars[j].properties.isWhitespace
            {
                name.unicodeScalars.append(scalars[j])
                j += 1
            }
            let terminated = j < scalars.count && scalars[j] == ";"
            if let scalar = resolve(name), terminated || name.hasPrefix("#") {
                out.append(scalar)
                i = terminated ? j + 1 : j
            } else {
                out.append(c)
                i += 1
            }
        }
        return String(out)
    }

    static func resolve(_ name: String) -> Unicode.Scalar? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
        }
        if name.hasPrefix("#") { return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init) }
        guard !name.isEmpty, let desc = htmlEntityLookup(name) else { return nil }
        return Unicode.Scalar(desc.pointee.value)
    }
}
