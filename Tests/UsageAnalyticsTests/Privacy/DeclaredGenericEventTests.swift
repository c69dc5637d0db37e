import MetricsTestKit
import Testing
import UsageAnalytics
import UsageAnalyticsTesting

/// Generic events declared at startup: typed-event rules without a Swift type.
@Suite("Declared generic events", .timeLimit(.minutes(2)))
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

    @Test("a declaration cannot send reserved wire names, nor make a malformed or catalogue name valid")
    func hostileDeclarations() async throws {
        let hostile = [
            GenericEventDeclaration(
                name: "report_exported",
                properties: [
                    .count("distinct_id", "A per-user number."), .enumeration("set", values: ["x"], "Person data."),
                    .count("rows", "Rows."), .count("rows", "A duplicate, ignored."),
                ]),
            GenericEventDeclaration(name: "Report Exported!", properties: [.count("rows", "Rows.")]),
            GenericEventDeclaration(name: "ticket_created", properties: [.count("rows", "Rows.")]),
        ]
        for deployment in DeploymentType.allCases {
            let metrics = TestMetrics()
            var configuration = AnalyticsConfiguration()
            configuration.deploymentType = deployment
            configuration.declaredGenericEvents = hostile
            let recorder = RecordingDestination()
            let analytics = try AnalyticsClient.recording(
                into: recorder, configuration: configuration, metricsFactory: metrics)
            let actor = AnalyticsActor(tenant: "acme", user: "7")
            analytics.capture(
                event: "report_exported", properties: ["distinct_id": 88_413_377, "set": "x", "rows": 3], actor: actor)
            analytics.capture(event: "Report Exported!", properties: ["rows": 1], actor: actor)
            analytics.capture(event: "ticket_created", properties: ["rows": 1], actor: actor)
            await analytics.flush()
            let events = try recorder.events
            #expect(events.map(\.name) == ["report_exported"])
            #expect(events.first?.eventProperties == ["rows": 3])
            #expect(events.first?.properties["distinct_id"] == nil)
            #expect(
                try metrics.expectCounter("usage_analytics_redactions_total", [("reason", "reserved_key")]).totalValue
                    == 2)
            #expect(
                try metrics.expectCounter("usage_analytics_events_dropped_total", [("reason", "invalid_event_name")])
                    .totalValue == 1)
            #expect(
                try metrics.expectCounter("usage_analytics_events_dropped_total", [("reason", "reserved_event_name")])
                    .totalValue == 1)
        }
    }

    @Test("oversized and mistyped declared values are refused, not truncated or coerced")
    func oversizedValues() async throws {
        let metrics = TestMetrics()
        let huge = String(repeating: "é", count: 100_000)
        let event = try #require(
            try await send(
                "report_exported",
                [
                    "title": .string(huge), "endpoint": .string("/api/" + huge), "format": .string(huge),
                    "row_count": 1.5, "columns": ["status", 3], "is_scheduled": "true",
                ],
                deployment: .hosted, metrics: metrics))
        #expect(event.eventProperties == ["title_length": 100_000])
        #expect(
            try metrics.expectCounter("usage_analytics_redactions_total", [("reason", "invalid_value")]).totalValue
                == 5)
    }
}
