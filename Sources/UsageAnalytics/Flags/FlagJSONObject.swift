/// Typed reads from one JSON object of a flag definition, with errors that name the field.
struct FlagJSONObject {
    let members: [String: PropertyValue]
    let path: String

    init(_ json: PropertyValue, at path: String) throws(FlagDefinitionError) {
        guard case .object(let members) = json else {
            throw FlagDefinitionError(field: path.isEmpty ? "flag" : path, reason: "must be an object")
        }
        self.members = members
        self.path = path
    }

    private func field(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    private func failure(_ name: String, _ reason: String) -> FlagDefinitionError {
        FlagDefinitionError(field: field(name), reason: reason)
    }

    /// A string member; absent or null reads as empty unless `required`.
    func string(_ name: String, required: Bool = false) throws(FlagDefinitionError) -> String {
        switch members[name] {
        case .string(let text):
            guard text.utf8.count <= FeatureFlag.maximumTextLength else {
                throw failure(name, "longer than \(FeatureFlag.maximumTextLength) bytes")
            }
            guard !(required && text.isEmpty) else { throw failure(name, "is required") }
            return text
        case nil, .null:
            if required { throw failure(name, "is required") }
            return ""
        default: throw failure(name, "must be a string")
        }
    }

    func integer(_ name: String) throws(FlagDefinitionError) -> Int? {
        switch members[name] {
        case .int(let number): return number
        case nil, .null: return nil
        default: throw failure(name, "must be an integer")
        }
    }

    func bool(_ name: String) throws(FlagDefinitionError) -> Bool? {
        switch members[name] {
        case .bool(let flag): return flag
        case nil, .null: return nil
        default: throw failure(name, "must be true or false")
        }
    }

    /// A number in 0...100.
    func percentage(_ name: String) throws(FlagDefinitionError) -> Double? {
        let number: Double
        switch members[name] {
        case .int(let whole): number = Double(whole)
        case .double(let fraction): number = fraction
        case nil, .null: return nil
        default: throw failure(name, "must be a number from 0 to 100")
        }
        guard number.isFinite, (0...100).contains(number) else { throw failure(name, "must be a number from 0 to 100") }
        return number
    }

    func object(_ name: String) throws(FlagDefinitionError) -> FlagJSONObject? {
        switch members[name] {
        case nil, .null: return nil
        case let value?: return try FlagJSONObject(value, at: field(name))
        }
    }

    /// An array member; absent or null reads as empty.
    func array(_ name: String) throws(FlagDefinitionError) -> [PropertyValue] {
        switch members[name] {
        case .array(let elements): return elements
        case nil, .null: return []
        default: throw failure(name, "must be an array")
        }
    }
}
