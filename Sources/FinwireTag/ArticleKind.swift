/// What sort of item an article is (`labeling.md`): exactly one per article; `is_policy` means `.policy`.
public enum ArticleKind: String, Sendable, CaseIterable, Codable {
    case policy, enforcement, data, market, company, commentary, other
}
