import Foundation
import Testing
import UsageAnalytics

/// The adapter's `POST /get_feature_flag` as a child process: PostHog's harness request shape, its answer,
/// and malformed, oversized and hostile bodies refused with 400 or 413 while the adapter keeps working.
@Suite("Harness adapter flag route", .timeLimit(.minutes(2)))
struct HarnessFlagRouteTests {
    @Test("a harness flag call answers {success, value} and sends the caller's values verbatim to /flags")
    func answers() async throws {
        let server = FlagServer()
        server.answer("signup-aa-test", enabled: true, variant: "variant-a")
        try await server.serve { host in
            let adapter = try AdapterProcess(spoolDirectory: nil)
            defer { adapter.killNine() }
            #expect(try await adapter.post("/init", #"{"api_key": "phc_harness", "host": "\#(host)"}"#).status == 200)
            let call = try await adapter.post(
                "/get_feature_flag",
                #"{"key": "signup-aa-test", "distinct_id": "test_user_123", "person_properties": {"$device_id": "d1"}, "#
                    + #""groups": {"company": "acme"}, "force_remote": true}"#)
            #expect(call.status == 200)
            #expect(call.body == ["success": true, "value": "variant-a"])
            let missing = try await adapter.post("/get_feature_flag", #"{"key": "no-such-flag", "distinct_id": "u"}"#)
            #expect(missing.body == ["success": true, "value": .null])
            let sent = try #require(server.evaluations.first)
            #expect(sent[member: "token"] == "phc_harness")
            #expect(sent[member: "distinct_id"] == "test_user_123")
            #expect(sent[member: "person_properties"] == ["$device_id": "d1"])
            #expect(sent[member: "groups"] == ["company": "acme"])
            #expect(sent[member: "group_properties"] == [:])
            #expect(sent[member: "geoip_disable"] == false)
        }
    }

    @Test("malformed, oversized and hostile flag calls get 400 or 413, and a good call still works")
    func hostileInput() async throws {
        let server = FlagServer()
        server.answer("beta", enabled: true)
        try await server.serve { host in
            let adapter = try AdapterProcess(spoolDirectory: nil)
            defer { adapter.killNine() }
            let beforeInit = try await adapter.post("/get_feature_flag", #"{"key": "beta", "distinct_id": "u"}"#)
            #expect(beforeInit.status == 400)
            let badInit = #"{"api_key": "k", "host": "\#(host)", "disable_geoip": "yes"}"#
            #expect(try await adapter.post("/init", badInit).status == 400)
            #expect(try await adapter.post("/init", #"{"api_key": "k", "host": "\#(host)"}"#).status == 200)
            for body in [
                "not json", "[]", #"{"distinct_id": "u"}"#, #"{"key": "beta"}"#, #"{"key": "", "distinct_id": "u"}"#,
                #"{"key": "beta", "distinct_id": "u", "person_properties": [1]}"#,
                #"{"key": "beta", "distinct_id": "u", "groups": ["acme"]}"#,
                #"{"key": "beta", "distinct_id": "u", "groups": {"company": 7}}"#,
                #"{"key": "beta", "distinct_id": "u", "group_properties": {"company": "big"}}"#,
                #"{"key": "beta", "distinct_id": "u", "force_remote": "yes"}"#,
                #"{"key": "beta", "distinct_id": "u", "disable_geoip": 1}"#,
                #"{"key": ""# + String(repeating: "k", count: 401) + #"", "distinct_id": "u"}"#,
                #"{"key": "beta", "distinct_id": ""# + String(repeating: "u", count: 201) + #""}"#,
                String(repeating: "[", count: 50_000),
            ] {
                #expect(try await adapter.post("/get_feature_flag", body).status == 400, "\(body.prefix(60))")
            }
            let oversized = try await adapter.request(
                "POST", "/get_feature_flag", body: Data(repeating: UInt8(ascii: " "), count: 2 << 20))
            #expect(oversized.status == 413)
            #expect(server.evaluations.isEmpty)
            let good = try await adapter.post("/get_feature_flag", #"{"key": "beta", "distinct_id": "u"}"#)
            #expect(good.body == ["success": true, "value": true])
        }
    }
}
