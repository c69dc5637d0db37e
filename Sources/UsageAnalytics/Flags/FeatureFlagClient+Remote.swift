import AsyncHTTPClient
import NIOCore

extension FeatureFlagClient {
    /// One `POST /flags?v=2` body, in the shape PostHog's server SDKs send:
    /// `{"token", "distinct_id", "person_properties", "groups", "group_properties", "geoip_disable",
    /// "flag_keys_to_evaluate"}`, `groups` and `group_properties` as objects even when empty.
    struct RemoteRequest {
        let key: String
        let subject: FlagSubject
        let apiKey: String
        let disableGeoIP: Bool

        var body: PropertyValue {
            [
                "token": .string(apiKey), "distinct_id": .string(subject.distinctID),
                "person_properties": .object(subject.personProperties),
                "groups": .object(subject.groups.mapValues(PropertyValue.string)),
                "group_properties": .object(subject.groupProperties.mapValues(PropertyValue.object)),
                "geoip_disable": .bool(disableGeoIP), "flag_keys_to_evaluate": [.string(key)],
            ]
        }
    }

    /// Statuses worth one immediate retry within the same deadline, as PostHog's SDKs retry them.
    static let transientStatuses: Set<UInt> = [502, 503, 504]

    /// The collector's answer for one flag, or `nil`: skipped while backing off, after a failure (which
    /// backs off), or when the answer does not name the flag.
    func remote(_ remoteRequest: RemoteRequest) async -> FlagEvaluation? {
        let admitted = state.withLock { $0.backoff.admit(at: now()) }
        guard admitted else {
            logger.debug("remote flag evaluation skipped while the collector is failing")
            return nil
        }
        var request = HTTPClientRequest(url: base + "/flags/?v=2")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: remoteRequest.body.jsonBytes()))
        let deadline = NIODeadline.now() + .nanoseconds(Int64(timeout.nanosecondsValue))
        for attempt in 0..<2 {
            do {
                let response = try await client.execute(request, deadline: deadline)
                let bytes = try await response.body.collect(upTo: 1 << 20)
                if Self.transientStatuses.contains(response.status.code) && attempt == 0 { continue }
                guard response.status == .ok, case .object(let answer) = try PropertyValue(json: Array(buffer: bytes))
                else { break }
                state.withLock { $0.backoff.recordSuccess() }
                return Self.evaluation(key: remoteRequest.key, in: answer)
            } catch {
                if Task.isCancelled {
                    // The caller gave up, which says nothing about the collector.
                    state.withLock { $0.backoff.releaseProbe() }
                    return nil
                }
                logger.debug("remote flag evaluation failed", metadata: ["error": "\(type(of: error))"])
                break
            }
        }
        let instant = now()
        state.withLock { $0.backoff.recordFailure(at: instant) }
        return nil
    }

    /// Reads one flag of a `/flags` answer: v2 `{"flags": {key: {enabled, variant, reason, metadata}}}`, or the
    /// legacy `{"featureFlags": {key: true | false | "variant"}, "featureFlagPayloads": {key: payload}}`.
    static func evaluation(key: String, in answer: [String: PropertyValue]) -> FlagEvaluation? {
        if case .object(let flags) = answer["flags"], case .object(let flag) = flags[key] {
            return evaluation(key: key, flag)
        }
        guard case .object(let values) = answer["featureFlags"], let given = values[key] else { return nil }
        let value: FlagEvaluation.Value
        switch given {
        case .bool(let enabled): value = enabled ? .enabled : .disabled
        case .string(let variant) where !variant.isEmpty: value = .variant(variant)
        default: return nil
        }
        var payload: PropertyValue?
        if value != .disabled, case .object(let payloads) = answer["featureFlagPayloads"], let given = payloads[key],
            given != .null
        {
            payload = given
        }
        let reason = FlagReason(code: value == .disabled ? .noConditionMatch : .conditionMatch)
        return FlagEvaluation(key: key, value: value, reason: reason, payload: payload)
    }

    /// Reads one flag of a `/flags?v=2` answer.
    static func evaluation(key: String, _ flag: [String: PropertyValue]) -> FlagEvaluation? {
        guard case .bool(let enabled) = flag["enabled"] else { return nil }
        var value: FlagEvaluation.Value = enabled ? .enabled : .disabled
        if enabled, case .string(let variant) = flag["variant"] { value = .variant(variant) }
        var reason = FlagReason(code: enabled ? .conditionMatch : .noConditionMatch)
        if case .object(let given) = flag["reason"] {
            if case .string(let code) = given["code"], let known = FlagReason.Code(rawValue: code) {
                reason.code = known
            }
            if case .int(let index) = given["condition_index"] { reason.conditionIndex = index }
        }
        var payload: PropertyValue?
        if case .object(let metadata) = flag["metadata"], let given = metadata["payload"], given != .null {
            payload = given
        }
        return FlagEvaluation(key: key, value: value, reason: reason, payload: payload)
    }
}
