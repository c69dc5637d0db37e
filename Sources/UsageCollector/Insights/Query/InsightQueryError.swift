/// A query the collector refuses: 400 with PostHog's validation body, whose `attr` and `detail` name the field.
public struct InsightQueryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The dotted path of the offending field, such as `series.1.math`.
    public let attr: String
    /// What is wrong with it.
    public let detail: String

    init(_ attr: String, _ reason: String) {
        self.attr = attr
        self.detail = String("\(attr): \(reason)".prefix(300))
    }

    public var description: String { self.detail }

    static func unsupported(_ attr: String, _ value: String) -> InsightQueryError {
        InsightQueryError(attr, "\(value) is not supported by this collector")
    }
}
