import Logging

/// Runs events through the real pipeline with a throwaway identity and returns the JSON array of
/// what would leave the process: the privacy officer's check behind `psa privacy`.
public enum PrivacyPreview {
    /// The exact wire events of one generic event, as a JSON array; `[]` when analytics is off or the
    /// event is refused.
    public static func payload(
        configuration: AnalyticsConfiguration, event: String, properties: [String: PropertyValue],
        actor: AnalyticsActor?
    ) async throws -> [UInt8] {
        try await wireEvents(configuration: configuration) { client in
            client.capture(event: event, properties: properties, actor: actor)
        }
    }

    /// The exact wire events of ``EventCatalogue/examples``, every typed event once, in catalogue order,
    /// as a JSON array; `[]` when analytics is off.
    public static func catalogue(configuration: AnalyticsConfiguration, actor: AnalyticsActor?) async throws
        -> [UInt8]
    {
        try await wireEvents(configuration: configuration) { client in
            for event in EventCatalogue.examples { client.capture(event, actor: actor) }
        }
    }

    private static func wireEvents(
        configuration: AnalyticsConfiguration, capture: (AnalyticsClient) -> Void
    ) async throws -> [UInt8] {
        let collector = CollectingDestination()
        var quiet = configuration
        quiet.flushAt = 1_000
        let client = try AnalyticsClient(
            configuration: quiet, installationStore: EphemeralInstallationStore(), destinations: [collector],
            logger: Logger(label: "psa.privacy"), noticeOutput: NoticeOutput { _ in }, delivery: .memoryOnly)
        capture(client)
        await client.flush()
        var writer = JSONWriter()
        writer.raw("[")
        for (index, encoded) in collector.events.enumerated() {
            if index > 0 { writer.raw(",") }
            writer.appendBytes(encoded.json)
        }
        writer.raw("]")
        return writer.bytes
    }
}
