/// What a ``Sanitizer`` removed or rewrote, counted by reason and never with the values.
///
/// The SDK turns the counts into metrics, one dimension value per ``Redaction/Reason``.
public struct SanitizerReport: Sendable, Equatable {
    /// How many drops or redactions happened for each reason; reasons that never happened are absent.
    public private(set) var counts: [Redaction.Reason: Int]

    /// Creates an empty report.
    public init() {
        self.counts = [:]
    }

    /// Whether nothing was dropped or redacted.
    public var isEmpty: Bool { counts.isEmpty }

    /// The number of drops and redactions over all reasons.
    public var total: Int { counts.values.reduce(0, +) }

    /// The number of drops or redactions recorded for `reason` (zero when none).
    public subscript(reason: Redaction.Reason) -> Int {
        counts[reason, default: 0]
    }

    /// Records one drop or redaction (or `count` of them) for `reason`.
    public mutating func record(_ reason: Redaction.Reason, count: Int = 1) {
        guard count > 0 else { return }
        counts[reason, default: 0] += count
    }

    /// Adds the counts of `other` to this report.
    public mutating func merge(_ other: SanitizerReport) {
        for (reason, count) in other.counts {
            record(reason, count: count)
        }
    }
}
