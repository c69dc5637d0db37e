extension JSONValue {
    /// The field `key` of an object; nil for a missing field or a value that is not an object.
    func field(_ key: String) -> JSONValue? {
        guard case .object(let fields) = self else { return nil }
        return fields[key]
    }
}
