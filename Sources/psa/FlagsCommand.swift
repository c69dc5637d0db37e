import ArgumentParser
import PSA

/// `psa flags`: prints the reference of the product decisions the PSA makes behind feature flags.
struct FlagsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flags",
        abstract: "Print the PSA's feature flags, their variants and what each changes (Markdown).")

    func run() {
        print(ProductFlag.markdown(), terminator: "")
    }
}
