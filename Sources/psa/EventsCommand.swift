import ArgumentParser
import UsageAnalytics

/// `psa events`: prints the event reference generated from the typed catalogue.
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Print the event reference (Markdown) generated from the typed catalogue.")

    func run() {
        print(EventReference.markdown(), terminator: "")
    }
}
