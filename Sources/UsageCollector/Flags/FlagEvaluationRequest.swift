import UsageAnalytics

/// The body of PostHog's `POST /flags?v=2`, as posthog-python sends it:
/// `{"token", "distinct_id", "person_properties", "groups", "group_properties", "flag_keys_to_evaluate", ...}`.
///
/// `api_key` is accepted for `token`, as PostHog does. `groups` maps group type names to keys
/// (`{"tenant": "9c1e…"}`), and `group_properties` group type names to properties; other members
/// (`geoip_disable`, …) are read past.
struct FlagEvaluationRequest: Sendable, Equatable {
    static let maximumBodyBytes = 256 * 1_024
    static let maximumDistinctIDLength = 200
    static let maximumFlagKeys = 1_000
    static let maximumGroups = 20

    var apiKey: String
    var distinctID: String
    var personProperties: [String: PropertyValue]
    /// Group keys by group type name.
    var groups: [String: String]
    /// Group properties by group type name.
    var groupProperties: [String: [String: PropertyValue]]
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
        self.groups = try Self.groups(members["groups"])
        self.groupProperties = try Self.groupProperties(members["group_properties"])
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

    /// `groups`: type name → key; PostHog's SDKs send keys as strings, and numbers are taken as their text.
    private static func groups(_ json: PropertyValue?) throws(IngestError) -> [String: String] {
        guard let json, json != .null else { return [:] }
        guard case .object(let members) = json, members.count <= maximumGroups else {
            throw .invalidPayload("groups must be an object of at most \(maximumGroups) group types")
        }
        var groups: [String: String] = [:]
        for (type, key) in members {
            let text: String
            switch key {
            case .string(let string): text = string
            case .int(let number): text = String(number)
            default: throw .invalidPayload("groups.\(type.prefix(100)) must be a string")
            }
            guard !text.isEmpty, text.count <= maximumDistinctIDLength else {
                throw .invalidPayload(
                    "groups.\(type.prefix(100)) must be 1 to \(maximumDistinctIDLength) characters")
            }
            groups[type] = text
        }
        return groups
    }

    /// `group_properties`: type name → properties.
    private static func groupProperties(_ json: PropertyValue?) throws(IngestError) -> [String: [String: PropertyValue]]
    {
        guard let json, json != .null else { return [:] }
        guard case .object(let members) = json, members.count <= maximumGroups else {
            throw .invalidPayload("group_properties must be an object of at most \(maximumGroups) group types")
        }
        var result: [String: [String: PropertyValue]] = [:]
        for (type, properties) in members {
            switch properties {
            case .object(let values): result[type] = values
            case .null: continue
            default: throw .invalidPayload("group_properties.\(type.prefix(100)) must be an object")
            }
        }
        return result
    }
}
