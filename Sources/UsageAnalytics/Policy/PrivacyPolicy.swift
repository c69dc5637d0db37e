/// The deployment rules of EVENTS.md, applied after the sanitizer.
///
/// Hosted deployments send every class but free text, with opaque ids as HMACs. On-premise
/// installations let only enum, bool, count and duration values leave: opaque ids are withheld,
/// and a generic event, whose strings the SDK cannot know to be from a closed set, sends only
/// its bools and (sanitizer-bounded) numbers, alone or in lists, and no objects, whose keys could
/// be data.
struct PrivacyPolicy: Sendable {
    let deploymentType: DeploymentType

    /// Whether a typed property of `privacyClass` may leave.
    func allows(_ privacyClass: PrivacyClass) -> Bool {
        deploymentType == .hosted || privacyClass.leavesOnPremise
    }

    /// Applies the deployment rule to a sanitized generic value; `nil` means withhold it. Keys
    /// that are not identifier-shaped (`Jane Doe`, a sentence) are data, not names: they are
    /// dropped at every depth, for both deployments. On-premise, strings and objects are withheld.
    func filterGeneric(
        _ value: PropertyValue, onWithheld: () -> Void, onInvalidKey: () -> Void
    ) -> PropertyValue? {
        switch value {
        case .null, .bool, .int, .double:
            return value
        case .string:
            guard deploymentType == .onPremise else { return value }
            onWithheld()
            return nil
        case .array(let elements):
            return .array(elements.compactMap { filterGeneric($0, onWithheld: onWithheld, onInvalidKey: onInvalidKey) })
        case .object where deploymentType == .onPremise:
            onWithheld()
            return nil
        case .object(let members):
            var kept: [String: PropertyValue] = [:]
            for (key, member) in members {
                guard Self.isPropertyKey(key) else {
                    onInvalidKey()
                    continue
                }
                kept[key] = filterGeneric(member, onWithheld: onWithheld, onInvalidKey: onInvalidKey)
            }
            return .object(kept)
        }
    }

    /// A property name: 1 to 64 ASCII letters, digits, `_`, `-` or `.`, starting with a letter.
    static func isPropertyKey(_ key: String) -> Bool {
        let utf8 = key.utf8
        guard let first = utf8.first, utf8.count <= 64,
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first | 0x20)
        else { return false }
        return utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."):
                true
            default: false
            }
        }
    }

    /// A label (route template, type name, operation): a token that may also hold `{ } * @ <>`-free
    /// path parameters, at most 200 bytes.
    /// A label never carries a raw id: a run of four or more digits, or of twelve or more hex
    /// digits (`/api/tickets/12345`, a UUID), means a path was passed instead of its template.
    static func isLabel(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard !utf8.isEmpty, utf8.count <= 200 else { return false }
        var digits = 0
        var hexDigits = 0
        for byte in utf8 {
            let isDigit = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            let isHex = isDigit || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
            digits = isDigit ? digits + 1 : 0
            hexDigits = isHex ? hexDigits + 1 : 0
            if digits >= 4 || hexDigits >= 12 { return false }
        }
        return utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "*"),
                UInt8(ascii: "<"), UInt8(ascii: ">"):
                true
            default: false
            }
        }
    }

    /// A generic event's name: snake_case, starting with a letter, at most 64 bytes. This is the
    /// cheap check `capture` runs; the processor also refuses names that are data
    /// (``isNameShaped(_:)``).
    static func isValidEventName(_ name: String) -> Bool {
        let utf8 = name.utf8
        guard let first = utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first), utf8.count <= 64
        else { return false }
        return utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_")
        }
    }

    /// Whether a generic event's name is a name rather than data: no run of more than four digits,
    /// no mixed hex run, at most six digits, no person's name (`ticket_88413377_opened`,
    /// `export_for_maria_garcia` are refused).
    static func isNameShaped(_ name: String) -> Bool {
        DataShape.isNameShaped(name)
    }
}
