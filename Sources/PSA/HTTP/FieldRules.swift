import Foundation

/// The rules every text field of a request follows, each failure naming the field.
enum FieldRules {
    /// `value` trimmed, between `minimum` and `maximum` characters, without control characters (line breaks
    /// and tabs allowed only when `multiline`).
    static func text(
        _ value: String, field: String, minimum: Int = 1, maximum: Int, multiline: Bool = false
    ) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count >= minimum else {
            throw RequestError.invalid("invalid_field", "'\(field)' must not be empty.")
        }
        guard trimmed.count <= maximum else {
            throw RequestError.invalid("invalid_field", "'\(field)' must be at most \(maximum) characters.")
        }
        let allowed: Set<Unicode.Scalar> = multiline ? ["\n", "\r", "\t"] : []
        guard
            !trimmed.unicodeScalars.contains(where: {
                $0.properties.generalCategory == .control && !allowed.contains($0)
            })
        else {
            throw RequestError.invalid("invalid_field", "'\(field)' must not contain control characters.")
        }
        return trimmed
    }

    /// An optional text: nil and blank both mean absent.
    static func optionalText(_ value: String?, field: String, maximum: Int, multiline: Bool = false) throws -> String? {
        guard let value, !value.allSatisfy(\.isWhitespace) else { return nil }
        return try text(value, field: field, maximum: maximum, multiline: multiline)
    }

    /// A value of a closed set, with an error listing the accepted values.
    static func choice<Choice: RawRepresentable<String> & CaseIterable>(
        _ value: String, field: String, of type: Choice.Type
    ) throws -> Choice {
        guard let choice = Choice(rawValue: value) else {
            let accepted = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw RequestError.invalid("invalid_field", "'\(field)' must be one of \(accepted).")
        }
        return choice
    }

    /// An id made by this service (a lowercase UUID); anything else cannot name a record.
    static func identifier(_ value: String, field: String) throws -> String {
        guard value.utf8.count == 36, UUIDText.isCanonical(value) else {
            throw RequestError.invalid("invalid_field", "'\(field)' is not a valid id.")
        }
        return value
    }

    /// An email address: one '@', a dot in the domain, no spaces, at most 254 characters; lowercased.
    static func email(_ value: String) throws -> String {
        let email = value.trimmingCharacters(in: .whitespaces).lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.utf8.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            email.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F })
        else {
            throw RequestError.invalid("invalid_field", "'email' is not a valid email address.")
        }
        return email
    }

    /// A password of 10 to 128 characters (bcrypt reads at most 72 bytes; longer ones are refused so that
    /// two passwords differing after the 72nd byte are never the same).
    static func password(_ value: String, field: String = "password") throws -> String {
        guard value.count >= 10 else {
            throw RequestError.invalid("weak_password", "'\(field)' must be at least 10 characters.")
        }
        guard value.utf8.count <= 72 else {
            throw RequestError.invalid("invalid_field", "'\(field)' must be at most 72 bytes.")
        }
        return value
    }
}

/// Lowercase canonical UUID text, the form of every id this service makes.
enum UUIDText {
    static func isCanonical(_ text: String) -> Bool {
        for (index, byte) in text.utf8.enumerated() {
            switch index {
            case 8, 13, 18, 23: if byte != UInt8(ascii: "-") { return false }
            default:
                let isHex =
                    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                if !isHex { return false }
            }
        }
        return true
    }

    /// A new random id.
    static func make() -> String {
        UUID().uuidString.lowercased()
    }
}
