import MetricsTestKit
import Testing
import UsageAnalytics
import UsageAnalyticsTesting

/// `capture(event:properties:actor:)`: what leaves for events outside the catalogue.
@Suite("Generic events")
struct GenericEventTests {
    func send(
        _ name: String, _ properties: [String: PropertyValue], deployment: DeploymentType = .hosted,
        metrics: TestMetrics = TestMetrics()
    ) async throws -> [CapturedEvent] {
        var configuration = AnalyticsConfiguration()
        configuration.deploymentType = deployment
        let recorder = RecordingDestination()
        let analytics = try AnalyticsClient.recording(
            into: recorder, configuration: configuration, metricsFactory: metrics)
        analytics.capture(event: name, properties: properties, actor: AnalyticsActor(tenant: "acme", user: "7"))
        await analytics.flush()
        return try recorder.events
    }

    @Test("keys are matched as words; hosted strings leave only as enum tokens, free text as its length")
    func sanitizerOnTheWire() async throws {
        let events = try await send(
            "report_viewed",
            [
                "company_name": "Acme Corp", "metric_name": "mttr", "description": "weekly summary",
                "email": "jane@acme.example", "feature_name": "board", "seats": 12,
            ])
        let event = try #require(events.first)
        #expect(
            event.eventProperties == [
                "metric_name": "mttr", "description": 14, "feature_name": "board", "seats": 12,
            ])
        let json = String(decoding: event.json, as: UTF8.self)
        #expect(!json.contains("Acme Corp") && !json.contains("jane@acme.example") && !json.contains("weekly"))
    }

    @Test("personal data inside values is redacted on the wire")
    func valuesRedacted() async throws {
        let events = try await send(
            "export_started", ["target": "jane@acme.example", "note": "call +1 415 555 0100", "format": "csv"])
        let properties = try #require(events.first).eventProperties
        #expect(properties["target"] == "[redacted]")
        #expect(properties["note"] == "[redacted]")
        #expect(properties["format"] == "csv")
    }

    @Test("a generic event cannot override identity, person or group properties")
    func reservedKeysDropped() async throws {
        let metrics = TestMetrics()
        let events = try await send(
            "widget_opened",
            [
                "$process_person_profile": true, "$groups": ["tenant": "acme"], "$set": ["plan": "pro"],
                "$ip": "203.0.113.9", "deployment_type": "hosted-override", "widget": "kanban",
            ], metrics: metrics)
        let event = try #require(events.first)
        #expect(event.eventProperties == ["widget": "kanban"])
        #expect(event.properties["$process_person_profile"] == false)
        #expect(event.properties["deployment_type"] == "hosted")
        #expect(event.properties["$ip"] == nil)
        #expect(
            try metrics.expectCounter("usage_analytics_redactions_total", [("reason", "reserved_key")]).totalValue == 5)
    }

    @Test("on-premise, a generic event sends only its bools and numbers, alone or in lists, and no objects")
    func onPremiseFiltersText() async throws {
        let metrics = TestMetrics()
        let events = try await send(
            "report_viewed",
            [
                "view": "by_status", "title": "Open tickets for Acme", "rows": 20, "pinned": true,
                "login": "jane.doe", "nested": ["depth": 2, "owner_handle": "acme-corp"], "sizes": [1, "two", 3],
            ],
            deployment: .onPremise, metrics: metrics)
        #expect(try #require(events.first).eventProperties == ["rows": 20, "pinned": true, "sizes": [1, 3]])
        #expect(
            try metrics.expectCounter("usage_analytics_redactions_total", [("reason", "on_premise_policy")]).totalValue
                == 5)
    }

    @Test("keys that are data rather than names are dropped at every depth", arguments: DeploymentType.allCases)
    func keysAreNotData(deployment: DeploymentType) async throws {
        let events = try await send(
            "report_viewed",
            [
                "Jane Doe": 1, "rows": 2,
                "nested": ["ok_key": true, "jane@acme.example": 3, String(repeating: "k", count: 80): 4],
            ],
            deployment: deployment)
        let properties = try #require(events.first).eventProperties
        #expect(properties == (deployment == .hosted ? ["rows": 2, "nested": ["ok_key": true]] : ["rows": 2]))
    }

    @Test(
        "a key that names a person may say whether or how many, never who",
        arguments: [
            "technician", "primary_contact", "assigned_technician", "ticket_owner", "approver",
        ])
    func personKeys(key: String) async throws {
        let events = try await send("report_viewed", [key: "Bob Smith", "rows": 2])
        #expect(try #require(events.first).eventProperties == ["rows": 2])
        let flags = try await send("report_viewed", [key: true])
        #expect(try #require(flags.first).eventProperties == [key: true])
    }

    @Test(
        "invalid or catalogue names are refused and counted",
        arguments: [
            ("Ticket Created!", "invalid_event_name"), ("", "invalid_event_name"), ("$pageview", "invalid_event_name"),
            (String(repeating: "a", count: 65), "invalid_event_name"), ("ticket_created", "reserved_event_name"),
        ])
    func refusedNames(name: String, reason: String) async throws {
        let metrics = TestMetrics()
        let events = try await send(name, ["a": 1], metrics: metrics)
        #expect(events.isEmpty)
        #expect(try metrics.expectCounter("usage_analytics_events_dropped_total", [("reason", reason)]).totalValue == 1)
    }

    @Test(
        "names that are data are refused and counted",
        arguments: [
            "ticket_88413377_opened", "report_9f86d081884c7d65", "export_for_maria_garcia", "call_4155_550_100",
        ])
    func dataShapedNames(name: String) async throws {
        let metrics = TestMetrics()
        let events = try await send(name, ["rows": 1], metrics: metrics)
        #expect(events.isEmpty)
        #expect(
            try metrics.expectCounter("usage_analytics_events_dropped_total", [("reason", "invalid_event_name")])
                .totalValue == 1)
    }
}
