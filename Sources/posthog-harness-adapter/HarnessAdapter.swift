import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
@_spi(Harness) import UsageAnalytics

/// Owns the SDK client the harness configures with `/init`, and answers the adapter routes.
actor HarnessAdapter {
    private let spoolDirectory: String?
    private let logger: Logger
    private var client: AnalyticsClient?
    private var services: ServiceGroup?
    private var running: Task<Void, Never>?
    private var observer = HarnessObserver()
    private var totalCaptured = 0

    init(spoolDirectory: String?, logger: Logger) {
        self.spoolDirectory = spoolDirectory.flatMap { $0.isEmpty ? nil : $0 }
        self.logger = logger
    }

    nonisolated func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/health") { _, _ in HealthResponse() }
        router.post("/init") { request, _ in
            let body = try await HarnessRequestBody(request)
            try await self.initialize(InitRequest(body))
            return SuccessResponse()
        }
        router.post("/capture") { request, _ in
            let body = try await HarnessRequestBody(request)
            return try await self.capture(CaptureRequest(body))
        }
        router.post("/get_feature_flag") { request, _ in
            let body = try await HarnessRequestBody(request)
            return try await self.featureFlag(FlagRequest(body))
        }
        router.post("/flush") { _, _ in await self.flush() }
        router.get("/state") { _, _ in await self.state() }
        router.post("/reset") { _, _ in
            await self.reset()
            return SuccessResponse()
        }
        return router
    }

    func initialize(_ request: InitRequest) async throws {
        await stopClient(gracefully: false)
        observer = HarnessObserver()
        totalCaptured = 0
        var configuration = AnalyticsConfiguration()
        configuration.deploymentType = .hosted
        configuration.flushAt = request.flushAt ?? configuration.flushAt
        if let milliseconds = request.flushIntervalMilliseconds {
            configuration.flushInterval = .milliseconds(milliseconds)
        }
        configuration.maxRetries = request.maxRetries ?? configuration.maxRetries
        configuration.compressBatches = request.enableCompression ?? configuration.compressBatches
        var options = DeliveryOptions()
        options.observer = observer
        options.spool = spoolDirectory.map(DeliveryOptions.SpoolLocation.directory) ?? .memoryOnly
        let destination = PostHogDestination(
            host: request.host, apiKey: request.apiKey, compress: configuration.compressBatches)
        // No poller: PostHog's SDKs poll definitions only with a personal API key, which the harness never gives.
        let flags = FeatureFlagClient(
            host: request.host, apiKey: request.apiKey, pollInterval: nil, timeout: .seconds(10),
            disablesGeoIP: request.disableGeoIP ?? false, logger: logger)
        let client = try AnalyticsClient(
            configuration: configuration, installationStore: EphemeralInstallationStore(), destinations: [destination],
            logger: logger, noticeOutput: NoticeOutput { _ in }, delivery: options, featureFlags: flags)
        let services = ServiceGroup(
            configuration: .init(services: [client], gracefulShutdownSignals: [], logger: logger))
        self.client = client
        self.services = services
        running = Task { try? await services.run() }
    }

    func capture(_ request: CaptureRequest) throws -> CaptureResponse {
        guard let client else { throw HTTPError(.badRequest, message: "call /init first") }
        guard
            let uuid = client.capture(
                event: request.event, properties: request.properties, verbatimDistinctID: request.distinctID,
                timestamp: request.timestamp)
        else {
            throw HTTPError(.badRequest, message: "the SDK refused the event (invalid name or full buffer)")
        }
        totalCaptured += 1
        return CaptureResponse(uuid: uuid.uuidString.lowercased())
    }

    func featureFlag(_ request: FlagRequest) async throws -> FlagResponse {
        guard let client else { throw HTTPError(.badRequest, message: "call /init first") }
        let evaluation = await client.featureFlag(
            request.key, verbatim: request.subject, forceRemote: request.forceRemote,
            disableGeoIP: request.disableGeoIP)
        return FlagResponse(value: evaluation?.responseValue ?? .null)
    }

    func flush() async -> FlushResponse {
        let before = observer.totalSent
        await client?.flush()
        return FlushResponse(eventsFlushed: observer.totalSent - before)
    }

    func state() async -> StateResponse {
        let undelivered = await client?.undeliveredCounts().values.reduce(0, +) ?? 0
        return StateResponse(
            pendingEvents: (client?.pendingCount ?? 0) + undelivered, totalEventsCaptured: totalCaptured,
            observer: observer)
    }

    func reset() async {
        await stopClient(gracefully: false)
        observer = HarnessObserver()
        totalCaptured = 0
    }

    /// Stops the client: gracefully (a last flush) when the process stops, at once on `/init` and `/reset`.
    func stop() async {
        await stopClient(gracefully: true)
    }

    private func stopClient(gracefully: Bool) async {
        if gracefully {
            await services?.triggerGracefulShutdown()
        } else {
            running?.cancel()
        }
        await running?.value
        running = nil
        services = nil
        client = nil
    }
}
