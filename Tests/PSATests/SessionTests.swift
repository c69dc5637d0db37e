import Foundation
import Testing

/// A user's sessions: listed without secrets, revoked one by one, ended by a password change.
@Suite("Sessions and password change", .timeLimit(.minutes(2)))
struct SessionTests {
    @Test(arguments: Engine.available)
    func listAndRevoke(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { psa, client in
            let admin = try await client.signUp()
            let second = try await client.logIn(email: admin.email, password: admin.password)
            let list = try await client.call(.get, "/api/auth/sessions", token: admin.token)
            #expect(list.results.count == 2)
            #expect(
                list.results.map { $0["current"] as? Bool } == [false, true]
                    || list.results.map { $0["current"] as? Bool } == [true, false])
            #expect(!list.text.contains(admin.token) && !list.text.contains(second))
            #expect(
                Set(list.results.flatMap { $0.keys }) == [
                    "id", "provider", "current", "created_at", "last_used_at", "expires_at",
                ])
            let other = try #require(list.results.first { $0["current"] as? Bool == false }?["id"] as? String)
            #expect(
                try await client.call(.delete, "/api/auth/sessions/\(other)", token: admin.token).status == .noContent)
            #expect(try await client.call(.get, "/api/me", token: second).status == .unauthorized)
            #expect(
                try await client.call(.delete, "/api/auth/sessions/\(other)", token: admin.token).status == .notFound)
            // Another user's session id is not theirs to revoke.
            let agent = try await client.addUser(by: admin, email: "bo@acme.test", role: "agent")
            let agentSession = try await client.call(.get, "/api/auth/sessions", token: agent.token)
            let agentID = try #require(agentSession.results.first?["id"] as? String)
            #expect(
                try await client.call(.delete, "/api/auth/sessions/\(agentID)", token: admin.token).status == .notFound)
            #expect(try await client.call(.get, "/api/me", token: agent.token).status == .ok)
            _ = psa
        }
    }

    @Test func changingThePasswordEndsOtherSessions() async throws {
        try await TestPSA.run { _, client in
            let admin = try await client.signUp()
            let laptop = try await client.logIn(email: admin.email, password: admin.password)
            let wrong = try await client.call(
                .post, "/api/auth/password", token: admin.token,
                json: #"{"current_password": "not it at all", "new_password": "a brand new secret"}"#)
            #expect(wrong.status == .forbidden)
            let weak = try await client.call(
                .post, "/api/auth/password", token: admin.token,
                json: #"{"current_password": "\#(admin.password)", "new_password": "short"}"#)
            #expect(weak["detail"] as? String == "'new_password' must be at least 10 characters.")
            let changed = try await client.call(
                .post, "/api/auth/password", token: admin.token,
                json: #"{"current_password": "\#(admin.password)", "new_password": "a brand new secret"}"#)
            #expect(changed.status == .noContent)
            #expect(try await client.call(.get, "/api/me", token: laptop).status == .unauthorized)
            #expect(try await client.call(.get, "/api/me", token: admin.token).status == .ok)
            let old = try await client.call(
                .post, "/api/auth/login", json: #"{"email": "\#(admin.email)", "password": "\#(admin.password)"}"#)
            #expect(old.status == .unauthorized)
            _ = try await client.logIn(email: admin.email, password: "a brand new secret")
        }
    }
}
