import Logging
import ServiceLifecycle
import Testing
import UsageAnalytics
import UsageAnalyticsTesting

/// Flags through ``AnalyticsClient``: what `/flags` receives and the `$feature_flag_called` events that leave.
@Suite("Feature flags through the analytics client", .timeLimit(.minutes(2)))
struct AnalyticsClientFlagTests {
    let acme42 = AnalyticsActor(tenant: "acme", user: "42")

    @Test("hosted: bucketed on u_ + HMAC(tenant, user); one exposure per value, a new one when it changes")
    func hostedExposures() async throws {
        let server = FlagServer()
        server.answer("ticket-ordering", enabled: true, variant: "newest-first")
        try await server.serve { host in
            let client = try FlagTestClient(host: host, deployment: .hosted)
            for _ in 0..<3 {
                let value = await client.analytics.featureFlag("ticket-ordering", for: acme42)
                #expect(value?.variant == "newest-first")
            }
            server.answer("ticket-ordering", enabled: false)
            #expect(await client.analytics.isFeatureEnabled("ticket-ordering", for: acme42, default: true) == false)
            #expect(await client.analytics.isFeatureEnabled("ticket-ordering", for: acme42, default: true) == false)

            let expectedID = FlagTestClient.expectedID("u_", "acme", "42")
            #expect(server.evaluations.count == 5)
            #expect(server.evaluations.allSatisfy { $0[member: "distinct_id"] == .string(expectedID) })
            let exposures = try await client.exposures()
            #expect(exposures.map(\.distinctID) == [expectedID, expectedID])
            #expect(exposures.map { $0.properties["$feature_flag"] } == ["ticket-ordering", "ticket-ordering"])
            #expect(exposures.map { $0.properties["$feature_flag_response"] } == ["newest-first", false])
            #expect(exposures.allSatisfy { $0.properties["locally_evaluated"] == false })
            #expect(exposures.allSatisfy { $0.properties["$process_person_profile"] == false })
            #expect(!exposures.contains { String(decoding: $0.json, as: UTF8.self).contains("acme") })
        }
    }

    @Test("on-premise: every user of a tenant is bucketed and exposed as the tenant's i_ id")
    func onPremiseTenantID() async throws {
        let server = FlagServer()
        server.answer("search-ranking", enabled: true)
        try await server.serve { host in
            let client = try FlagTestClient(host: host, deployment: .onPremise)
            for user in ["1", "2", "3"] {
                let on = await client.analytics.isFeatureEnabled(
                    "search-ranking", for: AnalyticsActor(tenant: "acme", user: user))
                #expect(on)
            }
            let tenantID = FlagTestClient.expectedID("i_", "acme")
            #expect(
                server.evaluations.map { $0[member: "distinct_id"] } == Array(repeating: .string(tenantID), count: 3))
            let exposures = try await client.exposures()
            #expect(exposures.count == 1)
            #expect(exposures.first?.distinctID == tenantID)
            #expect(exposures.first?.properties["$feature_flag_response"] == true)
            #expect(exposures.first?.properties["$feature_flag"] == "search-ranking")
        }
    }

    @Test(
        "person properties pass the generic privacy filter before they are sent",
        arguments: [DeploymentType.hosted, .onPremise])
    func personPropertiesFiltered(deployment: DeploymentType) async throws {
        let server = FlagServer()
        server.answer("beta", enabled: true)
        try await server.serve { host in
            let client = try FlagTestClient(host: host, deployment: deployment)
            _ = await client.analytics.featureFlag(
                "beta", for: acme42,
                personProperties: [
                    "plan": "pro", "seats": 12, "email": "jane.doe@example.com", "$set": ["name": "Jane"],
                    "address": ["street": "1 Main St"],
                ])
            let sent = try #require(server.evaluations.first?[member: "person_properties"])
            #expect(!String(decoding: sent.jsonBytes(), as: UTF8.self).lowercased().contains("jane"))
            #expect(!String(decoding: sent.jsonBytes(), as: UTF8.self).contains("Main"))
            #expect(sent[member: "seats"] == 12)
            #expect(sent[member: "$set"] == nil)
            // On-premise no string leaves; hosted keeps enum-like tokens such as a plan name.
            #expect(sent[member: "plan"] == (deployment == .hosted ? "pro" : nil))
        }
    }

    @Test("analytics off: no request, no event, the caller's default")
    func disabled() async throws {
        let server = FlagServer()
        server.answer("beta", enabled: true)
        try await server.serve { host in
            let client = try FlagTestClient(host: host, deployment: .hosted, isEnabled: false)
            #expect(await client.analytics.featureFlag("beta", for: acme42) == nil)
            #expect(await client.analytics.isFeatureEnabled("beta", for: acme42, default: true))
            #expect(await client.analytics.isFeatureEnabled("beta", for: acme42) == false)
            #expect(server.evaluations.isEmpty)
            #expect(try await client.exposures().isEmpty)
        }
    }

    @Test("locally evaluated definitions decide without a request and say so")
    func localEvaluation() async throws {
        let server = FlagServer()
        server.serveDefinitions([
            "flags": [
                [
                    "id": 1, "key": "everyone", "active": true,
                    "filters": ["groups": [["properties": [], "rollout_percentage": 100]]],
                ]
            ]
        ])
        try await server.serve { host in
            let client = try FlagTestClient(host: host, deployment: .hosted)
            #expect(await client.flags.refresh() == .updated)
            #expect(await client.analytics.isFeatureEnabled("everyone", for: acme42))
            #expect(server.evaluations.isEmpty)
            let exposures = try await client.exposures()
            #expect(exposures.map { $0.properties["locally_evaluated"] } == [true])
        }
    }

    @Test("run() polls the flag definitions alongside the flush loop and returns at graceful shutdown")
    func runPollsDefinitions() async throws {
        let server = FlagServer()
        server.serveDefinitions(["flags": []])
        try await server.serve { host in
            let client = try FlagTestClient(host: host, deployment: .onPremise)
            let logger = Logger(label: "flag-test", factory: { _ in SwiftLogNoOpLogHandler() })
            let services = ServiceGroup(configuration: .init(services: [client.analytics], logger: logger))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await services.run() }
                var polls = server.definitionPolls.makeAsyncIterator()
                await polls.next()
                await services.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
    }

    @Test("a flag key that is not a label is evaluated but never reported")
    func unreportableKey() async throws {
        let server = FlagServer()
        server.answer("jane doe 55512345", enabled: true)
        try await server.serve { host in
            let client = try FlagTestClient(host: host, deployment: .hosted)
            #expect(await client.analytics.isFeatureEnabled("jane doe 55512345", for: acme42))
            #expect(try await client.exposures().isEmpty)
        }
    }
}
