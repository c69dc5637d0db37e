import UsageAnalytics

/// The body of PostHog's `POST /flags?v=2`, as posthog-python sends it:
/// `{"api_key", "distinct_id", "person_properties", "flag_keys_to_evaluate", "groups", ...}`.
///
/// `token` is accepted for `api_key`, as PostHog does. Groups and group properties are read past:
/// this collector has no group flags.
struct FlagEvaluationRequest: Sendable, Equatable {
    static let maximumBodyBytes = 256 * 1_024
    static let maximumDistinctIDLength = 200
    static let maximumFlagKeys = 1_000

    var apiKey: String
    var distinctID: String
    var personProperties: [String: PropertyValue]
    /// The flags to answer, or `nil` for all.
    var flagKeys: Set<String>?

    /// Parses the body; the error names the field, as a 400 (or a 401 for a missing key).
    init(body: [UInt8]) throws(IngestError) {
        guard body.count <= Self.maximumBodyBytes else { throw .requestTooLarge(limit: Self.maximumBodyBytes) }
        let json: PropertyValue
        do {
            json = try PropertyValue(json: body)
        } catch {
            throw .invalidPayload("the body is not JSON: \(error)")
        }
        guard case .object(let members) = json else { throw .invalidPayload("the body must be a JSON object") }
        switch members["api_key"] ?? members["token"] {
        case .string(let key) where !key.isEmpty: self.apiKey = key
        case nil, .null, .string: throw .missingAPIKey
        default: throw .invalidPayload("api_key must be a string")
        }
        guard case .string(let distinctID) = members["distinct_id"], !distinctID.isEmpty else {
            throw IngestError(
                status: 400, code: "missing_distinct_id", detail: "distinct_id must be a non-empty string")
        }
        guard distinctID.count <= Self.maximumDistinctIDLength else {
            throw .invalidPayload("distinct_id is longer than \(Self.maximumDistinctIDLength) characters")
        }
        self.distinctID = distinctID
        switch members["person_properties"] {
        case .object(let properties): self.personProperties = properties
        case nil, .null: self.personProperties = [:]
        default: throw .invalidPayload("person_properties must be an object")
        }
        switch members["flag_keys_to_evaluate"] {
        case nil, .null: self.flagKeys = nil
        case .array(let elements) where elements.count <= Self.maximumFlagKeys:
            var keys: Set<String> = []
            for element in elements {
                guard case .string(let key) = element else {
                    throw .invalidPayload("flag_keys_to_evaluate must be an array of strings")
                }
                keys.insert(key)
            }
            self.flagKeys = keys
        default:
            throw .invalidPayload("flag_keys_to_evaluate must be an array of at most \(Self.maximumFlagKeys) strings")
        }
    }
}
