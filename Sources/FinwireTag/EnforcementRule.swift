/// labeling.md's `enforcement` — a regulator's action against named parties (penalties, warning letters,
/// investigations) — decided by a rule where the kind model cannot: the labeled sets hold a few dozen
/// such items against thousands of others, so the model reads "四川金融监管局对某农商行开出罚单" as policy.
/// The rule asks the title for two things together, an action word and the acting regulator, and stands
/// back for rules about penalties (a 办法 or 裁量基准 on fines is policy).
enum EnforcementRule {
    static let actions = [
        "罚单", "罚款", "行政处罚", "立案告知", "处罚决定", "警示函", "监管函", "监管谈话", "立案调查", "被立案", "被罚", "责令改正",
        "没收违法所得", "市场禁入", "通报批评", "公开谴责", "纪律处分", "吊销",
    ]
    static let regulators = [
        "监管局", "证监", "银保监", "金融监管", "人民银行", "人行", "外汇管理", "市场监管", "交易所", "上交所", "深交所",
        "北交所", "网信办", "税务局", "审计署", "发改委", "财政部", "国家邮政局",
    ]
    /// Titles of rules, not of actions: a measure about penalties is policy.
    static let ruleWords = ["办法", "规定", "细则", "裁量", "基准", "条例", "指引", "意见", "通知", "《"]

    static let actionBytes = actions.map { Array($0.utf8) }
    static let regulatorBytes = regulators.map { Array($0.utf8) }
    static let ruleWordBytes = ruleWords.map { Array($0.utf8) }

    /// The rule that fired (for `kind_evidence`), or nil. The words are found in the title's UTF-8 bytes
    /// (UTF-8 never matches inside another character): `String.contains` walks Characters, and forty of
    /// those searches a title cost a fifth of the tagger's time.
    static func match(title: String, agencies: [SimpleTag]) -> String? {
        var title = title
        return title.withUTF8 { t -> String? in
            func has(_ w: [UInt8]) -> Bool {
                guard w.count <= t.count else { return false }
                var i = 0
                while i <= t.count - w.count {
                    if t[i] == w[0] {
                        var j = 1
                        while j < w.count, t[i + j] == w[j] { j += 1 }
                        if j == w.count { return true }
                    }
                    i += 1
                }
                return false
            }
            guard let i = actionBytes.firstIndex(where: has), !ruleWordBytes.contains(where: has) else { return nil }
            let regulatorInTitle = regulatorBytes.contains(where: has) || agencies.contains { $0.evidence.contains { $0.field == "title" } }
            return regulatorInTitle ? "rule:enforcement:\(actions[i])" : nil
        }
    }
}
