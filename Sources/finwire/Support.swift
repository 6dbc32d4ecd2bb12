import ArgumentParser
import Foundation

/// The objects of a JSON Lines file (the rebuilt corpus, a labeled set), each with its line number; a line
/// that is not a JSON object is an error naming the file and the line.
func readJSONLObjects(_ path: String) throws -> [(line: Int, object: [String: Any])] {
    let text: String
    do {
        text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
        throw ValidationError("\(path): cannot read: \(error.localizedDescription)")
    }
    var out: [(Int, [String: Any])] = []
    for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    where !line.allSatisfy(\.isWhitespace) {
        guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw ValidationError("\(path):\(n + 1): not a JSON object")
        }
        out.append((n + 1, o))
    }
    return out
}
