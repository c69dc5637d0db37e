/// The property conditions of a query or series: a tree of AND and OR groups over ``PropertyFilter``s.
indirect enum PropertyPredicate: Sendable {
    case all([PropertyPredicate])
    case any([PropertyPredicate])
    case filter(PropertyFilter)

    static let always = PropertyPredicate.all([])

    var isAlways: Bool {
        if case .all(let parts) = self { return parts.allSatisfy(\.isAlways) }
        return false
    }

    func matches(_ properties: [String: JSONValue]) -> Bool {
        switch self {
        case .all(let parts): parts.allSatisfy { $0.matches(properties) }
        case .any(let parts): parts.contains { $0.matches(properties) }
        case .filter(let filter): filter.matches(properties)
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
