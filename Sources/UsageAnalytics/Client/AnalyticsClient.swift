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
    let exporter: Exporter?
    let flags: AnalyticsFlags?

    /// Whether events are captured at all (`ALGA_USAGE_STATS`).
    public var isEnabled: Bool { exporter != nil }

    /// A client that captures nothing and touches nothing.
    public static let disabled = AnalyticsClient(exporter: nil, flags: nil)

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
    ///   - delivery: Spool location, delivery observer and batch limits.
    ///   - sleep: How the flush loop, retries and shutdown wait; tests inject a controllable one.
    ///   - featureFlags: Where ``featureFlag(_:for:personProperties:tenantProperties:)`` evaluates; `nil` answers every flag `nil`.
    ///     ``run()`` runs its definitions poll.
    /// A corrupt or unreadable identity never stops the host: the error is logged once and the client is
    /// inert, as if analytics were off (a new identity would change every distinct id, so none is made).
    /// - Throws: ``DestinationNameError`` when two destinations share a name or a name is not a directory name.
    public convenience init(
        configuration: AnalyticsConfiguration,
        installationStore: some InstallationStore,
        destinations: [any AnalyticsDestination],
        logger: Logger,
        metricsFactory: any MetricsFactory = MetricsSystem.factory,
        noticeOutput: NoticeOutput = .standardError,
        delivery: DeliveryOptions = DeliveryOptions(),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        featureFlags: FeatureFlagClient? = nil
    ) throws {
        guard configuration.isEnabled else {
            self.init(exporter: nil, flags: nil)
            return
        }
        try Self.validateNames(of: destinations)
        var installation: Installation
        do {
            installation = try Self.loadOrCreate(from: installationStore)
        } catch {
            // The identity keys every distinct id; regenerating it silently would split every tenant's
            // history in two. The host keeps running; analytics stays off until the file is fixed.
            logger.error(
                "usage analytics is disabled: the installation identity could not be read or created",
                metadata: ["error": "\(error)"])
            self.init(exporter: nil, flags: nil)
            return
        }
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
        let policy = RetryPolicy(maximumRetries: configuration.maxRetries)
        let channels = destinations.map { destination in
            DeliveryChannel(
                destination: destination,
                spoolDirectory: Self.spoolDirectory(for: destination, configuration, delivery),
                maximumBytes: configuration.spoolMaxBytes, policy: policy, options: delivery, metrics: metrics,
                logger: logger, sleep: sleep)
        }
        let processor = EventProcessor(configuration: configuration, installation: installation, metrics: metrics)
        let exporter = Exporter(
            configuration: configuration, processor: processor, channels: channels, metrics: metrics, logger: logger,
            sleep: sleep)
        self.init(exporter: exporter, flags: featureFlags.map { AnalyticsFlags(client: $0, processor: processor) })
    }

    private static func loadOrCreate(from store: some InstallationStore) throws -> Installation {
        if let existing = try store.load() { return existing }
        let created = Installation.generate()
        try store.save(created)
        return created
    }

    private init(exporter: Exporter?, flags: AnalyticsFlags?) {
        self.exporter = exporter
        self.flags = flags
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
        guard acceptsGenericEvent(named: name) else { return }
        enqueue(.generic(name: name, properties: properties), actor: actor)
    }

    /// Whether a generic event may use `name`; counts the refusal when not.
    func acceptsGenericEvent(named name: String) -> Bool {
        guard let exporter else { return false }
        guard PrivacyPolicy.isValidEventName(name) else {
            exporter.metrics.recordDrop(.invalidEventName)
            return false
        }
        guard !EventCatalogue.names.contains(name) else {
            exporter.metrics.recordDrop(.reservedEventName)
            return false
        }
        return true
    }

    private func enqueue(_ body: PendingEvent.Body, actor: AnalyticsActor?) {
        exporter?.enqueue(body, actor: actor)
    }

    /// Encodes every buffered event, spools it for every destination, and delivers everything
    /// pending, with retries; returns when each destination has taken all it will take for now.
    public func flush() async {
        await exporter?.flush()
    }

    /// Like ``flush()``, but stops waiting after `timeout`: deliveries still running are cancelled and
    /// their events stay spooled for the next flush.
    /// - Returns: Whether every destination took everything pending before the deadline.
    @discardableResult
    public func flush(timeout: Duration) async -> Bool {
        guard let exporter else { return true }
        return await exporter.flush(timeout: timeout)
    }

    /// Events captured but not yet handed to the destinations' spools.
    public var pendingCount: Int { exporter?.buffer.count ?? 0 }

    /// Events spooled or queued for each destination, by destination name.
    public func undeliveredCounts() async -> [String: Int] {
        var counts: [String: Int] = [:]
        for channel in exporter?.channels ?? [] {
            counts[channel.destination.name] = await channel.pendingCount()
        }
        return counts
    }

    private static func validateNames(of destinations: [any AnalyticsDestination]) throws {
        var seen: Set<String> = []
        for destination in destinations {
            let name = destination.name
            let valid =
                !name.isEmpty && name.utf8.count <= 64
                && name.utf8.allSatisfy { byte in
                    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                        || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
                        || byte == UInt8(ascii: "_")
                }
            guard valid, seen.insert(name).inserted else {
                throw DestinationNameError(name: name)
            }
        }
    }

    private static func spoolDirectory(
        for destination: any AnalyticsDestination, _ configuration: AnalyticsConfiguration, _ delivery: DeliveryOptions
    ) -> String? {
        switch delivery.spool {
        case .configured: configuration.resolvedSpoolDirectory + "/" + destination.name
        case .directory(let directory): directory + "/" + destination.name
        case .memoryOnly: nil
        }
    }
}

extension AnalyticsClient: Service {
    /// Opens each destination's spool and delivers what earlier runs left in it, ahead of the
    /// events captured since the client was created; then flushes every `flushAt` events or
    /// `flushInterval`, whichever comes first, until graceful shutdown; then flushes once more,
    /// giving up after the shutdown timeout (undelivered events stay spooled for the next start).
    /// Alongside, polls the feature flag definitions until graceful shutdown.
    public func run() async throws {
        guard let exporter else {
            try? await gracefulShutdown()
            return
        }
        guard let flags else {
            await exporter.run()
            return
        }
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await flags.client.run() }
            await exporter.run()
        }
    }
}

/// A destination name that cannot name a spool directory, or that two destinations share.
public struct DestinationNameError: Error, CustomStringConvertible {
    public let name: String
    public var description: String {
        "destination name \(name.debugDescription) must be unique, 1 to 64 letters, digits, '-' or '_'"
    }
}
