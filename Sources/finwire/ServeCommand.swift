import ArgumentParser
import FinwireCommandSupport
import Foundation

/// `finwire serve` hands over to `finwire-serve`, a program of its own (the package in Serve/): its web
/// server (Hummingbird on SwiftNIO) is most of a build and the rest of finwire needs none of it, so the
/// quick start does not build it. `exec` keeps the process id, so systemd, signals and a benchmark reading
/// /proc see the server itself.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "A read-only live view and JSON API over the database, beside the daemon.",
        discussion: """
            Runs the program finwire-serve with these arguments; `finwire serve --help` prints its options \
            (--config, --listen, --log-level) once it is built. Build it once, from the source folder:

              swift build -c release --package-path Serve

            finwire looks for finwire-serve next to itself, then in that build folder (Serve/.build), then \
            on PATH. scripts/install.sh builds and installs both programs.

            Example: finwire serve --config config.json --listen 127.0.0.1:8080
            """)

    @Argument(parsing: .captureForPassthrough, help: "finwire-serve's options, passed on as written.")
    var arguments: [String] = []

    func run() throws {
        guard let program = ServeProgram.locate() else {
            if arguments.contains(where: { $0 == "--help" || $0 == "-h" }) { print(Finwire.helpMessage(for: Self.self)) }
            printError("""
                finwire serve: the live view is its own program, finwire-serve, and it is not built here.
                Build it from the source folder with `swift build -c release --package-path Serve`, or install \
                both programs with scripts/install.sh.
                """)
            throw ExitCode(69)
        }
        let argv = [program] + arguments
        var cArgs = argv.map { strdup($0) } + [nil]
        execv(program, &cArgs)
        printError("finwire serve: cannot run \(program): \(String(cString: strerror(errno)))")
        throw ExitCode(69)
    }
}

/// Where finwire-serve is: beside this executable (an install), in the Serve package's build folder of
/// the same configuration (a source checkout), or on PATH.
enum ServeProgram {
    static let name = "finwire-serve"

    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        var candidates: [String] = []
        if let me = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            let dir = (me as NSString).deletingLastPathComponent
            candidates.append(dir + "/" + name)
            // ROOT/.build/<triple>/<configuration>/finwire → ROOT/Serve/.build/<triple>/<configuration>/finwire-serve
            if let range = dir.range(of: "/.build/", options: .backwards) {
                let root = dir[..<range.lowerBound]
                candidates.append("\(root)/Serve/.build/\(dir[range.upperBound...])/\(name)")
            }
        }
        for dir in (environment["PATH"] ?? "").split(separator: ":") where !dir.isEmpty {
            candidates.append("\(dir)/\(name)")
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
