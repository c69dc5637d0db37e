/// One result of a trends answer, read from PostHog's shape.
struct TrendLine: Sendable, Equatable {
    let label: String
    let breakdown: String?
    /// A value per interval (empty for total-value displays).
    let data: [Double]
    /// `yyyy-mm-dd` per interval.
    let days: [String]
    /// The whole range's value: `aggregated_value` for total displays, else `count`.
    let total: Double
    /// The series' position in the query.
    let order: Int

    /// The results of a trends answer; an answer of another shape reads as no results.
    static func lines(_ answer: JSONValue) -> [TrendLine] {
        guard case .array(let results) = answer else { return [] }
        return results.compactMap { result in
            guard case .object(let fields) = result else { return nil }
            let data = Self.numbers(fields["data"])
            let order: Int
            if case .object(let action)? = fields["action"], case .int(let value)? = action["order"] {
                order = value
            } else {
                order = 0
            }
            let label: String
            if case .string(let text)? = fields["label"] { label = text } else { label = "" }
            let breakdown: String?
            if case .string(let text)? = fields["breakdown_value"] { breakdown = text } else { breakdown = nil }
            let days: [String]
            if case .array(let items)? = fields["days"] {
                days = items.compactMap { if case .string(let day) = $0 { day } else { nil } }
            } else {
                days = []
            }
            let total = fields["aggregated_value"]?.number ?? fields["count"]?.number ?? 0
            return TrendLine(label: label, breakdown: breakdown, data: data, days: days, total: total, order: order)
        }
    }

    private static func numbers(_ value: JSONValue?) -> [Double] {
        guard case .array(let items)? = value else { return [] }
        return items.map { $0.number ?? .nan }
    }

    /// The label a breakdown value is shown with: PostHog's null and other markers in words.
    static func displayName(_ breakdown: String) -> String {
        switch breakdown {
        case Breakdown.nullLabel: "(not set)"
        case Breakdown.otherLabel: "(other)"
        default: breakdown
        }
    }
}
