import Foundation
import NIOCore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `psa collector replay`: the history moves to another PostHog-compatible host (here a second collector),
/// resumably and without doubling.
@Suite(
    "psa collector replay", .timeLimit(.minutes(3)),
    .enabled(
        if: PSAExecutable.path != nil || ProcessInfo.processInfo.environment["CI"] != nil,
        "needs the psa executable beside the test bundle (swift build)"))
struct ReplayTests {
    static let sourceKey = "phc_replay_source"
    static let targetKey = "phc_replay_target"
    static let adminToken = "replay-admin-token-0123456789"

    static func environment(key: String) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["COLLECTOR_PROJECT_KEYS"] = key
        environment["COLLECTOR_ADMIN_TOKEN"] = Self.adminToken
        environment["COLLECTOR_RETENTION_DAYS"] = nil
        return environment
    }

    static func directory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("collector-replay-\(UUID())").path
    }

    static func replay(_ psa: String, to target: CollectorProcess, _ arguments: [String]) throws -> CollectorProcess {
        try CollectorProcess.launch(
            psa,
            command: ["collector", "replay", "--to", "http://127.0.0.1:\(target.port)", "--api-key", Self.targetKey]
                + arguments,
            environment: Self.environment(key: Self.targetKey))
    }

    @Test("every stored event reaches the target once, across a kill -9 of the replay and a resume")
    func interruptedAndResumed() async throws {
        let psa = try #require(PSAExecutable.path, "the psa executable is required in CI")
        let sourceDirectory = Self.directory()
        defer { try? FileManager.default.removeItem(atPath: sourceDirectory) }
        let source = try await CollectorProcess.start(
            psa, dataDirectory: sourceDirectory, environment: Self.environment(key: Self.sourceKey))
        for round in 0..<6 {
            let events = (0..<500).map { Payload.event("replayed_\(round)", distinctID: "person-\($0 % 9)") }
            let reply = try await source.request(
                "/batch/", method: .POST, body: ByteBuffer(string: Payload.batch(events, apiKey: Self.sourceKey)),
                headers: [("Content-Type", "application/json")])
            #expect(reply.status == 200)
        }
        let stored = try await source.exportedUUIDs(adminToken: Self.adminToken)
        #expect(stored.count == 3000)
        source.kill(SIGTERM)
        await source.waitForExit()

        let target = try await CollectorProcess.start(
            psa, dataDirectory: Self.directory(), environment: Self.environment(key: Self.targetKey))
        defer { target.kill() }
        let arguments = ["--data-dir", sourceDirectory, "--batch-size", "50"]

        // Interrupted: the target is frozen after the first acknowledged batch, so the replay cannot finish, and
        // the replay is killed while a batch is in flight.
        let first = try Self.replay(psa, to: target, arguments)
        #expect(await first.waitForOutput(containing: "sent 50 events"))
        target.kill(SIGSTOP)
        first.kill()
        #expect(await first.waitForExit().bySignal)
        target.kill(SIGCONT)
        let checkpoint = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: sourceDirectory + "/replay-checkpoint.json")))
        let sentBefore = try #require((checkpoint as? [String: Any])?["sent"] as? Int)
        #expect(sentBefore >= 50 && sentBefore < 3000)

        let resumed = try Self.replay(psa, to: target, arguments)
        #expect(await resumed.waitForExit() == .init(status: 0, bySignal: false), "\(resumed.output)")
        #expect(resumed.output.contains("resuming after \(sentBefore) events"), "\(resumed.output)")
        #expect(resumed.output.contains("replayed 3000 events to http://127.0.0.1:\(target.port)/batch/"))

        let received = try await target.exportedUUIDs(adminToken: Self.adminToken)
        #expect(received.count == 3000)
        #expect(Set(received) == Set(stored))

        let again = try Self.replay(psa, to: target, arguments)
        #expect(await again.waitForExit() == .init(status: 0, bySignal: false))
        #expect(again.output.contains("already replayed 3000 events"), "\(again.output)")
        #expect(try await target.exportedUUIDs(adminToken: Self.adminToken).count == 3000)
    }

    @Test("an export file replays with its filters, keeping uuids and timestamps; bad input sends nothing")
    func exportFile() async throws {
        let psa = try #require(PSAExecutable.path, "the psa executable is required in CI")
        let target = try await CollectorProcess.start(
            psa, dataDirectory: Self.directory(), environment: Self.environment(key: Self.targetKey))
        defer { target.kill() }
        let directory = Self.directory()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let kept = [UUID(), UUID()]
        let lines = [
            Payload.event("kept", uuid: kept[0], extra: #""timestamp": "2024-03-01T10:00:00.123456Z""#),
            "",
            Payload.event("dropped", extra: #""timestamp": "2024-03-01T11:00:00Z""#),
            Payload.event("kept", uuid: kept[1], extra: #""timestamp": "2023-12-31T23:59:59Z""#),
        ]
        let file = directory + "/export.ndjson"
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)

        let replay = try Self.replay(psa, to: target, ["--file", file, "--event", "kept", "--from", "2024-01-01"])
        #expect(await replay.waitForExit() == .init(status: 0, bySignal: false), "\(replay.output)")
        let exported = try await target.request("/api/export?format=ndjson", adminToken: Self.adminToken)
        let exportedLines = exported.text.split(separator: "\n")
        #expect(exportedLines.count == 1)
        #expect(exportedLines.first?.contains(#""uuid":"\#(kept[0].uuidString.lowercased())""#) == true)
        #expect(exportedLines.first?.contains(#""timestamp":"2024-03-01T10:00:00.123456Z""#) == true)

        let badFile = directory + "/bad.ndjson"
        try [Payload.event(), #"{"event": "no person"}"#].joined(separator: "\n").write(
            toFile: badFile, atomically: true, encoding: .utf8)
        let garbledCheckpoint = directory + "/garbled.json"
        try "not json".write(toFile: garbledCheckpoint, atomically: true, encoding: .utf8)
        let refusals: [([String], String)] = [
            (["--file", badFile], "bad.ndjson line 2: event 0 has no distinct_id"),
            (["--file", file, "--checkpoint", garbledCheckpoint], "is not a replay checkpoint"),
            (["--file", file, "--batch-size", "0"], "--batch-size must be from 1 to 10000"),
            (["--file", file, "--from", "yesterday"], "--from must be an ISO 8601 time"),
            (["--file", directory + "/missing.ndjson"], "cannot read the export file"),
            (["--data-dir", directory + "/nothing-here"], "no collector database at"),
        ]
        for (arguments, message) in refusals {
            let refused = try Self.replay(psa, to: target, arguments)
            let exit = await refused.waitForExit()
            #expect(exit.status != 0 && !exit.bySignal, "\(arguments)")
            #expect(refused.output.contains(message), "\(refused.output)")
        }
        let badTarget = try CollectorProcess.launch(
            psa, command: ["collector", "replay", "--to", "ftp://example.com", "--api-key", "k", "--file", file],
            environment: [:])
        #expect(await badTarget.waitForExit().status != 0)
        #expect(badTarget.output.contains("--to must be an http(s) base URL"))
        let wrongKey = try CollectorProcess.launch(
            psa,
            command: [
                "collector", "replay", "--to", "http://127.0.0.1:\(target.port)", "--api-key", "phc_unknown",
                "--file", file, "--checkpoint", directory + "/wrong-key.json",
            ],
            environment: [:])
        #expect(await wrongKey.waitForExit().status != 0)
        #expect(wrongKey.output.contains("the target refused a batch: 401"), "\(wrongKey.output)")
        #expect(try await target.exportedUUIDs(adminToken: Self.adminToken).count == 1)
    }
}
