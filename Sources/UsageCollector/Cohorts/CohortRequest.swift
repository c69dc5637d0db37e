/// The JSON body of `POST …/cohorts` and `PATCH …/cohorts/{id}`, PostHog's cohort fields:
/// `{"name", "description", "is_static", "filters"}`. Errors name the field.
enum CohortRequest {
    static let maxBodyBytes = 256 * 1024
    static let maxNameLength = 400
    static let maxDescriptionLength = 4000

    /// A new cohort from `body`.
    static func draft(_ body: some Collection<UInt8>) throws(InsightQueryError) -> CohortDraft {
        try Self.draft(body, over: nil)
    }

    /// `current` changed by the fields present in `body` (absent fields keep their value).
    static func draft(_ body: some Collection<UInt8>, over current: Cohort?) throws(InsightQueryError) -> CohortDraft {
        guard body.count <= Self.maxBodyBytes else {
            throw InsightQueryError("body", "is larger than \(Self.maxBodyBytes) bytes")
        }
        guard let json = JSONValue.parse(body) else { throw InsightQueryError("body", "is not valid JSON") }
        let object = try QueryObject(json, path: "")
        let name = try object.string("name") ?? current?.name
        guard let name, !name.allSatisfy(\.isWhitespace) else { throw InsightQueryError("name", "is required") }
        try Self.checkText(name, field: "name", limit: Self.maxNameLength)
        let description = try object.string("description") ?? current?.description ?? ""
        try Self.checkText(description, field: "description", limit: Self.maxDescriptionLength)
        let isStatic = try object.bool("is_static") ?? current?.isStatic ?? false
        let definition: Cohort.Definition
        if isStatic {
            if let filters = object.value("filters"), Self.hasCriteria(filters) {
                throw InsightQueryError("filters", "a static cohort takes no filters: upload its members as CSV")
            }
            definition = .staticList
        } else if let filters = object.value("filters") {
            definition = .behavioural(try CohortCriteria(filters: filters))
        } else if case .behavioural(let criteria)? = current?.definition {
            definition = .behavioural(criteria)
        } else {
            throw InsightQueryError("filters", "a behavioural cohort needs criteria (or set is_static)")
        }
        return CohortDraft(name: name, description: description, definition: definition)
    }

    private static func checkText(_ text: String, field: String, limit: Int) throws(InsightQueryError) {
        guard text.count <= limit else { throw InsightQueryError(field, "is longer than \(limit) characters") }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" }) else {
            throw InsightQueryError(field, "contains a control character")
        }
    }

    /// Whether PostHog-style `filters` hold any criterion (an empty group is what its UI sends for static cohorts).
    private static func hasCriteria(_ filters: JSONValue) -> Bool {
        guard case .object(let fields) = filters, let properties = fields["properties"] else { return false }
        guard case .object(let group) = properties, case .array(let values)? = group["values"] else {
            return properties != .null
        }
        return values.contains { value in
            if case .object(let inner) = value, case .array(let nested)? = inner["values"] { return !nested.isEmpty }
            return true
        }
    }
}
