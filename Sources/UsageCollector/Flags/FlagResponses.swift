import Foundation
import Hummingbird
import UsageAnalytics

/// The JSON bodies of the flag endpoints, in PostHog's shapes.
enum FlagResponses {
    static func json(_ status: HTTPResponse.Status, _ value: PropertyValue, headers: HTTPFields = [:]) -> Response {
        JSONResponses.json(status: status, String(decoding: value.jsonBytes(), as: UTF8.self), headers: headers)
    }

    /// One flag in `/flags?v=2`: `{key, enabled, variant, reason: {code, condition_index, description},
    /// metadata: {id, version, payload}}`.
    static func v2(_ evaluation: FlagEvaluation, of flag: FeatureFlag) -> PropertyValue {
        [
            "key": .string(flag.key), "enabled": .bool(evaluation.isEnabled),
            "variant": evaluation.variant.map(PropertyValue.string) ?? .null,
            "reason": [
                "code": .string(evaluation.reason.code.rawValue),
                "condition_index": evaluation.reason.conditionIndex.map(PropertyValue.int) ?? .null,
                "description": .string(evaluation.reason.description),
            ],
            "metadata": [
                "id": .int(flag.id), "version": .int(flag.version), "payload": evaluation.payload ?? .null,
            ],
        ]
    }

    /// `{"type", "code", "detail"}` for a refused flag change, naming the field.
    static func invalid(_ error: FlagDefinitionError) -> Response {
        json(
            .badRequest,
            [
                "type": "validation_error", "code": "invalid_flag", "attr": .string(error.field),
                "detail": .string(error.description),
            ])
    }

    static func refused(_ error: FlagStoreError) -> Response {
        switch error {
        case .keyTaken(let key):
            return json(
                .conflict,
                [
                    "type": "validation_error", "code": "unique", "attr": "key",
                    "detail": .string("a flag with key '\(key.prefix(100))' already exists in this project"),
                ])
        case .notFound(let id):
            return json(
                .notFound, ["type": "invalid_request", "code": "not_found", "detail": .string("no flag \(id)")])
        case .archived(let id):
            return json(
                .conflict,
                ["type": "validation_error", "code": "archived", "detail": .string("flag \(id) is archived")])
        }
    }

    static func storageUnavailable() -> Response { JSONResponses.error(.storageUnavailable) }
}
