import Foundation

/// The dashboard's cohort forms: a static cohort from pasted CSV, a behavioural one from one event criterion
/// (several criteria combined with AND/OR are made through the admin API). Both go through the API's own
/// validation, so the form and the API accept the same cohorts.
enum CohortForm {
    /// The most bytes a pasted CSV form may carry (URL-encoding roughly doubles the text).
    static let maximumBytes = 2 * 1024 * 1024

    static func staticDraft(_ fields: [String: String]) throws(InsightQueryError) -> (CohortDraft, [String]) {
        let draft = try Self.draft(fields, ["is_static": .bool(true)])
        return (draft, try CohortCSV.distinctIDs(Array((fields["csv"] ?? "").utf8)))
    }

    static func behaviouralDraft(_ fields: [String: String]) throws(InsightQueryError) -> CohortDraft {
        let criterion: [String: JSONValue] = [
            "type": .string("behavioral"),
            "key": .string((fields["event"] ?? "").trimmingCharacters(in: .whitespaces)),
            "value": .string("performed_event_multiple"), "operator": .string(fields["comparison"] ?? "gte"),
            "operator_value": try Self.number(fields["count"], field: "count"),
            "time_value": try Self.number(fields["days"], field: "days"), "time_interval": .string("day"),
            "negation": .bool(fields["negation"] == "on"),
        ]
        return try Self.draft(fields, ["filters": .object(["properties": .object(criterion)])])
    }

    private static func draft(
        _ fields: [String: String], _ definition: [String: JSONValue]
    ) throws(InsightQueryError) -> CohortDraft {
        var body = definition
        body["name"] = .string(fields["name"] ?? "")
        body["description"] = .string(fields["description"] ?? "")
        return try CohortRequest.draft(Array(JSONValue.object(body).jsonText.utf8))
    }

    private static func number(_ text: String?, field: String) throws(InsightQueryError) -> JSONValue {
        guard let text, let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw InsightQueryError(field, "expected a whole number")
        }
        return .int(value)
    }
}
