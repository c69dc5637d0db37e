import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// Evaluates feature flags from a collector (or PostHog): locally from definitions it polls with `ETag`,
/// and through `POST /flags?v=2` when local evaluation cannot decide.
///
/// Run it as a `Service` to keep definitions fresh. No evaluation waits longer than the request timeout,
/// and every one answers `nil` (the caller's safe default) when nothing can decide. Connections must be
/// made within the connect timeout, and after a failed poll or remote call the client stops calling the
/// collector for a while (see ``FlagBackoff``): while it is down, callers get their default at once.
///
/// ```swift
/// let flags = FeatureFlagClient(host: "http://localhost:8787", apiKey: "phc_local", logger: logger)
/// let ordering = await flags.evaluate("ticket-ordering", for: FlagSubject(distinctID: id, groups: ["tenant": key]))
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

    struct State {
        var definitions: FlagDefinitions?
        var etag: String?
        var backoff = FlagBackoff()
    }

    let base: String
    let apiKey: String
    let timeout: Duration
    let disablesGeoIP: Bool
    let client: HTTPClient
    let logger: Logger
    let now: @Sendable () -> ContinuousClock.Instant
    let state = Mutex(State())
    private let pollInterval: Duration?

    /// A client for the collector at `host`.
    /// - Parameters:
    ///   - host: The collector's base URL.
    ///   - apiKey: The project key.
    ///   - pollInterval: How often ``run()`` refreshes the definitions; `nil` never polls (remote evaluation only).
    ///   - timeout: The longest any one evaluation or poll may take, a retry included.
    ///   - connectTimeout: The longest making a connection may take (at most `timeout`).
    ///   - disablesGeoIP: The `geoip_disable` sent with `/flags`; true keeps the caller's address out of evaluation.
    ///   - client: The HTTP client; by default one that fails a connection at once when it is refused.
    ///   - logger: Receives the client's diagnostics; never property values.
    public convenience init(
        host: String, apiKey: String, pollInterval: Duration? = .seconds(30), timeout: Duration = .seconds(3),
        connectTimeout: Duration = .seconds(1), disablesGeoIP: Bool = true, client: HTTPClient? = nil,
        logger: Logger
    ) {
        self.init(
            host: host, apiKey: apiKey, pollInterval: pollInterval, timeout: timeout, connectTimeout: connectTimeout,
            disablesGeoIP: disablesGeoIP, client: client, logger: logger, now: { .now })
    }

    /// The same with an injected clock, which only the backoff reads.
    init(
        host: String, apiKey: String, pollInterval: Duration?, timeout: Duration, connectTimeout: Duration,
        disablesGeoIP: Bool, client: HTTPClient?, logger: Logger, now: @escaping @Sendable () -> ContinuousClock.Instant
    ) {
        var base = host
        while base.hasSuffix("/") { base.removeLast() }
        self.base = base
        self.apiKey = apiKey
        self.pollInterval = pollInterval
        self.timeout = timeout
        self.disablesGeoIP = disablesGeoIP
        self.client = client ?? DeliveryHTTPClients.client(connectTimeout: min(connectTimeout, timeout))
        self.logger = logger
        self.now = now
    }

    /// Polls the definitions every poll interval until graceful shutdown; without one, just waits for it.
    public func run() async throws {
        guard let pollInterval else {
            try? await gracefulShutdown()
            return
        }
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                _ = await self.refresh()
                try? await Task.sleep(for: pollInterval)
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
            switch response.status {
            case .notModified:
                state.withLock { $0.backoff.recordSuccess() }
                return .notModified
            case .ok:
                let definitions = try FlagDefinitions(json: PropertyValue(json: Array(buffer: body)))
                let newTag = response.headers.first(name: "ETag")
                state.withLock {
                    $0.definitions = definitions
                    $0.etag = newTag
                    $0.backoff.recordSuccess()
                }
                return .updated
            default:
                logger.debug("flag definitions refused", metadata: ["status": "\(response.status.code)"])
                return refreshFailed()
            }
        } catch {
            logger.debug("flag definitions could not be refreshed", metadata: ["error": "\(type(of: error))"])
            return refreshFailed()
        }
    }

    /// A failed poll keeps the last definitions and backs remote calls off: the collector is likely down.
    private func refreshFailed() -> Refresh {
        let instant = now()
        state.withLock { $0.backoff.recordFailure(at: instant) }
        return .failed
    }

    /// The flag's value for `distinctID`: local when the definitions decide, else the collector's answer,
    /// else `nil`.
    public func evaluate(
        _ key: String, distinctID: String, properties: [String: PropertyValue] = [:]
    ) async -> FlagEvaluation? {
        await evaluate(key, for: FlagSubject(distinctID: distinctID, personProperties: properties))
    }

    /// The flag's value for `subject` (its groups decide group flags): local when the definitions decide,
    /// else the collector's answer, else `nil`.
    public func evaluate(_ key: String, for subject: FlagSubject) async -> FlagEvaluation? {
        await resolve(key, subject: subject)?.evaluation
    }

    /// Like ``evaluate(_:for:)``, and whether the answer was decided locally; `forceRemote` skips the
    /// definitions, and `disableGeoIP` overrides the client's `geoip_disable`.
    func resolve(
        _ key: String, subject: FlagSubject, forceRemote: Bool = false, disableGeoIP: Bool? = nil
    ) async -> (evaluation: FlagEvaluation, isLocal: Bool)? {
        let definitions = forceRemote ? nil : state.withLock { $0.definitions }
        if let definitions, let flag = definitions.flags[key],
            let local = FlagEvaluator(mode: .local).evaluate(
                flag, for: subject, groupTypeMapping: definitions.groupTypeMapping)
        {
            return (local, true)
        }
        let request = RemoteRequest(
            key: key, subject: subject, apiKey: apiKey, disableGeoIP: disableGeoIP ?? disablesGeoIP)
        return await remote(request).map { ($0, false) }
    }

    static func escaped(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.~")))
            ?? ""
    }
}
