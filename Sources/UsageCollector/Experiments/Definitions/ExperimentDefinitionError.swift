/// Why an experiment definition or change was refused: a 400 whose `attr` names the field.
public struct ExperimentDefinitionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The dotted path of the offending field, such as `metrics.0.series`.
    public let field: String
    /// What is wrong with it.
    public let reason: String

    init(_ field: String, _ reason: String) {
        self.field = field
        self.reason = String(reason.prefix(300))
    }

    init(_ error: InsightQueryError) {
        self.init(error.attr, error.detail)
    }

    public var description: String { "\(self.field): \(self.reason)" }
}
