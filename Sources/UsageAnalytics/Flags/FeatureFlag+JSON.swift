/// PostHog's flag definition JSON, as its local-evaluation endpoint serves it:
///
/// ```json
/// {"id": 7, "key": "ticket-ordering", "name": "Ticket list order", "active": true, "version": 2,
///  "filters": {"groups": [{"properties": [{"key": "plan", "operator": "exact", "value": ["pro"],
///                                          "type": "person"}],
///                          "rollout_percentage": 50, "variant": null}],
///              "multivariate": {"variants": [{"key": "control", "name": "", "rollout_percentage": 50},
///                                            {"key": "newest-first", "name": "", "rollout_percentage": 50}]},
///              "payloads": {"newest-first": "{\"limit\": 20}"}}}
/// ```
///
/// A group flag (`"aggregation_group_type_index": 0`) filters on `"type": "group"` properties instead.
///
/// Decoding validates: known operators, person properties (group properties in a group flag) and cohorts only
/// (flag conditions are refused), rollouts within 0...100, variants with distinct keys summing to 100, payloads keyed by
/// `"true"` or a variant, bounded sizes and a compilable `regex`.
extension FeatureFlag {
    /// The most condition groups, filters per group and variants a flag may have.
    public static let maximumConditions = 100
    /// The longest key, name, filter value text or regex pattern accepted.
    public static let maximumTextLength = 1_000

    /// Parses and validates a flag from PostHog's definition JSON.
    /// - Throws: ``FlagDefinitionError`` naming the field that is wrong.
    public init(json: PropertyValue) throws(FlagDefinitionError) {
        let root = try FlagJSONObject(json, at: "")
        let key = try root.string("key", required: true)
        guard Self.isValidKey(key) else {
            throw FlagDefinitionError(field: "key", reason: "use 1 to 400 letters, digits, '-' or '_'")
        }
        let filters = try root.object("filters")
        let variants = try filters?.object("multivariate")?.array("variants").enumerated().map {
            (index, element) throws(FlagDefinitionError) in
            try Self.variant(element, at: "filters.multivariate.variants[\(index)]")
        }
        var flag = FeatureFlag(
            id: try root.integer("id") ?? 0, key: key, name: try root.string("name"),
            active: try root.bool("active") ?? true, version: try root.integer("version") ?? 1,
            variants: variants ?? [], aggregationGroupTypeIndex: try Self.aggregation(filters))
        if let groups = try filters?.array("groups") {
            guard groups.count <= Self.maximumConditions else {
                throw FlagDefinitionError(field: "filters.groups", reason: "more than \(Self.maximumConditions) groups")
            }
            for (index, group) in groups.enumerated() {
                flag.conditions.append(
                    try Self.condition(
                        group, at: "filters.groups[\(index)]", isGroupFlag: flag.aggregationGroupTypeIndex != nil))
            }
        }
        if let payloads = try filters?.object("payloads") {
            flag.payloads = payloads.members.filter { $0.value != .null }
        }
        try flag.validate()
        self = flag
    }

    /// Whether `key` is a usable flag key.
    public static func isValidKey(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.count <= 400
            && key.utf8.allSatisfy { byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            }
    }

    private static func variant(_ json: PropertyValue, at path: String) throws(FlagDefinitionError) -> FlagVariant {
        let object = try FlagJSONObject(json, at: path)
        let key = try object.string("key", required: true)
        guard isValidKey(key) else {
            throw FlagDefinitionError(field: "\(path).key", reason: "use 1 to 400 letters, digits, '-' or '_'")
        }
        let rollout = try object.percentage("rollout_percentage") ?? 0
        return FlagVariant(key: key, name: try object.string("name"), rolloutPercentage: rollout)
    }

