import Crypto
import Foundation
import HTTPTypes
import Testing

/// What an attacker can and cannot learn or do: account enumeration, throttling, session expiry and
/// revocation, forged tokens.
@Suite("Account security", .timeLimit(.minutes(3)))
struct SecurityTests {
    @Test func unknownAccountAndWrongPasswordLookTheSame() async throws {
        try await TestPSA.run { _, client in
            let admin = try await client.signUp()
            let unknown = try await client.call(
                .post, "/api/auth/login", json: #"{"email": "nobody@acme.test", "password": "wrong password!!"}"#)
            let wrong = try await client.call(
                .post, "/api/auth/login", json: #"{"email": "\#(admin.email)", "password": "wrong password!!"}"#)
            let malformed = try await client.call(
                .post, "/api/auth/login", json: #"{"email": "not an email", "password": "x"}"#)
            #expect(unknown.status == .unauthorized)
            #expect(unknown.status == wrong.status && wrong.status == malformed.status)
            #expect(unknown.text == wrong.text && wrong.text == malformed.text)
            #expect(
                unknown.text
                    == #"{"type":"authentication_error","code":"invalid_credentials","detail":"The email or password is incorrect, or the account cannot sign in."}"#
            )
        }
    }

    @Test func accountLockOutAnswers429WithRetryAfterThenLifts() async throws {
        try await TestPSA.run { psa, client in
            let admin = try await client.signUp()
            for _ in 0..<5 {
                let failed = try await client.call(
                    .post, "/api/auth/login", json: #"{"email": "\#(admin.email)", "password": "wrong password!!"}"#)
                #expect(failed.status == .unauthorized)
            }
            // Even the right password is refused while locked out, and says for how long.
            let locked = try await client.call(
                .post, "/api/auth/login", json: #"{"email": "\#(admin.email)", "password": "\#(admin.password)"}"#)
            #expect(locked.status == .tooManyRequests)
            #expect(locked.headers[.retryAfter] == "900")
            #expect(locked["code"] as? String == "too_many_attempts")
            // An unknown email is throttled the same way, so a lock-out reveals nothing.
            for _ in 0..<5 {
                _ = try await client.call(
                    .post, "/api/auth/login", json: #"{"email": "ghost@acme.test", "password": "wrong password!!"}"#)
            }
            let ghost = try await client.call(
                .post, "/api/auth/login", json: #"{"email": "ghost@acme.test", "password": "wrong password!!"}"#)
            #expect(ghost.status == .tooManyRequests)
            psa.clock.advance(by: 901)
            let after = try await client.call(
                .post, "/api/auth/login", json: #"{"email": "\#(admin.email)", "password": "\#(admin.password)"}"#)
            #expect(after.status == .ok)
        }
    }

    @Test("failures from one address lock the address out, whatever the emails (real HTTP, real peer)")
    func addressLockOut() async throws {
        try await TestPSA.run(
            configure: {
                $0.loginLimits.failuresPerAddress = 3
                $0.loginLimits.failuresPerAccount = 100
            }, over: .live
        ) { _, client in
            let admin = try await client.signUp()
            for index in 0..<3 {
                let failed = try await client.call(
                    .post, "/api/auth/login",
                    json: #"{"email": "guess\#(index)@acme.test", "password": "wrong password!!"}"#)
                #expect(failed.status == .unauthorized)
            }
            let locked = try await client.call(
                .post, "/api/auth/login", json: #"{"email": "\#(admin.email)", "password": "\#(admin.password)"}"#)
            #expect(locked.status == .tooManyRequests)
            #expect(locked.headers[.retryAfter] == "900")
        }
    }

    @Test func sessionsExpireAndLogOutRevokes() async throws {
        try await TestPSA.run { psa, client in
            let admin = try await client.signUp()
            #expect(try await client.call(.get, "/api/me", token: admin.token).status == .ok)
            psa.clock.advance(by: 12 * 3_600 + 1)
            let expired = try await client.call(.get, "/api/me", token: admin.token)
            #expect(expired.status == .unauthorized)
            #expect(expired["code"] as? String == "invalid_token")
            let fresh = try await client.logIn(email: admin.email, password: admin.password)
            #expect(try await client.call(.post, "/api/auth/logout", token: fresh).status == .noContent)
            #expect(try await client.call(.get, "/api/tickets", token: fresh).status == .unauthorized)
            #expect(try await client.call(.post, "/api/auth/logout", token: fresh).status == .unauthorized)
        }
    }

    @Test func deactivatingAUserEndsTheirSessions() async throws {
        try await TestPSA.run { _, client in
            let admin = try await client.signUp()
            let agent = try await client.addUser(by: admin, email: "bo@acme.test", role: "agent")
            #expect(try await client.call(.get, "/api/tickets", token: agent.token).status == .ok)
            _ = try await client.call(
                .patch, "/api/users/\(agent.userID)", token: admin.token, json: #"{"active": false}"#)
            #expect(try await client.call(.get, "/api/tickets", token: agent.token).status == .unauthorized)
            let selfDeactivation = try await client.call(
                .patch, "/api/users/\(admin.userID)", token: admin.token, json: #"{"active": false}"#)
            #expect(selfDeactivation.status == .forbidden)
        }
    }

    @Test(
        "malformed and forged tokens get 401 invalid_token",
        arguments: [
            "Bearer short", "Bearer " + String(repeating: "A", count: 43), "Basic YW5uOnBhc3N3b3Jk",
            "Bearer " + String(repeating: "x", count: 10_000), "Bearer ../../etc/passwd", "bearer", "Bearer",
        ])
    func forgedTokens(header: String) async throws {
        try await TestPSA.run { _, client in
            _ = try await client.signUp()
            let response = try await client.call(.get, "/api/tickets", headers: [.authorization: header])
            #expect(response.status == .unauthorized)
            #expect(response["code"] as? String == "invalid_token")
        }
    }

    @Test func missingTokenIsNotAuthenticated() async throws {
        try await TestPSA.run { _, client in
            for (method, path) in [
                (HTTPRequest.Method.get, "/api/tickets"), (.post, "/api/tickets"), (.get, "/api/me"),
                (.post, "/api/users"), (.get, "/api/clients"), (.post, "/api/auth/logout"),
            ] {
                let response = try await client.call(method, path, json: method == .post ? "{}" : nil)
                #expect(response.status == .unauthorized, "\(method) \(path)")
                #expect(response["code"] as? String == "not_authenticated")
            }
        }
    }

    @Test func tokensAreNotStoredInTheClear() async throws {
        try await TestPSA.run { psa, client in
            let admin = try await client.signUp()
            let rows = try await psa.psa.database.query("SELECT token_hash FROM sessions")
            #expect(rows.count == 1)
            let digest = SHA256.hash(data: Data(admin.token.utf8)).map { String(format: "%02x", $0) }.joined()
            #expect(try rows.first?.string("token_hash") == digest)
            let users = try await psa.psa.database.query("SELECT password_hash FROM users")
            #expect(try users.first?.string("password_hash").hasPrefix("$2b$04$") == true)
        }
    }
}

/// Attempts sent at the same moment cannot all pass the throttle before the first failure is recorded.
@Suite("Concurrent sign-in attempts", .timeLimit(.minutes(2)))
struct ConcurrentSignInTests {
    @Test func concurrentGuessesAreCountedBeforeTheyAreChecked() async throws {
        try await TestPSA.run { _, client in
            let admin = try await client.signUp()
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<30 {
                    group.addTask {
                        let response = try await client.call(
                            .post, "/api/auth/login",
                            json: #"{"email": "\#(admin.email)", "password": "guess number \#(index)"}"#)
                        return Int(response.status.code)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 401 }.count == 5, "\(statuses.sorted())")
            #expect(statuses.filter { $0 == 429 }.count == 25)
        }
    }
}
