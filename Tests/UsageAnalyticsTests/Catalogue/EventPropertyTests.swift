import Testing
import UsageAnalytics
import UsageAnalyticsTesting

/// Events declared once per property, by key path: what they send follows from the declaration alone.
@Suite("Key-path property declarations")
struct EventPropertyTests {
    @Test("optional exactly when the key path reads an optional; opaque ids and free text always")
    func optionalityFollowsTheValueType() {
        let declared = DocumentShared.definition.properties.map { ($0.wireName, $0.isOptional, $0.privacyClass) }
        #expect(declared.map(\.0) == ["document_id", "message_length", "was_public", "recipient_count", "page_count"])
        #expect(declared.map(\.1) == [true, true, true, false, false])
        #expect(declared.map(\.2) == [.opaqueIdentifier, .freeText, .bool, .count, .count])
    }

    @Test(
        "values are read through the key paths and each class is treated by its policy",
        arguments: [DeploymentType.hosted, .onPremise])
    func sendsWhatTheKeyPathsRead(deployment: DeploymentType) async throws {
        var configuration = AnalyticsConfiguration()
        configuration.deploymentType = deployment
        let recorder = RecordingDestination()
        let analytics = try AnalyticsClient.recording(into: recorder, configuration: configuration)
        let shared = DocumentShared(
            documentID: "doc-4471", message: "See page 3", wasPublic: nil, recipientCount: 4,
            layout: DocumentLayout(pageCount: 12))
        analytics.capture(shared, actor: nil)
        await analytics.flush()
        let event = try recorder.single(named: "document_shared")
        #expect(!String(decoding: event.json, as: UTF8.self).contains("doc-4471"))
        var expected: [String: PropertyValue] = ["message_length": 10, "recipient_count": 4, "page_count": 12]
        if deployment == .hosted {
            expected["document_id"] = .string(
                IdentityOnTheWireTests.hmac(Array("opaque".utf8) + [0] + Array("doc-4471".utf8)))
        }
        #expect(event.eventProperties == expected)
    }

    @Test("an absent optional value leaves its property out; a present one is sent")
    func optionalValues() async throws {
        let recorder = RecordingDestination()
        let analytics = try AnalyticsClient.recording(into: recorder)
        let layout = DocumentLayout(pageCount: 1)
        analytics.capture(
            DocumentShared(documentID: nil, message: nil, wasPublic: true, recipientCount: 0, layout: layout),
            actor: nil)
        await analytics.flush()
        let sent = try recorder.single(named: "document_shared").eventProperties
        #expect(sent == ["was_public": true, "recipient_count": 0, "page_count": 1])
    }

}

/// A test event using the classes the catalogue does not, and a group of properties read through `within`.
struct DocumentShared: AnalyticsEvent {
    var documentID: String?
    var message: String?
    var wasPublic: Bool?
    var recipientCount: Int
    var layout: DocumentLayout

    static let definition = EventDefinition(
        name: "document_shared", category: .tickets, trigger: "test",
        properties: [
            .opaqueIdentifier("document_id", \Self.documentID, "The document."),
            .freeText("message", \Self.message, "The sender's note."),
            .flag("was_public", \Self.wasPublic, "Whether the link was public, when known."),
            .count("recipient_count", \Self.recipientCount, "Recipients."),
        ] + DocumentLayout.properties.map { $0.within(\Self.layout) })
}

/// Properties several test events could share.
struct DocumentLayout: Sendable {
    var pageCount: Int

    static let properties: [EventProperty<Self>] = [.count("page_count", \.pageCount, "Pages.")]
}
