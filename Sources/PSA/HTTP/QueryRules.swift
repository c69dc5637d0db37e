import Hummingbird

/// The rules of a list route's query string: known names only, a bounded `limit`.
enum QueryRules {
    /// Throws a 400 naming the parameters that are not in `accepted`.
    static func refuseUnknown(_ parameters: Parameters, accepted: Set<String>) throws {
        let unknown = Set(parameters.map { String($0.key) }).subtracting(accepted).sorted()
        guard unknown.isEmpty else {
            let listed = unknown.prefix(5).map { String($0.prefix(64)).debugDescription }.joined(separator: ", ")
            throw RequestError.invalid(
                "unknown_parameter",
                "Unknown parameter \(listed); accepted: \(accepted.sorted().joined(separator: ", ")).")
        }
    }

    /// `limit`, 1 to `maximum`, or `defaultValue` when absent.
    static func limit(_ parameters: Parameters, default defaultValue: Int, maximum: Int) throws -> Int {
        guard let text = parameters.get("limit") else { return defaultValue }
        guard let value = Int(text), (1...maximum).contains(value) else {
            throw RequestError.invalid("invalid_field", "'limit' must be a whole number from 1 to \(maximum).")
        }
        return value
    }
}
