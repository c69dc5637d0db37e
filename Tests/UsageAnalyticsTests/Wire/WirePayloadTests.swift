import Foundation
import MetricsTestKit
import Testing
import UsageAnalytics
import UsageAnalyticsTesting

/// The exact bytes that leave the process for typed events.
@Suite("Wire payload")
struct WirePayloadTests {
    @Test("ticket_created carries exactly its properties and the common ones")
    func ticketCreatedExactly() async throws {
        var configuration = AnalyticsConfiguration()
        configuration.deploymentType = .hosted
        configuration.environment = .test
        configuration.appVersion = "2.4.1"
        let recorder = RecordingDestination()
        let analytics = try AnalyticsClient.recording(into: recorder, configuration: configuration)
        analytics.capture(
            TicketCreated(
                ticketType: .manual, priority: .high, hasDescription: true, hasCategory: false, hasSubcategory: false,
                isAssigned: true, hasAsset: false, createdVia: .webApp),
            actor: AnalyticsActor(tenant: "acme", user: "42"))
        await analytics.flush()
        let event = try recorder.single(named: "ticket_created")
        let groupKey = IdentityOnTheWireTests.hmac(Array("acme".utf8))
        #expect(
            event.properties == [
                "ticket_type": "manual", "priority": "high", "has_description": true, "has_category": false,
                "has_subcategory": false, "is_assigned": true, "has_asset": false, "created_via": "web_app",
                "$lib": "usage-analytics-swift", "$lib_version": .string(UsageAnalyticsVersion.current),
                "app_version": "2.4.1", "environment": "test", "deployment_type": "hosted",
                "user_ids_anonymized": true, "$geoip_disable": true, "$process_person_profile": false,
                "$groups": ["tenant": .string(groupKey)],
            ])
    }

    @Test("each event gets a UUIDv7 and a millisecond ISO-8601 UTC timestamp")
    func uuidAndTimestamp() async throws {
        let recorder = RecordingDestination()
        let analytics = try AnalyticsClient.recording(into: recorder)
        let before = Date()
        for _ in 0..<50 { analytics.capture(UserLoggedOut(userType: .internal), actor: nil) }
        await analytics.flush()
        let after = Date()
        let events = try recorder.events
        #expect(Set(events.map(\.uuid)).count == 50)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for event in events {
            let uuid = try #require(UUID(uuidString: event.uuid))
            #expect(event.uuid == event.uuid.lowercased())
            #expect(uuid.uuid.6 >> 4 == 7, "version 7")
            #expect(uuid.uuid.8 >> 6 == 0b10, "RFC 9562 variant")
            #expect(event.timestamp.count == 24 && event.timestamp.hasSuffix("Z"))
            let date = try #require(formatter.date(from: event.timestamp))
            #expect(date.timeIntervalSince(before) > -0.002 && after.timeIntervalSince(date) > -0.002)
            let uuidMilliseconds = (0..<6).reduce(UInt64(0)) { partial, index in
                partial << 8 | UInt64(withUnsafeBytes(of: uuid.uuid) { $0[index] })
            }
            #expect(Int64(uuidMilliseconds) == Int64((date.timeIntervalSince1970 * 1000).rounded()))
        }
    }

    @Test("an opaque identifier is an HMAC when hosted and withheld on-premise")
    func opaqueIdentifiers() async throws {
        for deployment in DeploymentType.allCases {
            var configuration = AnalyticsConfiguration()
            configuration.deploymentType = deployment
            let recorder = RecordingDestination()
            let analytics = try AnalyticsClient.recording(into: recorder, configuration: configuration)
            analytics.capture(AssetLinked(assetID: "asset-991", note: "Server in rack 4"), actor: nil)
            await analytics.flush()
            let event = try recorder.single(named: "asset_linked")
            let json = String(decoding: event.json, as: UTF8.self)
            #expect(!json.contains("asset-991") && !json.contains("rack"))
            #expect(event.eventProperties["note_length"] == 16)
            switch deployment {
            case .hosted:
                #expect(
                    event.eventProperties["asset_id"]
                        == .string(IdentityOnTheWireTests.hmac(Array("opaque".utf8) + [0] + Array("asset-991".utf8))))
            case .onPremise:
                #expect(event.eventProperties["asset_id"] == nil)
            }
        }
    }

    @Test("a property the definition does not declare never leaves, and is counted")
    func undeclaredPropertyDropped() async throws {
        let metrics = TestMetrics()
        let recorder = RecordingDestination()
        let analytics = try AnalyticsClient.recording(into: recorder, metricsFactory: metrics)
        analytics.capture(LeakyEvent(), actor: nil)
        await analytics.flush()
        let event = try recorder.single(named: "leaky_event")
        #expect(event.eventProperties == ["kept": true])
        #expect(!String(decoding: event.json, as: UTF8.self).contains("jane@example.com"))
        let undeclared = try metrics.expectCounter(
            "usage_analytics_redactions_total", [("reason", "undeclared_property")])
        #expect(undeclared.totalValue == 1)
    }

    @Test(
        "an endpoint label carrying a raw id instead of the route template is refused",
        arguments: [
            "/api/tickets/12345", "/api/clients/5551234567/tickets", "/api/tickets/0b6d8c1e-4a5e-9a57-2f4c8e1d7a10",
        ])
    func rawPathRefused(path: String) async throws {
        let recorder = RecordingDestination()
        let analytics = try AnalyticsClient.recording(into: recorder)
        analytics.capture(
            APIRequest(
                endpoint: path, method: .get, status: 200, durationMilliseconds: 3, hasAuth: true, isSlow: false),
            actor: nil)
        analytics.capture(
            APIRequest(
                endpoint: "/api/v2/tickets/{id}", method: .get, status: 200, durationMilliseconds: 3, hasAuth: true,
                isSlow: false), actor: nil)
        await analytics.flush()
        let events = try recorder.events(named: "api_request")
        #expect(events[0].eventProperties["endpoint"] == nil)
        #expect(events[1].eventProperties["endpoint"] == "/api/v2/tickets/{id}")
    }

    @Test("a label that is not a program-defined name is refused")
    func labelsMustLookLikeNames() async throws {
        let recorder = RecordingDestination()
        let analytics = try AnalyticsClient.recording(into: recorder)
        analytics.capture(OperationError(operation: "notify jane@example.com", errorType: "SMTPError"), actor: nil)
        await analytics.flush()
        let event = try recorder.single(named: "operation_error")
        #expect(event.eventProperties == ["error_type": "SMTPError"])
    }
}

/// A test event with an opaque id and free text, the two classes the catalogue rarely uses.
struct AssetLinked: AnalyticsEvent {
    var assetID: String
    var note: String

    static let definition = EventDefinition(
        name: "asset_linked", category: .tickets, trigger: "test",
        properties: [.opaqueIdentifier("asset_id", "the asset"), .freeText("note", "the note")])

    func write(to properties: inout EventProperties) {
        properties.add("asset_id", identifier: assetID)
        properties.add("note", text: note)
    }
}

/// A test event that writes a property its definition does not declare.
struct LeakyEvent: AnalyticsEvent {
    static let definition = EventDefinition(
        name: "leaky_event", category: .tickets, trigger: "test", properties: [.flag("kept", "declared")])

    func write(to properties: inout EventProperties) {
        properties.add("kept", true)
        properties.add("contact", label: "jane@example.com")
    }
}
