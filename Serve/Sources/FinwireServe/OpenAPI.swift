import FinwireModel

/// `/api/openapi.json`: the API described for clients and generators (OpenAPI 3.1), kept beside the routes.
enum OpenAPI {
    static let filterParameters: [JSONValue] = [
        param("region", "Region names, codes or groupings (浙江, 330000, 山区26县); a province includes its cities and counties. Repeat or comma-separate."),
        param("kind", "policy, enforcement, data, market, company, commentary, other."),
        param("topic", "Topic ids or labels (inclusive, 普惠金融)."),
        param("agency", "pboc, nfra, csrc, safe, mof, ndrc, state-council, lfb, gov; optionally @region (nfra@330000)."),
        param("tag", "A user rule's tag, or kind:value."),
        param("feed", "Feed ids."),
        param("q", "Words that must all appear in the title or text."),
        param("min_score", "Minimum policy score, 0 to 1."),
        param("since", "A duration back from now (24h, 7d) or a date (2026-11-01)."),
        param("until", "As since: only stories before it."),
        param("limit", "Stories per page, 1 to 500 (default 50)."),
        param("cursor", "The `next` of the previous page."),
    ]

    static func param(_ name: String, _ description: String) -> JSONValue {
        .object([
            ("name", .string(name)), ("in", .string("query")), ("required", .bool(false)),
            ("description", .string(description)), ("schema", .object([("type", .string("string"))])),
        ])
    }

    static let story: JSONValue = .object([
        ("type", .string("object")),
        (
            "properties",
            .object([
                ("id", .object([("type", .string("integer")), ("description", .string("The story's id; minus an article's id when dedupe is off."))])),
                ("title", .object([("type", .string("string"))])), ("url", .object([("type", .array([.string("string"), .string("null")]))])),
                ("published", .object([("type", .string("string")), ("format", .string("date-time"))])),
                ("kind", .object([("type", .array([.string("string"), .string("null")]))])),
                ("regions", .object([("type", .string("array")), ("items", .object([("type", .string("object")), ("properties", .object([("code", .object([("type", .string("string"))])), ("name", .object([("type", .string("string"))]))]))]))])),
                ("agencies", .object([("type", .string("array")), ("items", .object([("type", .string("string"))]))])),
                ("topics", .object([("type", .string("array")), ("items", .object([("type", .string("string"))]))])),
                ("outlets", .object([("type", .string("array")), ("items", .object([("type", .string("string"))]))])),
                ("summary", .object([("type", .string("string"))])),
            ])
        ),
    ])

    static func ok(_ description: String, _ schema: JSONValue) -> JSONValue {
        .object([
            (
                "200",
                .object([
                    ("description", .string(description)),
                    ("content", .object([("application/json", .object([("schema", schema)]))])),
                ])
            ),
        ])
    }

    static let document: JSONValue = .object([
        ("openapi", .string("3.1.0")),
        ("info", .object([("title", .string("finwire live view")), ("version", .string("1")), ("description", .string("Read-only. Stories (clusters of copies across outlets) with their regions, kind, agencies and topics."))])),
        (
            "paths",
            .object([
                (
                    "/api/stories",
                    .object([
                        (
                            "get",
                            .object([
                                ("summary", .string("Stories newest first, filtered as `finwire export` filters")),
                                ("parameters", .array(filterParameters)),
                                ("responses", ok("A page", .object([("type", .string("object")), ("properties", .object([("stories", .object([("type", .string("array")), ("items", story)])), ("next", .object([("type", .array([.string("string"), .string("null")]))]))]))]))),
                            ])
                        ),
                    ])
                ),
                (
                    "/api/stories/{id}",
                    .object([
                        (
                            "get",
                            .object([
                                ("summary", .string("One story: every copy with its text and tags (with evidence), and earlier versions")),
                                ("parameters", .array([.object([("name", .string("id")), ("in", .string("path")), ("required", .bool(true)), ("schema", .object([("type", .string("integer"))]))])])),
                                ("responses", ok("The story", .object([("type", .string("object"))]))),
                            ])
                        ),
                    ])
                ),
                ("/api/feeds", .object([("get", .object([("summary", .string("Each feed's health, as `finwire status --json`")), ("responses", ok("Feeds", .object([("type", .string("array"))])))]))])),
                ("/metrics", .object([("get", .object([("summary", .string("Prometheus text format")), ("responses", .object([("200", .object([("description", .string("Metrics"))]))]))]))])),
            ])
        ),
        ("components", .object([("securitySchemes", .object([("bearer", .object([("type", .string("http")), ("scheme", .string("bearer"))]))]))])),
    ])
}
