import Foundation

/// JSON values decode into ``PropertyValue``s and encode back, through `Codable`; nesting is
/// bounded so that hostile input cannot exhaust the stack.
///
/// ```swift
/// let properties = try PropertyValue(json: Array(#"{"plan": "pro", "seats": 12}"#.utf8))
/// let same = try JSONDecoder().decode(PropertyValue.self, from: Data(#"{"plan": "pro"}"#.utf8))
/// ```
extension PropertyValue: Codable {
    /// The deepest nesting a decoded value may have.
    public static let maximumJSONDepth = 64

    /// Decodes one JSON value: whole numbers as ``int(_:)``, other numbers as ``double(_:)``.
    /// - Throws: `DecodingError` when the value is nested deeper than ``maximumJSONDepth``.
    public init(from decoder: any Decoder) throws {
        guard decoder.codingPath.count <= Self.maximumJSONDepth else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "nested deeper than \(Self.maximumJSONDepth) levels"))
        }
        // Scalars first, strings before the rest: most property values are, and each kind tried
        // and refused costs a thrown error.
        let value = try decoder.singleValueContainer()
        if value.decodeNil() {
            self = .null
        } else if let text = try? value.decode(String.self) {
            self = .string(text)
        } else if let flag = try? value.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? value.decode(Int.self) {
            self = .int(number)
        } else if let number = try? value.decode(Double.self) {
            self = .double(number)
        } else if var elements = try? decoder.unkeyedContainer() {
            var array: [PropertyValue] = []
            while !elements.isAtEnd { array.append(try elements.decode(PropertyValue.self)) }
            self = .array(array)
        } else {
            let members = try decoder.container(keyedBy: MemberKey.self)
            var object: [String: PropertyValue] = [:]
            for key in members.allKeys { object[key.stringValue] = try members.decode(PropertyValue.self, forKey: key) }
            self = .object(object)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let flag): try container.encode(flag)
        case .int(let number): try container.encode(number)
        case .double(let number): try container.encode(number)
        case .string(let text): try container.encode(text)
        case .array(let elements): try container.encode(elements)
        case .object(let members): try container.encode(members)
        }
    }

    /// Parses exactly one JSON value from UTF-8 bytes; surrounding whitespace is allowed.
    /// - Throws: ``JSONParseError`` saying what was wrong.
    public init(json bytes: [UInt8]) throws(JSONParseError) {
        let data = Data(bytes)
        do {
            self = try JSONDecoder().decode(PropertyValue.self, from: data)
        } catch let error as DecodingError {
            throw JSONParseError(error, text: data)
        } catch {
            throw JSONParseError(reason: "\(error)")
        }
    }
}

/// Why JSON text could not be parsed.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong, as the decoder put it (with the line and column when it gave them).
    public let reason: String

    init(reason: String) {
        self.reason = reason
    }

    init(_ error: DecodingError, text: Data) {
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty && context.underlyingError == nil:
            // JSONDecoder says only "not valid JSON" for a syntax error; JSONSerialization, on this
            // failure path only, says what and where.
            reason = Self.syntaxError(in: text) ?? context.debugDescription
        case .dataCorrupted(let context), .typeMismatch(_, let context), .valueNotFound(_, let context),
            .keyNotFound(_, let context):
            reason = context.debugDescription
        @unknown default:
            reason = "\(error)"
        }
    }

    private static func syntaxError(in text: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: text, options: .fragmentsAllowed)
            return nil
        } catch {
            return (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        }
    }

    public var description: String { "invalid JSON: \(reason)" }
}

/// Any member name of a JSON object.
private struct MemberKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
