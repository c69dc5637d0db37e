import Testing
@_spi(Harness) import UsageAnalytics
import UsageAnalyticsTesting

/// The harness adapter's verbatim flag mode sends the caller's values as PostHog's harness requires; the
/// normal API, on the same client, still hashes ids and filters properties.
@Suite("Verbatim flag mode stays apart from the normal one", .timeLimit(.minutes(2)))
struct VerbatimFlagTests {
    let properties: [String: PropertyValue] = ["$device_id": "device_abc_123", "email": "jane@example.com", "seats": 4]

    @Test("verbatim: the caller's distinct id, properties and groups; normal: hashed, filtered, the tenant group")
    func verbatimAndNormal() async throws {
        let server = FlagServer()
        server.answer("signup-aa-test", enabled: true)
        try await server.serve { host in
            let client = try FlagTestClient(host: host, deployment: .hosted)
            let verbatim = FlagSubject(
                distinctID: "test_user_123", personProperties: properties, groups: ["company": "acme"],
                groupProperties: ["company": ["plan": "enterprise"]])
            let harnessValue = await client.analytics.featureFlag(
                "signup-aa-test", verbatim: verbatim, forceRemote: true, disableGeoIP: false)
            #expect(harnessValue?.isEnabled == true)
            let normalValue = await client.analytics.featureFlag(
                "signup-aa-test", for: AnalyticsActor(tenant: "acme", user: "jane"), personProperties: properties)
            #expect(normalValue?.isEnabled == true)

            let bodies = server.evaluations
            #expect(bodies.count == 2)
            #expect(bodies.first?[member: "distinct_id"] == "test_user_123")
            #expect(bodies.first?[member: "person_properties"] == .object(properties))
            #expect(bodies.first?[member: "groups"] == ["company": "acme"])
            #expect(bodies.first?[member: "group_properties"] == ["company": ["plan": "enterprise"]])
            #expect(bodies.first?[member: "geoip_disable"] == false)

            let hashed = FlagTestClient.expectedID("u_", "acme", "jane")
            #expect(bodies.last?[member: "distinct_id"] == .string(hashed))
            #expect(bodies.last?[member: "person_properties"] == ["seats": 4])
            #expect(bodies.last?[member: "groups"] == ["tenant": .string(FlagTestClient.expectedID("", "acme"))])
            #expect(bodies.last?[member: "geoip_disable"] == true)
            #expect(!String(decoding: try #require(bodies.last).jsonBytes(), as: UTF8.self).contains("jane"))

            let exposures = try await client.exposures()
            #expect(exposures.map(\.distinctID) == ["test_user_123", hashed])
            #expect(exposures.first?.properties["$groups"] == nil)
        }
    }
}
