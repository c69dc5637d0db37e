import CoreMetrics
import Foundation
import Logging
import ServiceLifecycle

/// Captures product events and hands them, privacy-filtered, to destinations.
///
/// Pass one instance explicitly to whatever emits events; there is no shared singleton.
/// `capture` never blocks, never throws and does no I/O: it stamps the event and queues it.
/// Identity hashing, the privacy filter and encoding run when the queue is drained, by
/// ``run()`` (as a `Service`) or by ``flush()``.
///
/// ```swift
/// let analytics = try AnalyticsClient(
///     configuration: configuration,
///     installationStore: FileInstallationStore(directory: configuration.dataDirectory),
///     destinations: [collector],
///     logger: logger)
/// analytics.capture(UserLoggedOut(userType: .internal), actor: AnalyticsActor(tenant: tenantID, user: userID))
/// ```
public final class AnalyticsClient: Sendable {
    private let pipeline: Pipeline?
    private let logger: Logger

    /// Whether events are captured at all (`ALGA_USAGE_STATS`).
    public var isEnabled: Bool { pipeline != nil }

    /// A client that captures nothing and touches nothing.
    public static let disabled = AnalyticsClient(pipeline: nil, logger: Logger(label: "usage-analytics"))

    /// Creates a client.
    ///
    /// When `configuration.isEnabled` is false the client is inert: it reads no file, keeps no
    /// buffer, prints no notice and never calls a destination. Otherwise it loads the
    /// installation identity (creating it on first start) and prints the first-run notice once.
    /// - Parameters:
    ///   - configuration: Policy, identity and batching settings.
    ///   - installationStore: Where the installation id and secret live.
    ///   - destinations: Where encoded events are delivered.
    ///   - logger: Receives the SDK's own diagnostics; never an event's values.
    ///   - metricsFactory: Receives the captured, dropped and redaction counters.
    ///   - noticeOutput: Where the first-run notice is written.
    ///   - sleep: How the flush loop waits; tests inject a controllable one.
    /// - Throws: ``InstallationStoreError`` or a file error when the identity cannot be read or created.
    public convenience init(
        configuration: AnalyticsConfiguration,
        installationStore: some InstallationStore,
        destinations: [any AnalyticsDestination],
        logger: Logger,
        metricsFactory: any MetricsFactory = MetricsSystem.factory,
        noticeOutput: NoticeOutput = .standardError,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) throws {
        guard configuration.isEnabled else {
            self.init(pipeline: nil, logger: logger)
            return
        }
        var installation =
            try installationStore.load()
            ?? {
                let created = Installation.generate()
                try installationStore.save(created)
                return created
            }()
        if installation.noticeShownAt == nil {
            noticeOutput.write(FirstRunNotice.text(for: configuration))
            installation.noticeShownAt = Date()
            do {
                try installationStore.save(installation)
            } catch {
                logger.warning(
                    "could not record that the analytics notice was shown; it will be shown again",
                    metadata: ["error": "\(error)"])
            }
        }
        let metrics = AnalyticsMetrics(factory: metricsFactory)
        let pipeline = Pipeline(
            configuration: configuration,
            processor: EventProcessor(configuration: configuration, installation: installation, metrics: metrics),
            destinations: destinations, metrics: metrics, sleep: sleep)
        self.init(pipeline: pipeline, logger: logger)
    }

    private init(pipeline: Pipeline?, logger: Logger) {
        self.pipeline = pipeline
        self.logger = logger
    }

    /// Queues a typed catalogue event; `actor` is `nil` for installation-wide (system) events.
    public func capture<Event: AnalyticsEvent>(_ event: Event, actor: AnalyticsActor?) {
        enqueue(.typed(event), actor: actor)
    }

    /// Queues an event that is not in the catalogue; its properties go through the sanitizer.
    ///
    /// The name must be snake_case and not a catalogue name (use the typed event instead);
    /// keys starting with `$` and the common property names are dropped.
    public func capture(event name: String, properties: [String: PropertyValue], actor: AnalyticsActor?) {
        guard let pipeline else { return }
        guard PrivacyPolicy.isValidEventName(name) else {
            pipeline.metrics.recordDrop(.invalidEventName)
            return
        }
        guard !EventCatalogue.names.contains(name) else {
            pipeline.metrics.recordDrop(.reservedEventName)
            return
        }
        enqueue(.generic(name: name, properties: properties), actor: actor)
    }

    private func enqueue(_ body: PendingEvent.Body, actor: AnalyticsActor?) {
        pipeline?.enqueue(body, actor: actor)
    }

    /// Encodes every queued event and delivers it to every destination, waiting for delivery.
    public func flush() async {
        await pipeline?.flush(logger: logger)
    }

    /// Events captured but not yet drained.
    public var pendingCount: Int { pipeline?.buffer.count ?? 0 }
}

extension AnalyticsClient: Service {
    /// Flushes every `flushAt` events or `flushInterval`, whichever comes first, until graceful
    /// shutdown, then flushes once more.
    public func run() async throws {
        guard let pipeline else {
            try? await gracefulShutdown()
            return
        }
        await pipeline.runFlushLoop(logger: logger)
        await pipeline.flush(logger: logger)
    }
}
