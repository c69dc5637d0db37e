import CoreMetrics

/// The SDK's own counters, through swift-metrics. Values are never recorded, only counts.
struct AnalyticsMetrics: Sendable {
    /// Why an event was not delivered.
    enum DropReason: String, CaseIterable, Sendable {
        case bufferFull = "buffer_full"
        case invalidEventName = "invalid_event_name"
        case reservedEventName = "reserved_event_name"
        case rejected
        case tooLarge = "too_large"
        case spoolFull = "spool_full"
        /// Captured after the client's last flush, when nothing would send it any more.
        case shutdown
        case invalidTimestamp = "invalid_timestamp"
    }

    /// Why one property did not leave as given (besides the sanitizer's reasons).
    enum PolicyReason: String, CaseIterable, Sendable {
        case undeclaredProperty = "undeclared_property"
        case invalidValue = "invalid_value"
        case reservedKey = "reserved_key"
        case invalidKey = "invalid_key"
        case onPremisePolicy = "on_premise_policy"
    }

    let captured: Counter
    private let dropped: [DropReason: Counter]
    private let redacted: [String: Counter]

    init(factory: any MetricsFactory) {
        captured = Counter(label: "usage_analytics_events_captured_total", factory: factory)
        dropped = Dictionary(
            uniqueKeysWithValues: DropReason.allCases.map {
                (
                    $0,
                    Counter(
                        label: "usage_analytics_events_dropped_total", dimensions: [("reason", $0.rawValue)],
                        factory: factory)
                )
            })
        let reasons = Redaction.Reason.allCases.map(\.rawValue) + PolicyReason.allCases.map(\.rawValue)
        redacted = Dictionary(
            uniqueKeysWithValues: reasons.map {
                ($0, Counter(label: "usage_analytics_redactions_total", dimensions: [("reason", $0)], factory: factory))
            })
    }

    func recordDrop(_ reason: DropReason, count: Int = 1) {
        dropped[reason]?.increment(by: count)
    }

    func recordPolicy(_ reason: PolicyReason) {
        redacted[reason.rawValue]?.increment()
    }

    func record(_ report: SanitizerReport) {
        for (reason, count) in report.counts where count > 0 {
            redacted[reason.rawValue]?.increment(by: count)
        }
    }
}
