import UsageAnalytics

/// What an experiment counts as one subject: a distinct id, or, when the flag is aggregated by a group type
/// (PostHog's group flags, `filters.aggregation_group_type_index`), the group key events carry in
/// `$groups.<type>`. PostHog's experiments follow their flag's aggregation the same way.
enum ExperimentUnit: Sendable, Equatable {
    case person
    case group(type: String)

    /// The group types by index; this collector knows one, the tenant (as its flag definitions' `group_type_mapping`).
    static let groupTypes = [0: "tenant"]

    /// The unit of a flag, read from its stored definition JSON without needing the typed model to carry the
    /// field: an integer `aggregation_group_type_index` under `filters` (PostHog's place) or at the top level.
    /// An unknown index is refused rather than silently analysed per person.
    init(flagDefinition json: PropertyValue) throws(ExperimentDefinitionError) {
        guard case .object(let root) = json else {
            self = .person
            return
        }
        var index: PropertyValue? = root["aggregation_group_type_index"]
        if case .object(let filters)? = root["filters"], let nested = filters["aggregation_group_type_index"],
            nested != .null
        {
            index = nested
        }
        switch index {
        case nil, .null?: self = .person
        case .int(let number)?:
            guard let type = Self.groupTypes[number] else {
                throw ExperimentDefinitionError(
                    "feature_flag_key", "the flag is aggregated by group type \(number), which is not known here")
            }
            self = .group(type: type)
        case .double(let number)? where number == number.rounded() && Self.groupTypes[Int(number)] != nil:
            self = .group(type: Self.groupTypes[Int(number)]!)
        default:
            throw ExperimentDefinitionError(
                "feature_flag_key", "the flag's aggregation_group_type_index is not a known group type")
        }
    }

    /// The name the results report: `person`, or the group type.
    var name: String {
        switch self {
        case .person: "person"
        case .group(let type): type
        }
    }
}
