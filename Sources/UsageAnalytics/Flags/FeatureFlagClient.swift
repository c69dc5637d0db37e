import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// Evaluates feature flags from a collector (or PostHog): locally from definitions it polls with `ETag`,
/// and through `POST /flags?v=2` when local evaluation cannot decide.
///
/// Run it as a `Service` to keep definitions fresh. ``evaluate(_:distinctID:properties:)`` never waits longer
/// than the request timeout and answers `nil` (the caller's safe default) when nothing can decide.
///
/// ```swift
/// let flags = FeatureFlagClient(host: "http://localhost:8787", apiKey: "phc_local", logger: logger)
/// let ordering = await flags.evaluate("ticket-ordering", distinctID: tenantID, properties: ["plan": "pro"])
/// ```
public final class FeatureFlagClient: Service, Sendable {
    /// What one poll of the definitions found.
    public enum Refresh: Sendable, Hashable {
        /// New definitions were loaded.
        case updated
        /// The collector answered `304 Not Modified` to the last `ETag`.
        case notModified
        /// The collector could not be reached or answered something unusable; the last definitions stay.
        case failed
    }

    private struct State {
        var definitions: FlagDefinitions?
        var etag: String?
    }

    private let base: String
    private let apiKey: String
    private let pollInterval: Duration
    private let timeout: Duration
    private let client: HTTPClient
    private let logger: Logger
    private let state = Mutex(State())

    /// A client for the collector at `host`.
    /// - Parameters:
    ///   - host: The collector's base URL.
    ///   - apiKey: The project key.
    ///   - pollInterval: How often ``run()`` refreshes the definitions.
    ///   - timeout: The longest any one request may take.
    ///   - client: The HTTP client.
    ///   - logger: Receives the client's diagnostics; never property values.
    public init(
        host: String, apiKey: String, pollInterval: Duration = .seconds(30), timeout: Duration = .seconds(3),
        client: HTTPClient = .shared, logger: Logger
    ) {
        var base = host
        while base.hasSuffix("/") { base.removeLast() }
        self.base = base
        self.apiKey = apiKey
        self.pollInterval = pollInterval
        self.timeout = timeout
        self.client = client
        self.logger = logger
    }

    /// Polls the definitions every ``pollInterval`` until graceful shutdown.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                _ = await self.refresh()
                try? await Task.sleep(for: self.pollInterval)
            }
        }
    }

    /// Fetches the local-evaluation definitions once, sending the last `ETag`.
    @discardableResult
    public func refresh() async -> Refresh {
        let etag = state.withLock { $0.etag }
        var request = HTTPClientRequest(url: base + "/api/feature_flag/local_evaluation?token=" + Self.escaped(apiKey))
        if let etag { request.headers.add(name: "If-None-Match", value: etag) }
        do {
            let response = try await client.execute(request, timeout: .nanoseconds(Int64(timeout.nanosecondsValue)))
            let body = try await response.body.collect(upTo: 8 << 20)
            if response.status == .notModified { return .notModified }
            guard response.status == .ok else { return .failed }
            let definitions = try FlagDefinitions(json: PropertyValue(json: Array(buffer: body)))
            let newTag = response.headers.first(name: "ETag")
            state.withLock { $0 = State(definitions: definitions, etag: newTag) }
            return .updated
        } catch {
            logger.debug("flag definitions could not be refreshed", metadata: ["error": "\(type(of: error))"])
            return .failed
        }
    }

    /// The flag's value for `distinctID`: local when the definitions decide, else the collector's answer,
    /// else `nil`.
    public func evaluate(
        _ key: String, distinctID: String, properties: [String: PropertyValue] = [:]
    ) async -> FlagEvaluation? {
        await resolve(key, distinctID: distinctID, properties: properties)?.evaluation
    }

    /// Like ``evaluate(_:distinctID:properties:)``, and whether the answer was decided locally.
    func resolve(
        _ key: String, distinctID: String, properties: [String: PropertyValue]
    ) async -> (evaluation: FlagEvaluation, isLocal: Bool)? {
        let definitions = state.withLock { $0.definitions }
        if let flag = definitions?.flags[key],
            let local = FlagEvaluator(mode: .local).evaluate(flag, distinctID: distinctID, properties: properties)
        {
            return (local, true)
        }
        return await remote(key, distinctID: distinctID, properties: properties).map { ($0, false) }
    }

    private func remote(_ key: String, distinctID: String, properties: [String: PropertyValue]) async -> FlagEvaluation?
    {
        let body: PropertyValue = [
            "api_key": .string(apiKey), "distinct_id": .string(distinctID), "person_properties": .object(properties),
            "flag_keys_to_evaluate": [.string(key)],
        ]
        var request = HTTPClientRequest(url: base + "/flags/?v=2")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: body.jsonBytes()))
        do {
            let response = try await client.execute(request, timeout: .nanoseconds(Int64(timeout.nanosecondsValue)))
            let bytes = try await response.body.collect(upTo: 1 << 20)
            guard response.status == .ok,
                case .object(let answer) = try PropertyValue(json: Array(buffer: bytes)),
                case .object(let flags) = answer["flags"], case .object(let flag) = flags[key]
            else { return nil }
            return Self.evaluation(key: key, flag)
        } catch {
            logger.debug("remote flag evaluation failed", metadata: ["error": "\(type(of: error))"])
            return nil
        }
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

    private static func escaped(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.~")))
            ?? ""
    }
}
