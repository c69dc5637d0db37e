import ArgumentParser

struct PSACommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "psa", subcommands: [CollectorCommand.self])

    /// Dispatches to the async `main()`: in top-level code `PSACommand.main()` resolves to the synchronous one.
    static func start() async { await self.main() }
}

await PSACommand.start()
