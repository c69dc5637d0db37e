import Foundation
import Testing

/// `psa collector` as a user runs it.
@Suite(
    "psa collector command line", .timeLimit(.minutes(2)),
    .enabled(
        if: PSAExecutable.path != nil || ProcessInfo.processInfo.environment["CI"] != nil,
        "needs the psa executable beside the test bundle (swift build)"))
struct CollectorCommandTests {
    @Test(
        "a malformed environment variable stops the command with an error naming it",
        arguments: [
            ("COLLECTOR_RETENTION_DAYS", "thirty"),
            ("COLLECTOR_PROJECT_KEYS", "phc_a,,phc_b"),
            ("COLLECTOR_ADMIN_TOKEN", "short"),
        ]
    )
    func malformedEnvironment(_ variable: String, _ value: String) async throws {
        let psa = try #require(PSAExecutable.path, "the psa executable is required in CI")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("collector-cli-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        var environment = ProcessInfo.processInfo.environment
        environment["COLLECTOR_PROJECT_KEYS"] = "phc_cli"
        environment[variable] = value
        let outcome = try await ChildProcess.run(
            psa,
            ["collector", "--port", "0", "--data-dir", directory.path],
            environment: environment
        )
        #expect(outcome.status != 0)
        #expect(outcome.output.contains("invalid \(variable): "), "\(outcome.output)")
    }

    @Test("without COLLECTOR_PROJECT_KEYS a project key is generated once and kept in the data directory")
    func generatedKey() async throws {
        let psa = try #require(PSAExecutable.path, "the psa executable is required in CI")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("collector-cli-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        var environment = ProcessInfo.processInfo.environment
        environment["COLLECTOR_PROJECT_KEYS"] = nil
        environment["COLLECTOR_ADMIN_TOKEN"] = nil
        let first = try await CollectorProcess.start(psa, dataDirectory: directory.path, environment: environment)
        first.kill()
        let key = try String(contentsOf: directory.appendingPathComponent("project-key"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(key.hasPrefix("phc_") && key.count == 36)
        #expect(first.output.contains("project key (from \(directory.path)/project-key): \(key)"))
        let second = try await CollectorProcess.start(psa, dataDirectory: directory.path, environment: environment)
        second.kill()
        #expect(second.output.contains(key))
    }
}
