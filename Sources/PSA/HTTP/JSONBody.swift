import Foundation
import Hummingbird

/// A request body type that refuses keys it does not know, naming them.
protocol JSONBody: Decodable {
    associatedtype CodingKeys: CodingKey & CaseIterable
}

extension JSONBody {
    /// Throws a 400 naming every key of the body that `Self` does not declare.
    static func refuseUnknownKeys(in decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        let known = Set(CodingKeys.allCases.map(\.stringValue))
        let unknown = container.allKeys.map(\.stringValue).filter { !known.contains($0) }.sorted()
        guard unknown.isEmpty else {
            let names = unknown.prefix(5).map { String($0.prefix(64)).debugDescription }.joined(separator: ", ")
            throw RequestError.invalid(
                "unknown_field",
                "Unknown field\(unknown.count == 1 ? "" : "s") \(names); accepted: "
                    + CodingKeys.allCases.map(\.stringValue).joined(separator: ", ") + ".")
        }
    }
}

/// Any key, to list what a JSON object holds.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// A field of a PATCH body: absent (unchanged) or present with a value, where `null` is a value.
public enum FieldUpdate<Value: Sendable>: Sendable {
    case unchanged
    case set(Value)
}

extension KeyedDecodingContainer {
    /// Absent: unchanged; `null`: set to nil; otherwise the decoded value.
    func decodeUpdate<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> FieldUpdate<Value?> {
        guard contains(key) else { return .unchanged }
        if try decodeNil(forKey: key) { return .set(nil) }
        return .set(try decode(Value.self, forKey: key))
    }

    /// Absent: unchanged; otherwise the decoded value (`null` is refused by the decoder).
    func decodeRequiredUpdate<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> FieldUpdate<Value> {
        guard contains(key) else { return .unchanged }
        return .set(try decode(Value.self, forKey: key))
    }
}

extension Request {
    /// Decodes the JSON body as `Body`, answering malformed, oversized or mistyped input with a 400 (or 413)
    /// that names the field.
    func decodeJSON<Body: JSONBody>(as type: Body.Type, context: some RequestContext) async throws -> Body {
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: context.maxUploadSize)
        } catch {
            throw RequestError(
                status: .contentTooLarge, type: "validation_error", code: "body_too_large",
                detail: "The body is larger than \(context.maxUploadSize) bytes.")
        }
        do {
            return try JSONDecoder().decode(Body.self, from: Data(buffer: buffer))
        } catch let error as RequestError {
            throw error
        } catch let error as DecodingError {
            throw RequestError.invalid("invalid_field", Self.describe(error))
        } catch {
            throw RequestError.invalid("invalid_json", "The body is not a JSON object.")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let joined = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
                .joined(separator: ".")
            return joined.isEmpty ? "the body" : "'\(joined.prefix(64))'"
        }
        switch error {
        case .keyNotFound(let key, _): return "'\(key.stringValue)' is required."
        case .valueNotFound(_, let context): return "\(path(context)) must not be null."
        case .typeMismatch(_, let context) where context.codingPath.isEmpty: return "The body must be a JSON object."
        case .typeMismatch(let type, let context): return "\(path(context)) must be \(Self.describe(type))."
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "The body is not valid JSON." : "\(path(context)) is not valid."
        @unknown default: return "The body is not valid."
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type: "a whole number"
        default: "of another type"
        }
    }
}
