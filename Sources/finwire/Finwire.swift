import ArgumentParser

/// The `finwire` command: a thin shell over the library modules. Each subcommand parses its options,
/// builds the stage values it needs and maps results to exit codes; no pipeline logic lives here.
@main
struct Finwire: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finwire",
        abstract: "Watch Chinese finance news feeds, keep every article once, export tagged digests.",
        discussion: """
            finwire fetches RSS, Atom, RDF and JSON feeds with libcurl, parses them with libxml2, tags every \
            article with the Chinese regions, regulators and policy topics it is about and its kind (policy, \
            enforcement, data, market, company, commentary, other), groups copies of one \
            story across outlets, and keeps each article once in an SQLite database. Start with \
            `finwire fetch --config config.json`, then `finwire export --format markdown --region 浙江 \
            --policy-only --since 7d`, or `finwire tag --explain --text "…"` to see how tagging decides.

            Exit codes: 0 success; 1 some feeds failed (the others are stored); 64 bad usage; \
            73 the database's folder or lock file cannot be created; 75 the database is held by another \
            finwire (the daemon); 78 bad configuration.
            """,
        version: "0.1.0",
        subcommands: [RunCommand.self, FetchCommand.self, StatusCommand.self, PruneCommand.self, ParseCommand.self, TagCommand.self, RetagCommand.self, DedupeCommand.self, ExplainCommand.self, DeleteCommand.self, ExportCommand.self, WatchCommand.self, ServeCommand.self, BenchCommand.self]
    )
}
