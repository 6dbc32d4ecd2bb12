import ArgumentParser
struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fetch")
    func run() async throws {}
}
