import ExtrasBase64
import Foundation
import HummingbirdOTP
import HummingbirdTesting
import Testing
import UsageAnalyticsTesting

/// TOTP second factor: enrolment, the two-step sign-in with its events, replay, recovery codes, disabling.
@Suite("Two-factor sign-in", .timeLimit(.minutes(3)))
struct TwoFactorTests {
    /// A user of `client` with TOTP on: their account, their seed and their recovery codes.
    struct Enrolled {
        let account: Account
        let totp: TOTP
        let recoveryCodes: [String]

        func code(at date: Date) -> String {
            String(format: "%06d", totp.compute(date: date))
        }
    }

    static func enrol(_ client: some TestClientProtocol, psa: TestPSA) async throws -> Enrolled {
        let account = try await client.signUp()
        let setup = try await client.call(.post, "/api/auth/two-factor/setup", token: account.token)
        #expect(setup.status == .ok, "\(setup.text)")
        let secret = try #require(setup["secret"] as? String)
        #expect(
            (setup["otpauth_uri"] as? String)?.hasPrefix("otpauth://totp/PSA:ann@acme.test?secret=\(secret)") == true)
        let seed = String(decoding: try secret.base32decoded(), as: UTF8.self)
        let totp = TOTP(secret: seed)
        let wrong = try await client.call(
            .post, "/api/auth/two-factor/confirm", token: account.token, json: #"{"code": "000000x"}"#)
        #expect(wrong.status == .unauthorized)
        let code = String(format: "%06d", totp.compute(date: psa.clock.now))
        let confirmed = try await client.call(
            .post, "/api/auth/two-factor/confirm", token: account.token, json: #"{"code": "\#(code)"}"#)
        #expect(confirmed.status == .ok, "\(confirmed.text)")
        let codes = confirmed["recovery_codes"] as? [String] ?? []
        #expect(codes.count == 10)
        return Enrolled(account: account, totp: totp, recoveryCodes: codes)
    }

    /// The password step: a challenge instead of a session.
    static func challenge(_ client: some TestClientProtocol, _ account: Account) async throws -> String {
        let login = try await client.call(
            .post, "/api/auth/login", json: #"{"email": "\#(account.email)", "password": "\#(account.password)"}"#)
        #expect(login.status == .ok)
        #expect(login["two_factor_required"] as? Bool == true)
        #expect(login["token"] == nil)
        return login["challenge"] as? String ?? ""
    }

    @Test(arguments: Engine.available)
    func twoStepSignInAndItsEvents(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { psa, client in
            let user = try await Self.enrol(client, psa: psa)
            psa.clock.advance(by: 60)
            let challenge = try await Self.challenge(client, user.account)
            let bad = try await client.call(
                .post, "/api/auth/login/two-factor", json: #"{"challenge": "\#(challenge)", "code": "123456"}"#)
            #expect(bad.status == .unauthorized)
            #expect(bad["code"] as? String == "invalid_two_factor_code")
            // One step of clock drift is allowed.
            let code = user.code(at: psa.clock.now.addingTimeInterval(-30))
            let signedIn = try await client.call(
                .post, "/api/auth/login/two-factor", json: #"{"challenge": "\#(challenge)", "code": "\#(code)"}"#)
            #expect(signedIn.status == .ok, "\(signedIn.text)")
            let token = try #require(signedIn["token"] as? String)
            #expect(try await client.call(.get, "/api/me", token: token)["has_two_factor"] as? Bool == true)
            // The challenge is spent, and so is the code.
            let again = try await client.call(
                .post, "/api/auth/login/two-factor", json: #"{"challenge": "\#(challenge)", "code": "\#(code)"}"#)
            #expect(again["code"] as? String == "invalid_challenge")
            let replay = try await client.call(
                .post, "/api/auth/login/two-factor",
                json: #"{"challenge": "\#(try await Self.challenge(client, user.account))", "code": "\#(code)"}"#)
            #expect(replay["code"] as? String == "invalid_two_factor_code")

            let events = try await psa.events().filter {
                !["api_request", "api_error", "user_signed_up"].contains($0.name)
            }
            let lastSignIn = Array(events.suffix(5))
            #expect(
                lastSignIn.map(\.name) == [
                    "auth_validated", "login_failed", "user_logged_in", "auth_validated", "login_failed",
                ])
            #expect(lastSignIn[0].eventProperties == ["has_two_factor": true, "is_admin": true])
            #expect(
                lastSignIn[1].eventProperties == [
                    "reason": "invalid_two_factor_code", "provider": "credentials", "has_two_factor": true,
                ])
            #expect(lastSignIn[1].distinctID == ExpectedID.tenant(user.account.tenantID))
            #expect(
                lastSignIn[2].eventProperties == [
                    "provider": "credentials", "user_type": "internal", "has_two_factor": true,
                    "login_method": "password_and_totp",
                ])
        }
    }

    @Test func recoveryCodesWorkOnceAndDisablingNeedsACode() async throws {
        try await TestPSA.run { psa, client in
            let user = try await Self.enrol(client, psa: psa)
            let recovery = user.recoveryCodes[3].uppercased()
            let first = try await client.call(
                .post, "/api/auth/login/two-factor",
                json: #"{"challenge": "\#(try await Self.challenge(client, user.account))", "code": "\#(recovery)"}"#)
            #expect(first.status == .ok)
            let reused = try await client.call(
                .post, "/api/auth/login/two-factor",
                json: #"{"challenge": "\#(try await Self.challenge(client, user.account))", "code": "\#(recovery)"}"#)
            #expect(reused.status == .unauthorized)
            let token = try #require(first["token"] as? String)
            let other = user.account.token
            let refused = try await client.call(
                .post, "/api/auth/two-factor/disable", token: token, json: #"{"code": "999999"}"#)
            #expect(refused.status == .unauthorized)
            psa.clock.advance(by: 90)
            let disabled = try await client.call(
                .post, "/api/auth/two-factor/disable", token: token,
                json: #"{"code": "\#(user.code(at: psa.clock.now))"}"#)
            #expect(disabled.status == .noContent)
            // Turning the factor off ends every other session; the password alone signs in again.
            #expect(try await client.call(.get, "/api/me", token: other).status == .unauthorized)
            #expect(try await client.call(.get, "/api/me", token: token).status == .ok)
            let login = try await client.call(
                .post, "/api/auth/login",
                json: #"{"email": "\#(user.account.email)", "password": "\#(user.account.password)"}"#)
            #expect(login["token"] is String)
        }
    }

    @Test func guessedCodesAreThrottledWithThePasswordFailures() async throws {
        try await TestPSA.run(configure: { $0.loginLimits.failuresPerAccount = 3 }) { psa, client in
            let user = try await Self.enrol(client, psa: psa)
            let challenge = try await Self.challenge(client, user.account)
            // The password step counts as an attempt until the second factor settles it: with a limit of 3,
            // two wrong codes lock the account out.
            for guess in ["111111", "222222"] {
                let response = try await client.call(
                    .post, "/api/auth/login/two-factor", json: #"{"challenge": "\#(challenge)", "code": "\#(guess)"}"#)
                #expect(response.status == .unauthorized)
            }
            // Even the right code waits now; a correct password does not reset the count.
            let locked = try await client.call(
                .post, "/api/auth/login/two-factor",
                json: #"{"challenge": "\#(challenge)", "code": "\#(user.code(at: psa.clock.now))"}"#)
            #expect(locked.status == .tooManyRequests)
        }
    }

    @Test(
        "tampered, expired and malformed challenges and codes get a clear 4xx",
        arguments: [
            #"{"challenge": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "code": "123456"}"#,
            #"{"challenge": "../../etc", "code": "123456"}"#,
            #"{"challenge": "x", "code": "123456", "extra": 1}"#,
            #"{"code": "123456"}"#,
        ])
    func hostileChallenges(body: String) async throws {
        try await TestPSA.run { _, client in
            let response = try await client.call(.post, "/api/auth/login/two-factor", json: body)
            #expect(response.status == .unauthorized || response.status == .badRequest)
            #expect(response["type"] != nil)
        }
    }

    @Test func challengesExpire() async throws {
        try await TestPSA.run { psa, client in
            let user = try await Self.enrol(client, psa: psa)
            let challenge = try await Self.challenge(client, user.account)
            psa.clock.advance(by: 301)
            let late = try await client.call(
                .post, "/api/auth/login/two-factor",
                json: #"{"challenge": "\#(challenge)", "code": "\#(user.code(at: psa.clock.now))"}"#)
            #expect(late["code"] as? String == "invalid_challenge")
        }
    }

    @Test func seedsAreSealedAtRest() async throws {
        try await TestPSA.run { psa, client in
            let user = try await Self.enrol(client, psa: psa)
            let row = try #require(try await psa.psa.database.query("SELECT totp_seed FROM users").first)
            let sealed = try row.string("totp_seed")
            #expect(!sealed.contains(user.totp.secret))
            let codes = try await psa.psa.database.query("SELECT code_hash FROM recovery_codes")
            #expect(codes.count == 10)
            #expect(try codes.allSatisfy { try !user.recoveryCodes.contains($0.string("code_hash")) })
        }
    }
}
