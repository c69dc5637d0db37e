import Foundation
import Logging
import NIOCore
import PostgresNIO
import PostgresTestSupport
import Testing

@testable import UsageCollector

#if canImport(Glibc)
    import Glibc
#endif

/// Several `psa collector` processes on one PostgreSQL database, as replicas behind a load balancer.
@Suite(
    "Collector replicas on one PostgreSQL", .timeLimit(.minutes(3)),
    .enabled(
        if: (PSAExecutable.path != nil && PostgresTestServer.isAvailable)
            || ProcessInfo.processInfo.environment["CI"] != nil,
        "needs the psa executable (swift build) and PostgreSQL's server binaries (apt-get install postgresql)"))
struct ReplicaTests {
    static let key = "phc_replica"
    static let adminToken = "replica-admin-token-0123456789"

    static var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["COLLECTOR_PROJECT_KEYS"] = Self.key
        environment["COLLECTOR_ADMIN_TOKEN"] = Self.adminToken
        environment["COLLECTOR_RETENTION_DAYS"] = nil
        return environment
    }

    static func directory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("collector-replica-\(UUID())").path
    }

    @Test("two collectors started together on an empty database both serve; a batch sent to both is stored once")
    func replicas() async throws {
        let psa = try #require(PSAExecutable.path, "the psa executable is required in CI")
        let url = try await PostgresDatabase.create()
        let arguments = ["--database-url", url]
        async let startedFirst = CollectorProcess.start(
            psa, dataDirectory: Self.directory(), arguments: arguments, environment: Self.environment)
        async let startedSecond = CollectorProcess.start(
            psa, dataDirectory: Self.directory(), arguments: arguments, environment: Self.environment)
        let (first, second) = try await (startedFirst, startedSecond)
        defer {
            first.kill()
            second.kill()
        }

        let shared = (0..<40).map { Payload.event("replica_shared", distinctID: "replica-user-\($0 % 4)") }
        let onlySecond = (0..<10).map { Payload.event("replica_second", distinctID: "replica-user-\($0 % 4)") }
        let sharedBody = ByteBuffer(string: Payload.batch(shared, apiKey: Self.key))
        let json = [("Content-Type", "application/json")]
        async let toFirst = first.request("/batch/", method: .POST, body: sharedBody, headers: json)
        async let toSecond = second.request("/batch/", method: .POST, body: sharedBody, headers: json)
        for reply in try await [toFirst, toSecond] {
            #expect(reply.status == 200)
            #expect(reply.text == #"{"status": 1}"#)
        }
        let secondOnly = try await second.request(
            "/batch/", method: .POST, body: ByteBuffer(string: Payload.batch(onlySecond, apiKey: Self.key)),
            headers: json)
        #expect(secondOnly.status == 200)

        // Both replicas export every event exactly once, whichever of them accepted it.
        let exportedByFirst = try await first.exportedUUIDs(adminToken: Self.adminToken)
        let exportedBySecond = try await second.exportedUUIDs(adminToken: Self.adminToken)
        #expect(exportedByFirst.count == 50)
        #expect(Set(exportedByFirst).count == 50)
        #expect(exportedByFirst.sorted() == exportedBySecond.sorted())

        // A person deleted through one replica is gone from the other's export too.
        let deleted = try await first.request(
            "/api/persons/replica-user-1", method: .DELETE, adminToken: Self.adminToken)
        #expect(deleted.text == #"{"deleted": 13}"#)
        let afterDeletion = try await second.request("/api/export?format=ndjson", adminToken: Self.adminToken)
        #expect(afterDeletion.text.split(separator: "\n").count == 37)
        #expect(!afterDeletion.text.contains(#""distinct_id":"replica-user-1""#))

        // SIGTERM stops a serving replica cleanly.
        first.kill(SIGTERM)
        #expect(await first.waitForExit() == .init(status: 0, bySignal: false))
    }

    @Test("a collector that cannot use its database prints the cause and exits non-zero")
    func unreachableDatabase() async throws {
        let psa = try #require(PSAExecutable.path, "the psa executable is required in CI")
        let url = try await PostgresDatabase.create()
        let missing = url[..<url.lastIndex(of: "/")!] + "/no_such_database"
        let refused = "postgres://postgres:hunter2@127.0.0.1:\(try FreePort.find())/events"
        for (databaseURL, cause) in [
            (String(missing), #"PostgreSQL: database "no_such_database" does not exist (SQLSTATE 3D000)"#),
            (refused, "Connection refused"),
        ] {
            let collector = try CollectorProcess.launch(
                psa, dataDirectory: Self.directory(), arguments: ["--database-url", databaseURL],
                environment: Self.environment)
            let exit = await collector.waitForExit()
            #expect(exit.status != 0 && !exit.bySignal, "\(collector.output)")
            #expect(collector.output.contains("storage migration failed: "), "\(collector.output)")
            #expect(collector.output.contains(cause), "\(collector.output)")
            #expect(!collector.output.contains("hunter2"))
            #expect(!collector.output.contains("collector listening"))
        }
    }

    @Test("collectors wait for the migration lock another holds; SIGTERM meanwhile stops one with its reason")
    func migrationLock() async throws {
        let psa = try #require(PSAExecutable.path, "the psa executable is required in CI")
        let url = try await PostgresDatabase.create()
        let parsed = try PostgresURL(url)
        let holder = try await PostgresConnection.connect(
            configuration: try parsed.connectionConfiguration(), id: 1, logger: Logger(label: "lock-holder"))
        try await holder.query("SELECT pg_advisory_lock(\(PostgresEventStore.migrationLockKey))", logger: holder.logger)

        let arguments = ["--database-url", url]
        let stopped = try CollectorProcess.launch(
            psa, dataDirectory: Self.directory(), arguments: arguments, environment: Self.environment)
        let waiting = try CollectorProcess.launch(
            psa, dataDirectory: Self.directory(), arguments: arguments, environment: Self.environment)
        defer { waiting.kill() }
        let message = "another collector is migrating the schema; waiting for its lock"
        #expect(await stopped.waitForOutput(containing: message))
        #expect(await waiting.waitForOutput(containing: message))

        stopped.kill(SIGTERM)
        let exit = await stopped.waitForExit()
        #expect(exit.status != 0 && !exit.bySignal)
        #expect(stopped.output.contains("startup interrupted"), "\(stopped.output)")
        #expect(!stopped.output.contains("collector listening"))

        // Released, the lock lets the waiting collector migrate and serve.
        try await holder.close()
        #expect(await waiting.waitForOutput(containing: "collector listening on"), "\(waiting.output)")
        let health = try await waiting.request("/_readiness")
        #expect(health.status == 200)
    }
}
