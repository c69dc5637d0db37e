import MetricsTestKit
import Testing
import UsageAnalytics
import UsageAnalyticsTesting

/// Generic events declared at startup: typed-event rules without a Swift type.
@Suite("Declared generic events")
struct DeclaredGenericEventTests {
    static let reportExported = GenericEventDeclaration(
        name: "report_exported",
        properties: [
            .enumeration("format", values: ["csv", "pdf"], "The export format."),
            .count("row_count", "Rows exported."),
            .flag("is_scheduled", "Whether a schedule started the export."),
            .duration("duration_ms", "How long the export took."),
            .label("endpoint", "The route template that served it."),
            .opaqueIdentifier("report_id", "The exported report."),
            .freeText("title", "The report's title."),
            .enumerationList("columns", values: ["status", "priority", "owner"], "Columns exported."),
        ])

    func send(
        _ name: String, _ properties: [String: PropertyValue], deployment: DeploymentType,
        metrics: TestMetrics = TestMetrics()
    ) async throws -> CapturedEvent? {
        var configuration = AnalyticsConfiguration()
        configuration.deploymentType = deployment
        configuration.declaredGenericEvents = [Self.reportExported]
        let recorder = RecordingDestination()
        let analytics = try AnalyticsClient.recording(
            into: recorder, configuration: configuration, metricsFactory: metrics)
        analytics.capture(event: name, properties: properties, actor: AnalyticsActor(tenant: "acme", user: "7"))
        await analytics.flush()
        return try recorder.events.first
    }

    static let full: [String: PropertyValue] = [
        "format": "pdf", "row_count": 52_428_800, "is_scheduled": true, "duration_ms": 1_523.75,
        "endpoint": "/api/reports/{id}", "report_id": "rep-8841", "title": "Q3 tickets for Maria Garcia",
        "columns": ["status", "owner"],
    ]

    @Test("hosted: declared values leave as declared; ids as HMACs, free text as its length, counts exact")
    func hosted() async throws {
        let event = try #require(try await send("report_exported", Self.full, deployment: .hosted))
        var properties = event.eventProperties
        let hashedID = properties.removeValue(forKey: "report_id")
        guard case .string(let hash) = hashedID else {
            Issue.record("report_id is not a hashed string: \(String(describing: hashedID))")
            return
        }
        #expect(hash.count == 32 && hash.allSatisfy(\.isHexDigit))
        #expect(
            properties == [
                "format": "pdf", "row_count": 52_428_800, "is_scheduled": true, "duration_ms": 1_523.75,
                "endpoint": "/api/reports/{id}", "title_length": 27, "columns": ["status", "owner"],
            ])
        #expect(!String(decoding: event.json, as: UTF8.self).contains("rep-8841"))
    }

    @Test("on-premise: opaque ids are withheld; enums, counts, durations, flags and lengths leave")
    func onPremise() async throws {
        let metrics = TestMetrics()
        let event = try #require(try await send("report_exported", Self.full, deployment: .onPremise, metrics: metrics))
        #expect(event.eventProperties["report_id"] == nil)
        #expect(event.eventProperties["format"] == "pdf")
        #expect(event.eventProperties["title_length"] == 27)
        #expect(event.eventProperties.count == 7)
        #expect(
            try metrics.expectCounter("usage_analytics_redactions_total", [("reason", "on_premise_policy")]).totalValue
                == 1)
    }

    @Test(
        "undeclared properties are dropped and counted; values that do not fit are dropped and counted",
        arguments: DeploymentType.allCases)
    func undeclaredAndInvalid(deployment: DeploymentType) async throws {
        let metrics = TestMetrics()
        let event = try #require(
            try await send(
                "report_exported",
                [
                    "format": "xlsx", "row_count": "many", "is_scheduled": 1, "columns": ["status", "email"],
                    "email": "maria@example.com", "owner_name": "Maria", "rows": 3, "duration_ms": 12,
                ],
                deployment: deployment, metrics: metrics))
        // JSON has one number type: a whole duration reads back as an integer.
        #expect(event.eventProperties == ["duration_ms": 12])
        #expect(
            try metrics.expectCounter("usage_analytics_redactions_total", [("reason", "undeclared_property")])
                .totalValue == 3)
        #expect(
            try metrics.expectCounter("usage_analytics_redactions_total", [("reason", "invalid_value")]).totalValue
                == 4)
    }

    @Test("an event that is not declared still goes through the generic sanitizer")
    func undeclaredEventIsSanitized() async throws {
        let event = try #require(
            try await send("report_viewed", ["format": "pdf", "title": "Q3 for Maria Garcia"], deployment: .hosted))
        #expect(event.eventProperties == ["format": "pdf", "title": 19])
    }

    @Test("declarations compare by name, kinds and summaries")
    func equality() {
        let same = GenericEventDeclaration(name: "report_exported", properties: Self.reportExported.properties)
        #expect(same == Self.reportExported)
        #expect(GenericEventDeclaration(name: "report_exported", properties: []) != Self.reportExported)
        #expect(Self.reportExported.declaration(named: "format")?.privacyClass == .enumeration)
        #expect(Self.reportExported.declaration(named: "nope") == nil)
    }
}
