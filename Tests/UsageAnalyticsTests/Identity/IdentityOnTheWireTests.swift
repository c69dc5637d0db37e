import Crypto
import Foundation
import Testing
import UsageAnalytics
import UsageAnalyticsTesting

/// The ids that leave the process, checked against HMACs computed here independently.
@Suite("Identity on the wire")
struct IdentityOnTheWireTests {
    static func hmac(_ message: [UInt8]) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Installation.fixture.secret))
        return code.map { String(format: "%02x", $0) }.joined().prefix(32).description
    }

    static func configuration(_ deployment: DeploymentType, anonymize: Bool = true) -> AnalyticsConfiguration {
        var configuration = AnalyticsConfiguration()
        configuration.deploymentType = deployment
        configuration.anonymizeUserIDs = anonymize
        return configuration
    }

    func send(
        _ configuration: AnalyticsConfiguration, actors: [AnalyticsActor?]
    ) async throws -> [CapturedEvent] {
        let recorder = RecordingDestination()
        let analytics = try AnalyticsClient.recording(into: recorder, configuration: configuration)
        for actor in actors { analytics.capture(UserLoggedOut(userType: .internal), actor: actor) }
        await analytics.flush()
        return try recorder.events
    }

    @Test("hosted and anonymized: u_ + HMAC(secret, tenant NUL user), one id per user")
    func hostedAnonymized() async throws {
        let events = try await send(
            Self.configuration(.hosted),
            actors: [AnalyticsActor(tenant: "acme", user: "42"), AnalyticsActor(tenant: "acme", user: "43")])
        #expect(events[0].distinctID == "u_" + Self.hmac(Array("acme".utf8) + [0] + Array("42".utf8)))
        #expect(events[1].distinctID == "u_" + Self.hmac(Array("acme".utf8) + [0] + Array("43".utf8)))
        #expect(events[0].properties["$process_person_profile"] == false)
        #expect(events[0].properties["user_ids_anonymized"] == true)
        #expect(events[0].properties["$set"] == nil)
        #expect(!String(decoding: events[0].json, as: UTF8.self).contains("acme"))
    }

    @Test("hosted without anonymization: user_<id> with a person profile")
    func hostedNamed() async throws {
        let recorder = RecordingDestination()
        let analytics = try AnalyticsClient.recording(
            into: recorder, configuration: Self.configuration(.hosted, anonymize: false))
        analytics.capture(
            UserLoggedOut(userType: .client), actor: AnalyticsActor(tenant: "acme", user: "42", userType: .client))
        await analytics.flush()
        let event = try recorder.single(named: "user_logged_out")
        #expect(event.distinctID == "user_42")
        #expect(event.properties["$process_person_profile"] == true)
        #expect(event.properties["user_ids_anonymized"] == false)
        #expect(event.properties["$set"] == ["user_type": "client"])
    }

    @Test("on-premise: one id per tenant, never per user, and never one id for the whole process")
    func onPremisePerTenant() async throws {
        let events = try await send(
            Self.configuration(.onPremise),
            actors: [
                AnalyticsActor(tenant: "acme", user: "1"), AnalyticsActor(tenant: "acme", user: "2"),
                AnalyticsActor(tenant: "globex", user: "1"),
            ])
        #expect(events[0].distinctID == "i_" + Self.hmac(Array("acme".utf8)))
        #expect(events[1].distinctID == events[0].distinctID)
        #expect(events[2].distinctID == "i_" + Self.hmac(Array("globex".utf8)))
        #expect(events[2].distinctID != events[0].distinctID)
        #expect(events[0].properties["$groups"] == ["tenant": .string(Self.hmac(Array("acme".utf8)))])
        #expect(events.allSatisfy { $0.properties["$process_person_profile"] == false })
    }

    @Test("anonymization off has no effect on-premise")
    func onPremiseIgnoresAnonymizationSwitch() async throws {
        let events = try await send(
            Self.configuration(.onPremise, anonymize: false), actors: [AnalyticsActor(tenant: "acme", user: "42")])
        #expect(events[0].distinctID == "i_" + Self.hmac(Array("acme".utf8)))
        #expect(events[0].properties["user_ids_anonymized"] == true)
    }

    @Test("system events use the installation's hashed id; INSTANCE_ID is never sent raw")
    func systemEvents() async throws {
        var configuration = Self.configuration(.hosted)
        let plain = try await send(configuration, actors: [nil])
        #expect(plain[0].distinctID == "i_" + Self.hmac(Array(Installation.fixture.id.utf8)))
        #expect(plain[0].properties["$groups"] == nil)

        configuration.instanceID = "msp-west-7"
        let overridden = try await send(configuration, actors: [nil])
        #expect(overridden[0].distinctID == "i_" + Self.hmac(Array("msp-west-7".utf8)))
        #expect(!String(decoding: overridden[0].json, as: UTF8.self).contains("msp-west-7"))
    }

    @Test("no IP address is ever sent and GeoIP is disabled", arguments: DeploymentType.allCases)
    func noIPAddress(_ deployment: DeploymentType) async throws {
        let events = try await send(Self.configuration(deployment), actors: [AnalyticsActor(tenant: "a", user: "b")])
        #expect(events[0].properties["$geoip_disable"] == true)
        #expect(events[0].properties["$ip"] == nil)
        #expect(events[0].topLevelKeys == ["event", "distinct_id", "uuid", "timestamp", "properties"])
    }
}
