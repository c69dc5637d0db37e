extension FeatureFlag {
    /// The flag in PostHog's definition JSON, the shape ``init(json:)`` reads back.
    public var json: PropertyValue {
        let filters: [String: PropertyValue] = [
            "groups": .array(conditions.map { $0.json(groupTypeIndex: aggregationGroupTypeIndex) }),
            "payloads": .object(payloads),
            "multivariate": variants.isEmpty ? .null : ["variants": .array(variants.map(\.json))],
            "aggregation_group_type_index": aggregationGroupTypeIndex.map(PropertyValue.int) ?? .null,
        ]
        return [
            "id": .int(id), "key": .string(key), "name": .string(name), "active": .bool(active),
            "version": .int(version), "deleted": false, "ensure_experience_continuity": false,
            "filters": .object(filters),
        ]
    }
}

extension FlagCondition {
    /// The condition group; filters are group filters when the flag aggregates by `groupTypeIndex`.
    func json(groupTypeIndex: Int?) -> PropertyValue {
        [
            "properties": .array(properties.map { $0.json(groupTypeIndex: groupTypeIndex) } + cohorts.map(\.json)),
            "rollout_percentage": rolloutPercentage.map(PropertyValue.percentage) ?? .null,
            "variant": variant.map(PropertyValue.string) ?? .null,
        ]
    }
}

extension CohortFilter {
    var json: PropertyValue {
        ["key": "id", "type": "cohort", "value": .int(cohortID), "operator": negated ? "not_in" : "in"]
    }
}

extension FlagVariant {
    var json: PropertyValue {
        ["key": .string(key), "name": .string(name), "rollout_percentage": .percentage(rolloutPercentage)]
    }
}

extension PropertyFilter {
    func json(groupTypeIndex: Int?) -> PropertyValue {
        var members: [String: PropertyValue] = [
            "key": .string(key), "operator": .string(self.operator.rawValue), "value": value, "type": "person",
        ]
        if let groupTypeIndex {
            members["type"] = "group"
            members["group_type_index"] = .int(groupTypeIndex)
        }
        return .object(members)
    }
}

extension PropertyValue {
    /// Whole percentages as integers, as PostHog writes them.
    fileprivate static func percentage(_ number: Double) -> PropertyValue {
        number.rounded() == number && abs(number) < 1e15 ? .int(Int(number)) : .double(number)
    }
}
