import Foundation
import Testing

@testable import psa

/// `psa simulate` as a user runs it: the real executable against `psa serve`, and against a PSA
/// that answers wrongly.
@Suite("psa simulate: end to end", .timeLimit(.minutes(5)))
struct SimulateEndToEndTests {
    static let small = ["--tenants", "2", "--agents", "2", "--clients", "1", "--days", "3"]

    @Test("against psa serve --simulation: every answer as planned, the simulated time honoured, reruns do not collide")
    func realPSA() async throws {
        let directory = try TemporaryDirectory()
        let server = try await ServedPSA.start(
            ["serve", "--port", "0", "--simulation", "--no-collector", "--data-dir", directory.path],
            environment: ["PSA_BCRYPT_COST": "4"])
        do {
            for _ in 0..<2 {
                let run = try await CommandRun.psa(["simulate", "--target", server.baseURL] + Self.small)
                #expect(run.status == 0, "\(run.output)\n\(run.error)")
                #expect(run.output.contains("\nday 1/3: ") && run.output.contains("\nday 3/3: "))
                #expect(run.output.contains("unexpected failures: 0\n"), "\(run.output)")
                #expect(run.output.contains("simulated time: honoured"))
                #expect(!run.output.contains("skipped"))
            }
        } catch {
            await server.stop()
            throw error
        }
        #expect(await server.stop() == 0)
    }

    @Test("against psa serve without --simulation: one notice that events carry the current time")
    func timeIgnored() async throws {
        let directory = try TemporaryDirectory()
        let server = try await ServedPSA.start(
            ["serve", "--port", "0", "--no-collector", "--data-dir", directory.path],
            environment: ["PSA_BCRYPT_COST": "4"])
        let run = try await CommandRun.psa(
            ["simulate", "--target", server.baseURL, "--tenants", "1", "--agents", "1", "--days", "1"])
        await server.stop()
        #expect(run.status == 0, "\(run.output)\n\(run.error)")
        #expect(run.output.components(separatedBy: "ignores X-Simulated-Time").count == 2, "\(run.output)")
        #expect(run.output.contains("simulated time: ignored"))
    }

    @Test("an unexpected answer makes the command exit non-zero and name the request")
    func exitStatus() async throws {
        let server = FakePSA(failures: [.init(method: "POST", route: "/api/tickets", occurrence: 1, status: 503)])
        let run = try await server.serve { base in
            try await CommandRun.psa(["simulate", "--target", base, "--no-billing"] + Self.small)
        }
        #expect(run.status == 1)
        #expect(run.output.contains("unexpected failures: 1\n"), "\(run.output)")
        #expect(run.output.contains(": POST /api/tickets (create ticket): expected 201, got 503: {"))
    }
}
