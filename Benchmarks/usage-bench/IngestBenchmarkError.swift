/// Why the ingest benchmark could not produce a figure.
enum IngestBenchmarkError: Error {
    case serverDidNotStart
    case unexpectedStatus(UInt)
    case lostEvents(expected: Int, stored: Int)
}

extension IngestBenchmarkError: CustomStringConvertible {
    var description: String {
        switch self {
        case .serverDidNotStart: "the collector did not start"
        case .unexpectedStatus(let status): "the collector answered \(status)"
        case .lostEvents(let expected, let stored): "expected \(expected) stored events, found \(stored)"
        }
    }
}
