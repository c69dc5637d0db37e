import Foundation
import HummingbirdTesting
import Testing

@testable import UsageCollector

/// The official PostHog Python client (PyPI `posthog`) sends to the collector, with and without gzip.
@Suite("PostHog Python client compatibility", .timeLimit(.minutes(5)))
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
        guard let python = await PythonWithPostHog.interpreter() else { return }
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

/// A Python interpreter that can `import posthog`: the system's if it has it, else a venv made once in the
/// temporary directory with `pip install posthog`.
enum PythonWithPostHog {
    static func interpreter() async -> String? {
        let venv = FileManager.default.temporaryDirectory.appendingPathComponent("usage-collector-posthog-venv").path
        let venvPython = venv + "/bin/python"
        if await Self.canImportPostHog(venvPython) { return venvPython }
        var reason = "python3 not found"
        if let python3 = Self.onPath("python3")
            ?? ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: {
                FileManager.default.isExecutableFile(atPath: $0)
            })
        {
            if await Self.canImportPostHog(python3) { return python3 }
            do {
                let created = try await ChildProcess.run(python3, ["-m", "venv", venv])
                let installed = try await ChildProcess.run(venvPython, ["-m", "pip", "install", "-q", "posthog"])
                if created.status == 0, installed.status == 0, await Self.canImportPostHog(venvPython) {
                    return venvPython
                }
                reason = "pip install posthog failed: \(installed.output.suffix(400))"
            } catch {
                reason = "could not create a venv: \(error)"
            }
        }
        if ProcessInfo.processInfo.environment["CI"] != nil {
            Issue.record("the PostHog Python client is required in CI: \(reason)")
        } else {
            print("SKIPPED PostHog Python client test: \(reason)")
        }
        return nil
    }

    private static func canImportPostHog(_ python: String) async -> Bool {
        guard FileManager.default.isExecutableFile(atPath: python) else { return false }
        return (try? await ChildProcess.run(python, ["-c", "import posthog"]).status) == 0
    }

    private static func onPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map { "\($0)/\(name)" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }
}
