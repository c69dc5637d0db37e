/// The property conditions of a query or series: a tree of AND and OR groups over ``PropertyFilter``s.
indirect enum PropertyPredicate: Sendable {
    case all([PropertyPredicate])
    case any([PropertyPredicate])
    case filter(PropertyFilter)
    /// PostHog's `{"type": "cohort", "key": "id", "value": <cohort id>}`: the event's person is (or, with
    /// `operator: "not_in"`, is not) a member of the cohort.
    case cohort(id: Int, negated: Bool)

    static let always = PropertyPredicate.all([])

    var isAlways: Bool {
        if case .all(let parts) = self { return parts.allSatisfy(\.isAlways) }
        return false
    }

    /// Whether an event with `properties` whose person is in the cohorts `inCohort` says passes.
    func matches(_ properties: [String: JSONValue], inCohort: (Int) -> Bool) -> Bool {
        switch self {
        case .all(let parts): parts.allSatisfy { $0.matches(properties, inCohort: inCohort) }
        case .any(let parts): parts.contains { $0.matches(properties, inCohort: inCohort) }
        case .filter(let filter): filter.matches(properties)
        case .cohort(let id, let negated): inCohort(id) != negated
        }
    }

    /// The cohorts the conditions refer to, each once, in ascending order.
    var cohortIDs: [Int] {
        switch self {
        case .all(let parts), .any(let parts): Array(Set(parts.flatMap(\.cohortIDs))).sorted()
        case .filter: []
        case .cohort(let id, _): [id]
        }
    }

    /// Parses `properties`: a list of filters (all must hold) or a `PropertyGroupFilter`
    /// `{type: "AND"|"OR", values: [...]}` whose values are filters or groups.
    static func parse(_ value: JSONValue?, path: String, depth: Int = 0) throws(InsightQueryError) -> PropertyPredicate
    {
        guard let value, value != .null else { return .always }
        guard depth < 8 else { throw InsightQueryError(path, "property groups are nested too deeply") }
        switch value {
        case .array(let items):
            guard items.count <= 100 else { throw InsightQueryError(path, "holds more than 100 filters") }
            var parts: [PropertyPredicate] = []
            for (index, item) in items.enumerated() {
                parts.append(try Self.parse(item, path: "\(path).\(index)", depth: depth + 1))
            }
            return .all(parts)
        case .object(let fields):
            if fields["type"] == .string("cohort") { return try Self.cohort(QueryObject(value, path: path)) }
            guard let groupType = fields["type"], groupType == .string("AND") || groupType == .string("OR") else {
                return .filter(try PropertyFilter(value, path: path))
            }
            let group = try QueryObject(value, path: path)
            let parts = try Self.parse(
                .array(try group.array("values", maxCount: 100) ?? []), path: group.attr("values"), depth: depth + 1)
            guard case .all(let members) = parts, !members.isEmpty else { return .always }
            return groupType == .string("OR") ? .any(members) : .all(members)
        default:
            throw InsightQueryError(path, "expected a list of property filters or a property group")
        }
    }
}

extension PropertyPredicate {
    /// Parses a cohort filter: `key` must be `id` (PostHog's spelling), `value` a cohort id, `operator` absent,
    /// `in`, `exact` or `not_in`.
    static func cohort(_ object: QueryObject) throws(InsightQueryError) -> PropertyPredicate {
        let key = try object.string("key") ?? "id"
        guard key == "id" else { throw InsightQueryError(object.attr("key"), "a cohort filter's key is id") }
        let id = try Self.cohortID(object.value("value"), attr: object.attr("value"))
        let operatorName = try object.choice("operator", ["in", "exact", "not_in"]) ?? "in"
        let negated = try object.bool("negation") ?? false
        return .cohort(id: id, negated: (operatorName == "not_in") != negated)
    }

    /// A cohort id as PostHog sends it: a positive integer, or its decimal text; 0 (and `"all"`) is PostHog's
    /// "all users" and only allowed where `allUsers` says so.
    static func cohortID(_ value: JSONValue?, attr: String, allUsers: Bool = false) throws(InsightQueryError) -> Int {
        var id: Int?
        switch value {
        case .int(let number)?: id = number
        case .double(let number)? where number == number.rounded() && abs(number) < 1e15: id = Int(number)
        case .string("all")?: id = 0
        case .string(let text)?: id = Int(text)
        default: id = nil
        }
        guard let id, id >= (allUsers ? 0 : 1), id <= Int(Int32.max) else {
            throw InsightQueryError(attr, "expected a cohort id")
        }
        return id
    }
}
