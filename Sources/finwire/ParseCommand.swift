import ArgumentParser
import FinwireModel
import FinwireParse
import Foundation

struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse a feed file offline and print what finwire understands of it.",
        discussion: """
            Reads RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed from FILE (or - for stdin) and prints it in \
            finwire's normalized JSON schema (one object; see README, "Parser output"). Nothing is stored.

            The HTTP options let you reproduce what the fetcher would see: --content-type carries the charset \
            that outranks the XML declaration, --url and --content-location are the bases for relative links.

            Example: finwire parse --json --timezone Asia/Shanghai Tests/Fixtures/feeds/rss2/sina-roll.xml
            """)

    @Argument(help: "The feed file to parse, or - for standard input.")
    var file: String

    @Flag(help: "Print the normalized JSON schema (the default; kept for scripts that pass it).")
    var json = false

    @Option(help: "The HTTP Content-Type the document came with, e.g. 'application/xml; charset=gbk'.")
    var contentType: String?

    @Option(name: [.customLong("base-url"), .customLong("url")], help: "The document's URL, for relative links.")
    var baseURL: String?

    @Option(help: "The HTTP Content-Location header, a base URL that outranks --url.")
    var contentLocation: String?

    @Option(help: "The HTTP Content-Language header.")
    var contentLanguage: String?

    @Option(help: "Time zone for dates written without one (an IANA name such as Asia/Shanghai).")
    var timezone: String = "UTC"

    func run() throws {
        guard let zone = TimeZone(identifier: timezone) else {
            throw ValidationError("--timezone: unknown time zone '\(timezone)' (use an IANA name like Asia/Shanghai)")
        }
        let bytes: [UInt8]
        do {
            bytes = file == "-" ? Array(FileHandle.standardInput.readDataToEndOfFile())
                : Array(try Data(contentsOf: URL(fileURLWithPath: file)))
        } catch {
            throw ValidationError("\(file): cannot read: \(error.localizedDescription)")
        }
        let options = ParseOptions(
            url: baseURL.flatMap(URL.init(string:)), contentType: contentType,
            contentLocation: contentLocation.flatMap(URL.init(string:)), contentLanguage: contentLanguage,
            timeZone: zone)
        let feed = FeedParser(options: options).parse(bytes)
        print(feed.jsonValue().serialized())
    }
}
