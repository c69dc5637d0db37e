import Foundation
import Testing
import UsageAnalytics
import UsageAnalyticsTesting

/// Every authentication event, fired by the real sign-up, sign-in and sign-out over HTTP, checked on the wire.
@Suite("Authentication events on the wire", .timeLimit(.minutes(3)))
struct AuthEventTests {
    @Test(arguments: Engine.available)
    func signUpAndLogInAndLogOut(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { psa, client in
            let admin = try await client.signUp(company: "Initech", email: "Peter.Gibbons@initech.test", name: "Peter")
            let out = try await client.call(.post, "/api/auth/logout", token: admin.token)
            #expect(out.status == .noContent)
            let events = try await psa.events().filter { $0.name != "api_request" }
            #expect(events.map(\.name) == ["user_signed_up", "auth_validated", "user_logged_in", "user_logged_out"])
            #expect(
                events.map(\.eventProperties) == [
                    ["registration_method": "self_service", "user_type": "internal", "company_created": true],
                    ["has_two_factor": false, "is_admin": true],
                    [
                        "provider": "credentials", "user_type": "internal", "has_two_factor": false,
                        "login_method": "password",
                    ],
                    ["user_type": "internal"],
                ])
            for event in events {
                #expect(event.distinctID == ExpectedID.tenant(admin.tenantID))
                for secret in ["peter", "Peter", "initech", "Initech", admin.userID, admin.tenantID, admin.token] {
                    #expect(!event.wireText.contains(secret))
                }
            }
        }
    }

    @Test func adminCreatedClientUser() async throws {
        try await TestPSA.run { psa, client in
            let admin = try await client.signUp()
            let globex = try await client.addClient(by: admin)
            _ = try await client.addUser(by: admin, email: "hank@globex.test", role: "client", clientID: globex)
            let events = try await psa.events().filter { $0.name != "api_request" }
            #expect(events.map(\.name).suffix(3) == ["user_signed_up", "auth_validated", "user_logged_in"])
            #expect(
                events.suffix(3).map(\.eventProperties) == [
                    ["registration_method": "admin_created", "user_type": "client", "company_created": false],
                    ["has_two_factor": false, "is_admin": false],
                    [
                        "provider": "credentials", "user_type": "client", "has_two_factor": false,
                        "login_method": "password",
                    ],
                ])
        }
    }

    @Test(
        "login_failed names the reason and uses the tenant's id (or the installation's), in both deployment modes",
        arguments: [DeploymentType.onPremise, .hosted])
    func loginFailures(deployment: DeploymentType) async throws {
        var analytics = AnalyticsConfiguration()
        analytics.deploymentType = deployment
        try await TestPSA.run(analytics: analytics) { psa, client in
            let admin = try await client.signUp()
            let agent = try await client.addUser(by: admin, email: "bo@acme.test", role: "agent")
            let deactivated = try await client.call(
                .patch, "/api/users/\(agent.userID)", token: admin.token, json: #"{"active": false}"#)
            #expect(deactivated.status == .ok)
            #expect(deactivated["active"] as? Bool == false)
            let attempts = [
                ("nobody@acme.test", "correct horse battery"), (admin.email, "wrong password here"),
                (agent.email, agent.password),
            ]
            for (email, password) in attempts {
                let response = try await client.call(
                    .post, "/api/auth/login", json: #"{"email": "\#(email)", "password": "\#(password)"}"#)
                #expect(response.status == .unauthorized)
            }
            let failures = try await psa.events(named: "login_failed")
            #expect(
                failures.map(\.eventProperties) == [
                    ["reason": "unknown_user", "provider": "credentials"],
                    ["reason": "invalid_password", "provider": "credentials", "has_two_factor": false],
                    ["reason": "inactive_account", "provider": "credentials", "has_two_factor": false],
                ])
            #expect(
                failures.map(\.distinctID) == [
                    ExpectedID.installation, ExpectedID.tenant(admin.tenantID), ExpectedID.tenant(admin.tenantID),
                ])
            for event in failures {
                #expect(!event.wireText.contains("acme.test") && !event.wireText.contains("nobody"))
            }
        }
    }

    @Test func lockedOutAttemptsAreReportedAsSuch() async throws {
        try await TestPSA.run(configure: { $0.loginLimits.failuresPerAccount = 2 }) { psa, client in
            let admin = try await client.signUp()
            for _ in 0..<3 {
                _ = try await client.call(
                    .post, "/api/auth/login", json: #"{"email": "\#(admin.email)", "password": "wrong password!!"}"#)
            }
            let reasons = try await psa.events(named: "login_failed").map { $0.eventProperties["reason"] }
            #expect(reasons == ["invalid_password", "invalid_password", "locked_out"])
        }
    }
}
