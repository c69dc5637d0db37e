import Testing
import UsageAnalytics
import UsageAnalyticsTesting

/// Tenant-aggregated flags through ``AnalyticsClient``, in both deployment modes: the exact `/flags` body,
/// the `$feature_flag_called` that leaves, and that the tenant id never does.
@Suite("Tenant flags through the analytics client", .timeLimit(.minutes(2)))
struct AnalyticsClientGroupFlagTests {
    let actor = AnalyticsActor(tenant: "acme-corp", user: "42")
    /// The HMAC `$groups.tenant` carries for `acme-corp`.
    let tenantKey = FlagTestClient.expectedID("", "acme-corp")

    @Test(
        "/flags carries groups.tenant = the $groups.tenant HMAC, filtered tenant properties and geoip_disable",
        arguments: [DeploymentType.hosted, .onPremise])
    func wirePayloads(deployment: DeploymentType) async throws {
        let server = FlagServer()
        server.answer("tenant-ordering", enabled: true, variant: "newest-first")
        try await server.serve { host in
            let client = try FlagTestClient(host: host, deployment: deployment)
            let value = await client.analytics.featureFlag(
                "tenant-ordering", for: actor, personProperties: ["seats": 3],
                tenantProperties: ["seats": 12, "plan": "pro", "email": "ops@acme-corp.example", "$set": ["a": 1]])
            #expect(value?.variant == "newest-first")

            let distinctID =
                deployment == .hosted
                ? FlagTestClient.expectedID("u_", "acme-corp", "42") : FlagTestClient.expectedID("i_", "acme-corp")
            let body = try #require(server.evaluations.first)
            guard case .object(let members) = body else { throw FlagWireError.notAnObject }
            #expect(
                Set(members.keys) == [
                    "token", "distinct_id", "person_properties", "groups", "group_properties", "geoip_disable",
                    "flag_keys_to_evaluate",
                ])
            #expect(body[member: "token"] == "phc_test")
            #expect(body[member: "distinct_id"] == .string(distinctID))
            #expect(body[member: "groups"] == ["tenant": .string(tenantKey)])
            #expect(body[member: "geoip_disable"] == true)
            #expect(body[member: "flag_keys_to_evaluate"] == ["tenant-ordering"])
            #expect(body[member: "person_properties"] == ["seats": 3])
            // On-premise no string leaves; hosted keeps an enum-like plan. Never the email or a `$` key.
            let tenant: PropertyValue = deployment == .hosted ? ["seats": 12, "plan": "pro"] : ["seats": 12]
            #expect(body[member: "group_properties"] == ["tenant": tenant])
            #expect(!String(decoding: body.jsonBytes(), as: UTF8.self).contains("acme"))

            let exposures = try await client.exposures()
            #expect(exposures.count == 1)
            #expect(exposures.first?.distinctID == distinctID)
            #expect(exposures.first?.properties["$groups"] == ["tenant": .string(tenantKey)])
            #expect(exposures.first?.properties["$feature_flag"] == "tenant-ordering")
            #expect(exposures.first?.properties["$feature_flag_response"] == "newest-first")
            #expect(!exposures.contains { String(decoding: $0.json, as: UTF8.self).contains("acme") })
        }
    }

    @Test("locally, every user of a tenant gets the tenant's bucket without a request; exposures share $groups")
    func localTenantFlag() async throws {
        let server = FlagServer()
        server.serveDefinitions([
            "flags": [
                [
                    "id": 1, "key": "tenant-rollout", "active": true,
                    "filters": [
                        "aggregation_group_type_index": 0, "groups": [["properties": [], "rollout_percentage": 50]],
                    ],
                ]
            ],
            "group_type_mapping": ["0": "tenant"],
        ])
        try await server.serve { host in
            let client = try FlagTestClient(host: host, deployment: .hosted)
            #expect(await client.flags.refresh() == .updated)
            let expected = FlagBucketing.hash(flagKey: "tenant-rollout", bucketingValue: tenantKey) <= 0.5
            for user in ["1", "2", "3"] {
                let value = await client.analytics.featureFlag(
                    "tenant-rollout", for: AnalyticsActor(tenant: "acme-corp", user: user))
                #expect(value?.isEnabled == expected)
            }
            #expect(server.evaluations.isEmpty)
            let exposures = try await client.exposures()
            #expect(Set(exposures.map(\.distinctID)).count == 3)
            #expect(exposures.allSatisfy { $0.properties["$groups"] == ["tenant": .string(tenantKey)] })
            #expect(exposures.allSatisfy { $0.properties["locally_evaluated"] == true })
        }
    }
}

enum FlagWireError: Error {
    case notAnObject
}
