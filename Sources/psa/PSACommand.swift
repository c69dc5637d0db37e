import ArgumentParser

/// The `psa` executable: the PSA service, its collector, and the analytics tools.
@main
struct PSACommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "psa",
        abstract: "A privacy-first PSA with usage analytics.",
        subcommands: [
            ServeCommand.self, CollectorCommand.self, EventsCommand.self, PrivacyCommand.self, SimulateCommand.self,
            FlagsCommand.self,
        ])
}
