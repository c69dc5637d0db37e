/// One `$feature_flag_called` event: which flag a caller read, the value it got, and where it was decided.
///
/// Flag keys and variants come from the flag definitions, not from people, but they still pass the label
/// check that typed events' labels pass (no spaces, no runs of digits that could be an id), so an exposure
/// cannot carry data a definition was misused to hold.
struct FlagExposure: Sendable, Hashable {
    /// PostHog's exposure event.
    static let eventName = "$feature_flag_called"

    let key: String
    let response: PropertyValue
    let locallyEvaluated: Bool

    /// An exposure of `evaluation`, or `nil` when its key or variant is not a label.
    init?(_ evaluation: FlagEvaluation, locallyEvaluated: Bool) {
        guard PrivacyPolicy.isLabel(evaluation.key) else { return nil }
        if let variant = evaluation.variant, !PrivacyPolicy.isLabel(variant) { return nil }
        self.key = evaluation.key
        self.response = evaluation.responseValue
        self.locallyEvaluated = locallyEvaluated
    }

    /// PostHog's properties of `$feature_flag_called`.
    var properties: [String: PropertyValue] {
        [
            "$feature_flag": .string(key), "$feature_flag_response": response,
            "locally_evaluated": .bool(locallyEvaluated),
        ]
    }
}
