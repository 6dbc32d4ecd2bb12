/// The data files' format: `#` comment lines first, then a header row, then tab-separated rows.
/// Rows are read by column name, so a column can be added without breaking older readers.
struct TSV {
    let header: [String]
    let rows: [[String]]

    init(_ text: String) {
        var header: [String] = []
        var rows: [[String]] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("#") { continue }
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if header.isEmpty { header = cells } else { rows.append(cells) }
        }
        self.header = header
        self.rows = rows
    }

    func column(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// Each row as a name → value lookup; a short row reads as empty strings.
    func records() -> [[String: String]] {
        rows.map { row in
            var r: [String: String] = [:]
            for (i, h) in header.enumerated() { r[h] = i < row.count ? row[i].trimmingSpaces : "" }
            return r
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\r" { s.removeLast() }
        return String(s)
    }
}
