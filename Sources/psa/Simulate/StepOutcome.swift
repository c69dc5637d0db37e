/// How one planned request went.
struct StepOutcome: Sendable, Equatable {
    enum Verdict: Sendable, Equatable {
        /// The planned status (a success, or a deliberate failure).
        case asPlanned
        /// A deliberate bad login the PSA throttled (429) instead of refusing (401): correct too.
        case throttled
        /// Not sent: an id or session it needs was never obtained (an earlier request failed).
        case skipped
        /// Any other status, a 5xx, or no answer at all (status 0).
        case unexpected(status: Int, detail: String)
    }

    let kind: RequestKind
    let expectedStatus: Int
    var verdict: Verdict
    /// `METHOD /route`, for reports.
    var route: String
    let day: Int
    let tenant: Int
    /// 429 answers that were waited out and retried before the final answer.
    var retries = 0
    /// For searches: how many tickets the answer listed.
    var resultCount: Int?
    var searchOutcome: SearchQuery.Outcome?
    /// For a ``FindTicketTask``: whether they found and opened the ticket.
    var foundTicket: Bool?

    var isUnexpected: Bool {
        if case .unexpected = verdict { return true }
        return false
    }
}
