/// Why a flag definition was refused, naming the field in PostHog's JSON shape.
///
/// ```
/// filters.multivariate.variants: variant rollout percentages sum to 90, not 100
/// ```
public struct FlagDefinitionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The JSON path of the field that is wrong, such as `filters.groups[1].rollout_percentage`.
    public let field: String
    /// What is wrong with it.
    public let reason: String

    /// An error; both parts are cut to a bounded length so hostile input cannot inflate responses.
    public init(field: String, reason: String) {
        self.field = String(field.prefix(200))
        self.reason = String(reason.prefix(300))
    }

    public var description: String { "\(field): \(reason)" }
}
