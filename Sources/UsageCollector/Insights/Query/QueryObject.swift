/// A JSON object of a query with the path that leads to it, so that every error names its field.
struct QueryObject {
    let fields: [String: JSONValue]
    let path: String

    init(_ value: JSONValue, path: String) throws(InsightQueryError) {
        guard case .object(let fields) = value else { throw InsightQueryError(path, "expected an object") }
        self.fields = fields
        self.path = path
    }

    /// An object without fields, for an absent optional filter object.
    static func empty(path: String) -> QueryObject { QueryObject(fields: [:], path: path) }

    private init(fields: [String: JSONValue], path: String) {
        self.fields = fields
        self.path = path
    }

    func attr(_ key: String) -> String { self.path.isEmpty ? key : "\(self.path).\(key)" }

    /// The value of `key`; JSON null counts as absent.
    func value(_ key: String) -> JSONValue? {
        guard let value = self.fields[key], value != .null else { return nil }
        return value
    }

    func string(_ key: String) throws(InsightQueryError) -> String? {
        guard let value = self.value(key) else { return nil }
        guard case .string(let text) = value else { throw InsightQueryError(self.attr(key), "expected a string") }
        return text
    }

    func bool(_ key: String) throws(InsightQueryError) -> Bool? {
        guard let value = self.value(key) else { return nil }
        guard case .bool(let flag) = value else { throw InsightQueryError(self.attr(key), "expected true or false") }
        return flag
    }

    func integer(_ key: String, in range: ClosedRange<Int>) throws(InsightQueryError) -> Int? {
        guard let value = self.value(key) else { return nil }
        guard let number = value.number, number == number.rounded(), let integer = Int(exactly: number) else {
            throw InsightQueryError(self.attr(key), "expected a whole number")
        }
        guard range.contains(integer) else {
            throw InsightQueryError(self.attr(key), "must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return integer
    }

    func object(_ key: String) throws(InsightQueryError) -> QueryObject? {
        guard let value = self.value(key) else { return nil }
        return try QueryObject(value, path: self.attr(key))
    }

    func array(_ key: String, maxCount: Int) throws(InsightQueryError) -> [JSONValue]? {
        guard let value = self.value(key) else { return nil }
        guard case .array(let items) = value else { throw InsightQueryError(self.attr(key), "expected an array") }
        guard items.count <= maxCount else {
            throw InsightQueryError(self.attr(key), "holds more than \(maxCount) entries")
        }
        return items
    }

    /// One of `allowed`, or nil when absent.
    func choice(_ key: String, _ allowed: [String]) throws(InsightQueryError) -> String? {
        guard let text = try self.string(key) else { return nil }
        guard allowed.contains(text) else {
            throw InsightQueryError(self.attr(key), "\(text) is not one of \(allowed.joined(separator: ", "))")
        }
        return text
    }

    /// Rejects a key whose presence asks for something this collector does not do.
    func rejectPresent(_ keys: [String]) throws(InsightQueryError) {
        for key in keys {
            guard let value = self.value(key) else { continue }
            if case .bool(false) = value { continue }
            if case .array(let items) = value, items.isEmpty { continue }
            throw InsightQueryError.unsupported(self.attr(key), key)
        }
    }
}
