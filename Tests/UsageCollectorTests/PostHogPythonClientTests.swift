import Foundation
import HummingbirdTesting
import Testing

@testable import UsageCollector

/// The official PostHog Python client (PyPI `posthog`) sends to the collector, with and without gzip.
@Suite(
    "PostHog Python client compatibility", .timeLimit(.minutes(5)),
    .enabled(
        if: PythonWithPostHog.isAvailable,
        "needs the PostHog Python client: python3 -m venv .venv && .venv/bin/pip install posthog"))
struct PostHogPythonClientTests {
    static let script = """
        import sys
        from posthog import Posthog
        host, key, gzip, prefix = sys.argv[1], sys.argv[2], sys.argv[3] == "1", sys.argv[4]
        client = Posthog(key, host=host, gzip=gzip, sync_mode=True, max_retries=0)
        for i in range(5):
            client.capture(f"{prefix}_{i}", distinct_id="python-user", properties={"i": i, "plan": "pro"})
        client.flush()
        client.shutdown()
        print("sent")
        """

    @Test("events sent by posthog-python, plain and gzip, are stored with their properties")
    func pythonClient() async throws {
        let python = try #require(PythonWithPostHog.interpreter, "the PostHog Python client is required in CI")
        let collector = try TestCollector()
        let scriptURL = collector.directory.appendingPathComponent("send.py")
        try Self.script.write(to: scriptURL, atomically: true, encoding: .utf8)
        try await collector.withLiveServer { client in
            let host = "http://127.0.0.1:\(try #require(client.port))"
            for (gzip, prefix) in [("0", "plain"), ("1", "gzip")] {
                let outcome = try await ChildProcess.run(
                    python,
                    [scriptURL.path, host, TestCollector.projectKey, gzip, prefix]
                )
                #expect(outcome.status == 0, "\(outcome.output)")
            }
            // A wrong key is refused; the client reports our 401 detail.
            let refused = try await ChildProcess.run(python, [scriptURL.path, host, "phc_wrong", "0", "refused"])
            #expect(refused.output.contains("the api_key is not a project key of this collector"))
        }
        let stored = try await collector.store.events(EventFilter(), after: nil, limit: 100)
        #expect(Set(stored.map(\.event)) == Set((0..<5).flatMap { ["plain_\($0)", "gzip_\($0)"] }))
        #expect(stored.allSatisfy { $0.distinctID == "python-user" && $0.project == TestCollector.projectKey })
        #expect(stored.allSatisfy { $0.properties.contains(#""$lib": "posthog-python""#) })
    }
}

/// A Python interpreter that can `import posthog`: `POSTHOG_PYTHON`, the `.venv` that `.ci/run` prepares at the
/// package root (`python3 -m venv .venv && .venv/bin/pip install posthog`), or the system's `python3` if it has
/// the client. `swift test` never installs anything itself.
enum PythonWithPostHog {
    static let interpreter: String? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let candidates: [String?] = [
            ProcessInfo.processInfo.environment["POSTHOG_PYTHON"], root.appendingPathComponent(".venv/bin/python").path,
            "/usr/bin/python3", "/usr/local/bin/python3",
        ]
        return candidates.compactMap { $0 }.first { canImportPostHog($0) }
    }()

    /// Whether the suite runs: the client is there, or `CI` is set (where its absence must fail, not skip).
    static var isAvailable: Bool {
        interpreter != nil || ProcessInfo.processInfo.environment["CI"] != nil
    }

    private static func canImportPostHog(_ python: String) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: python) else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", "import posthog"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
