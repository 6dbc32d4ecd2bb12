@testable import FinwireAlerts
import Testing

/// The summary a webhook, a chat message and the live view's list show: the first ~200 characters.
@Suite struct StorySummaryTests {
    /// The definition, written plainly over Characters (what the fast version must agree with on text
    /// without multi-scalar characters).
    static func reference(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard flat.count > 200 else { return flat }
        let head = flat.prefix(200)
        if let end = head.lastIndex(where: { "。！？.!?".contains($0) }), head.distance(from: head.startIndex, to: end) > 60 {
            return String(head[...end])
        }
        return head + "…"
    }

    @Test func agreesWithTheDefinition() {
        let sentence = "浙江省地方金融管理局、中国人民银行浙江省分行等部门联合印发《金融支持山区26县跨越式高质量发展行动方案》。"
        let texts = [
            "", "短文本。", "\n\n第一行\n\n第二行\n", String(repeating: sentence, count: 8),
            String(repeating: "无句号的长文本", count: 60), String(repeating: "a", count: 200), String(repeating: "a", count: 201),
            String(repeating: "字", count: 199) + "\n" + "末", String(repeating: "字", count: 200) + "\n",
            String(repeating: "一二三", count: 20) + "。" + String(repeating: "四五六", count: 60),
            String(repeating: "一二三", count: 21) + "。" + String(repeating: "四五六", count: 60),
            "Line one.\r\nLine two!\u{2028}" + String(repeating: "more words here ", count: 20),
        ]
        for t in texts { #expect(StorySummary.summary(t) == Self.reference(t), "\(t.prefix(20))") }
    }
}
