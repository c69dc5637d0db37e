/// Reads `--flag N` options of a benchmark's command line.
struct BenchmarkArguments {
    let arguments: [String]

    /// The whole number after `flag`, when present and at least `minimum`.
    func integer(_ flag: String, minimum: Int) -> Int? {
        guard let index = arguments.firstIndex(of: flag), index + 1 < arguments.count,
            let value = Int(arguments[index + 1]), value >= minimum
        else { return nil }
        return value
    }
}