    /// `filters.aggregation_group_type_index`: `nil` (a flag per person) or a group type index, 0...4.
    private static func aggregation(_ filters: FlagJSONObject?) throws(FlagDefinitionError) -> Int? {
        switch filters?.members["aggregation_group_type_index"] {
        case nil, .null:
            return nil
        case .int(let index) where (0...FlagGroupType.maximumIndex).contains(index):
            return index
        default:
            throw FlagDefinitionError(
                field: "filters.aggregation_group_type_index",
                reason: "must be null or a group type index from 0 to \(FlagGroupType.maximumIndex)")
        }
    }

    private static func condition(
        _ json: PropertyValue, at path: String, isGroupFlag: Bool
    ) throws(FlagDefinitionError) -> FlagCondition {
        let object = try FlagJSONObject(json, at: path)
        let filters = try object.array("properties")
        guard filters.count <= maximumConditions else {
            throw FlagDefinitionError(field: "\(path).properties", reason: "more than \(maximumConditions) filters")
        }
        var properties: [PropertyFilter] = []
        var cohorts: [CohortFilter] = []
        for (index, filter) in filters.enumerated() {
            if case .object(let members) = filter, members["type"] == .string("cohort") {
                cohorts.append(try Self.cohortFilter(filter, at: "\(path).properties[\(index)]"))
            } else {
                properties.append(
                    try Self.filter(filter, at: "\(path).properties[\(index)]", type: isGroupFlag ? "group" : "person"))
            }
        }
        let variant = try object.string("variant")
        return FlagCondition(
            properties: properties, rolloutPercentage: try object.percentage("rollout_percentage"),
            variant: variant.isEmpty ? nil : variant, cohorts: cohorts)
    }

    private static func cohortFilter(_ json: PropertyValue, at path: String) throws(FlagDefinitionError) -> CohortFilter
    {
        let object = try FlagJSONObject(json, at: path)
        guard try object.string("key", required: true) == "id" else {
            throw FlagDefinitionError(field: "\(path).key", reason: "a cohort filter's key is 'id'")
        }
        var id: Int?
        switch object.members["value"] {
        case .int(let number)?: id = number
        case .string(let text)?: id = Int(text)
        default: id = nil
        }
        guard let id, id > 0, id <= Int(Int32.max) else {
            throw FlagDefinitionError(field: "\(path).value", reason: "expected a cohort id")
        }
        let operatorName = try object.string("operator")
        guard ["", "in", "exact", "not_in"].contains(operatorName) else {
            throw FlagDefinitionError(field: "\(path).operator", reason: "a cohort filter takes 'in' or 'not_in'")
        }
        return CohortFilter(cohortID: id, negated: operatorName == "not_in")
    }

    /// A property filter; `expectedType` is `person` in a flag per person and `group` in a group flag,
    /// whose conditions match the group's properties.
    private static func filter(
        _ json: PropertyValue, at path: String, type expectedType: String
    ) throws(FlagDefinitionError) -> PropertyFilter {
        let object = try FlagJSONObject(json, at: path)
        let type = try object.string("type")
        guard type.isEmpty || type == expectedType else {
            throw FlagDefinitionError(
                field: "\(path).type", reason: "only \(expectedType) properties are supported here, not '\(type)'")
        }
        let key = try object.string("key", required: true)
        let operatorName = try object.string("operator")
        guard let filterOperator = PropertyFilter.Operator(rawValue: operatorName.isEmpty ? "exact" : operatorName)
        else {
            throw FlagDefinitionError(field: "\(path).operator", reason: "unknown operator '\(operatorName)'")
        }
        let value = object.members["value"] ?? .null
        guard value.pythonText.utf8.count <= maximumTextLength else {
            throw FlagDefinitionError(field: "\(path).value", reason: "longer than \(maximumTextLength) bytes")
        }
        if filterOperator == .regex || filterOperator == .notRegex, (try? Regex(value.pythonText)) == nil {
            throw FlagDefinitionError(field: "\(path).value", reason: "not a valid regular expression")
        }
        return PropertyFilter(key: key, operator: filterOperator, value: value)
    }
}
