import Foundation
import Testing
import UsageAnalytics

/// PostHog's SDK test harness runs its `feature_flags` suite (server type) against the built
/// `posthog-harness-adapter`: the `/flags` wire shape, retries and `$feature_flag_called`, as PostHog checks them.
@Suite(
    "PostHog harness feature_flags suite", .timeLimit(.minutes(3)),
    .enabled(
        if: PostHogHarness.executable != nil,
        "needs PostHog's posthog-sdk-test-harness: a venv at .harness-venv (see README) or POSTHOG_TEST_HARNESS"))
struct HarnessFlagSuiteTests {
    @Test("every test of the feature_flags suite passes")
    func featureFlagsSuite() async throws {
        let harness = try #require(PostHogHarness.executable)
        let reportPath = NSTemporaryDirectory() + "harness-flags-" + UUID().uuidString + ".json"
        defer { try? FileManager.default.removeItem(atPath: reportPath) }
        // In memory, as the README runs it: a spool would deliver one test's leftovers into the next test's mock.
        let adapter = try AdapterProcess(spoolDirectory: nil)
        defer { adapter.killNine() }
        let mockPort = try RefusedPort().port
        let run = try await CommandRun.run(
            URL(fileURLWithPath: harness),
            [
                "run", "--adapter-url", adapter.baseURL, "--mock-url", "http://127.0.0.1:\(mockPort)", "--mock-port",
                "\(mockPort)", "--sdk-type", "server", "--suite", "feature_flags", "--report", reportPath,
            ])
        let report = try PropertyValue(json: Array(try Data(contentsOf: URL(fileURLWithPath: reportPath))))
        guard case .object(let root) = report, case .object(let summary) = root["summary"] else {
            Issue.record("unexpected report: \(report)")
            return
        }
        #expect(run.status == 0, "\(run.error.suffix(2_000))")
        #expect(summary["failed"] == 0, "\(Self.failures(in: root))")
        // 17 in the harness snapshot this was written against; a newer harness may add tests.
        if case .int(let passed) = summary["passed"] { #expect(passed >= 17) } else { Issue.record("no count") }
    }
}

extension HarnessFlagSuiteTests {
    /// The failed tests of a harness report with their messages.
    static func failures(in report: [String: PropertyValue]) -> [String] {
        guard case .array(let suites) = report["suites"] else { return [] }
        return suites.flatMap { suite -> [String] in
            guard case .array(let tests) = suite[member: "tests"] else { return [] }
            return tests.filter { $0[member: "passed"] == false }.map {
                "\($0[member: "name"] ?? .null): \($0[member: "message"] ?? .null)"
            }
        }
    }
}

/// PostHog's `posthog-test-harness` command: `POSTHOG_TEST_HARNESS`, else the `.harness-venv` at the package root.
enum PostHogHarness {
    static let executable: String? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let candidates: [String?] = [
            ProcessInfo.processInfo.environment["POSTHOG_TEST_HARNESS"],
            root.appendingPathComponent(".harness-venv/bin/posthog-test-harness").path,
        ]
        return candidates.compactMap { $0 }.first(where: FileManager.default.isExecutableFile(atPath:))
    }()

}
