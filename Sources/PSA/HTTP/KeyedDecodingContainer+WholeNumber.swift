extension KeyedDecodingContainer {
    /// A whole number, or nil when absent. A fraction or a number beyond 64 bits gets a 400 that says so: counts and
    /// money (in minor units) are never rounded from a fraction.
    func decodeWholeNumber(forKey key: Key) throws -> Int64? {
        guard contains(key), try !decodeNil(forKey: key) else {
            if contains(key) { throw RequestError.invalid("invalid_field", "'\(key.stringValue)' must not be null.") }
            return nil
        }
        do {
            return try decode(Int64.self, forKey: key)
        } catch {
            // Foundation reports a fraction or an oversized number as corrupt JSON: say what is wrong instead.
            throw RequestError.invalid(
                "invalid_field", "'\(key.stringValue)' must be a whole number.")
        }
    }

    /// A whole number that must be present.
    func decodeRequiredWholeNumber(forKey key: Key) throws -> Int64 {
        guard let value = try decodeWholeNumber(forKey: key) else {
            throw RequestError.invalid("invalid_field", "'\(key.stringValue)' is required.")
        }
        return value
    }

    /// A list of strings, with a 400 naming the field when it is anything else.
    func decodeStrings(forKey key: Key) throws -> [String] {
        guard contains(key) else { throw RequestError.invalid("invalid_field", "'\(key.stringValue)' is required.") }
        do {
            return try decode([String].self, forKey: key)
        } catch {
            throw RequestError.invalid("invalid_field", "'\(key.stringValue)' must be a list of ids.")
        }
    }
}
