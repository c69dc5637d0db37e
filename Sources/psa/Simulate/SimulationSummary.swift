import Foundation

/// The tally of a run: requests by kind, failures expected and unexpected, and the details of
/// the first unexpected ones.
struct SimulationSummary: Sendable, Equatable {
    static let detailLimit = 10

    private(set) var sent: [RequestKind: Int] = [:]
    private(set) var expectedFailures = 0
    private(set) var throttledFailures = 0
    private(set) var skipped = 0
    private(set) var retries = 0
    private(set) var unexpected = 0
    private(set) var unexpectedDetails: [String] = []
    private(set) var searchesWithResults = 0
    private(set) var searchesWithout = 0
    /// Searches for a word of an open ticket that found nothing, or for an absent word that found something.
    private(set) var surprisingSearches = 0
    /// Searches for one ticket (`--experiment`) that found and opened it, and that gave up.
    private(set) var ticketsFound = 0
    private(set) var ticketsGivenUp = 0
    /// Whether the PSA stamped a created ticket with `X-Simulated-Time`; `nil` before the first ticket.
    var simulatedTimeHonoured: Bool?

    var requestCount: Int { sent.values.reduce(0, +) }

    mutating func record(_ outcome: StepOutcome) {
        retries += outcome.retries
        switch outcome.verdict {
        case .skipped:
            skipped += 1
            return
        case .throttled:
            throttledFailures += 1
        case .asPlanned:
            if outcome.expectedStatus >= 400 { expectedFailures += 1 }
        case .unexpected(let status, let detail):
            unexpected += 1
            if unexpectedDetails.count < Self.detailLimit {
                let got = status == 0 ? "no answer" : "\(status)"
                unexpectedDetails.append(
                    "day \(outcome.day), tenant \(outcome.tenant + 1): \(outcome.route) (\(outcome.kind.rawValue)): "
                        + "expected \(outcome.expectedStatus), got \(got)\(detail.isEmpty ? "" : ": \(detail)")")
            }
        }
        sent[outcome.kind, default: 0] += 1
        switch outcome.foundTicket {
        case true?: ticketsFound += 1
        case false?: ticketsGivenUp += 1
        case nil: break
        }
        if let count = outcome.resultCount {
            if count > 0 { searchesWithResults += 1 } else { searchesWithout += 1 }
            if (outcome.searchOutcome == .expectsResults && count == 0)
                || (outcome.searchOutcome == .expectsNone && count > 0)
            {
                surprisingSearches += 1
            }
        }
    }

    /// The closing report printed after the run.
    func report(plan: SimulationPlan, run: SimulationRun, elapsed: Duration) -> String {
        let options = plan.options
        var lines = [
            "Simulated \(ProgressLine.counted(options.days, "day")) for \(ProgressLine.counted(options.tenants, "tenant")) (seed \(options.seed), run \(run.nonce)) "
                + "against \(options.target): \(requestCount) requests in \(Self.seconds(elapsed))"
        ]
        let width = RequestKind.allCases.map(\.rawValue.count).max() ?? 0
        for kind in RequestKind.allCases where sent[kind, default: 0] > 0 {
            let padding = String(repeating: " ", count: width - kind.rawValue.count)
            lines.append("  \(kind.rawValue)\(padding)  \(sent[kind, default: 0])")
        }
        lines.append("searches: \(searchesWithResults) with results, \(searchesWithout) without")
        if surprisingSearches > 0 {
            lines.append("  of which \(surprisingSearches) found more or less than the plan expected")
        }
        if ticketsFound + ticketsGivenUp > 0 {
            lines.append("searches for one ticket: \(ticketsFound) found and opened it, \(ticketsGivenUp) gave up")
        }
        lines.append(
            "expected failures: \(expectedFailures + throttledFailures) (bad logins, a duplicate signup, stale links)"
                + (throttledFailures > 0 ? ", of which \(throttledFailures) throttled with 429" : ""))
        if retries > 0 { lines.append("throttled and retried after Retry-After: \(retries)") }
        if skipped > 0 { lines.append("skipped (an earlier request they depend on failed): \(skipped)") }
        lines.append("unexpected failures: \(unexpected)")
        lines += unexpectedDetails.map { "  \($0)" }
        if unexpected > unexpectedDetails.count {
            lines.append("  … and \(unexpected - unexpectedDetails.count) more")
        }
        switch simulatedTimeHonoured {
        case true?: lines.append("simulated time: honoured (data and events carry the simulated days)")
        case false?: lines.append("simulated time: ignored (data and events carry the current time)")
        case nil: break
        }
        return lines.joined(separator: "\n")
    }

    private static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.1f s", Double(seconds) + Double(attoseconds) / 1e18)
    }
}
