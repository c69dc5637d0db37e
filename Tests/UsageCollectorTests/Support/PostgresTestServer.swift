import Foundation
import Logging
import PostgresNIO
import Testing

@testable import UsageCollector

/// A throwaway PostgreSQL server for the test process: initdb and pg_ctl as user `postgres` in a temporary
/// directory on a free loopback port, stopped when the process exits.
///
/// When the binaries are missing the tests that need it print why and pass; with `CI` set they fail.
actor PostgresTestServer {
    static let shared = PostgresTestServer()

    private var port: Int?
    private var failure: String?
    private var started = false

    /// The port of the running server, starting it on first use; nil (with a reason) when unavailable.
    func start() -> Result<Int, PostgresUnavailable> {
        if !self.started {
            self.started = true
            do {
                self.port = try Self.launch()
            } catch {
                self.failure = "\(error)"
            }
        }
        if let port { return .success(port) }
        return .failure(PostgresUnavailable(reason: self.failure ?? "unknown"))
    }

    struct PostgresUnavailable: Error, CustomStringConvertible {
        let reason: String
        var description: String { self.reason }
    }

    nonisolated(unsafe) private static var stopCommand: [String] = []
    nonisolated(unsafe) private static var directory = ""

    private static func launch() throws -> Int {
        let binDirectory = try Self.binDirectory()
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("collector-pg-\(UUID())").path
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        let asRoot = getuid() == 0
        if asRoot { try Self.run("/bin/chown", ["postgres", base]) }
        func command(_ tool: String, _ arguments: [String]) -> (String, [String]) {
            asRoot
                ? ("/usr/sbin/runuser", ["-u", "postgres", "--", "\(binDirectory)/\(tool)"] + arguments)
                : ("\(binDirectory)/\(tool)", arguments)
        }
        let initdb = command(
            "initdb", ["-D", "\(base)/data", "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"])
        try Self.run(initdb.0, initdb.1)
        let port = try FreePort.find()
        let options = "-p \(port) -k \(base) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        let start = command("pg_ctl", ["-D", "\(base)/data", "-l", "\(base)/log", "-o", options, "-w", "start"])
        // The daemonized server would inherit Foundation.Process's descriptors, and waitUntilExit would then
        // wait for the server itself; posix_spawn with output to /dev/null avoids that.
        let status = Self.spawnAndWait([start.0] + start.1)
        guard status == 0 else {
            throw PostgresUnavailable(
                reason:
                    "pg_ctl start failed (\(status)): \((try? String(contentsOfFile: "\(base)/log", encoding: .utf8)) ?? "")"
            )
        }
        let stop = command("pg_ctl", ["-D", "\(base)/data", "-m", "immediate", "stop"])
        Self.stopCommand = [stop.0] + stop.1
        Self.directory = base
        atexit {
            _ = PostgresTestServer.spawnAndWait(PostgresTestServer.stopCommand)
            _ = PostgresTestServer.spawnAndWait(["/bin/rm", "-rf", PostgresTestServer.directory])
        }
        return port
    }

    private static func binDirectory() throws -> String {
        if let output = try? Self.run("/usr/bin/env", ["pg_config", "--bindir"]) {
            let directory = output.trimmingCharacters(in: .whitespacesAndNewlines)
            if FileManager.default.isExecutableFile(atPath: directory + "/initdb") { return directory }
        }
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        for version in versions.sorted().reversed() {
            let directory = "/usr/lib/postgresql/\(version)/bin"
            if FileManager.default.isExecutableFile(atPath: directory + "/initdb") { return directory }
        }
        throw PostgresUnavailable(reason: "no PostgreSQL server binaries (initdb) found; install postgresql")
    }

    /// Runs a command with its output discarded and returns its exit status.
    static func spawnAndWait(_ command: [String]) -> Int32 {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var cArguments = command.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, command[0], &actions, nil, &cArguments, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : -1
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String], captureOutput: Bool = true) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = captureOutput ? output : FileHandle.nullDevice
        process.standardError = captureOutput ? output : FileHandle.nullDevice
        try process.run()
        let data = captureOutput ? output.fileHandleForReading.readDataToEndOfFile() : Data()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw PostgresUnavailable(
                reason: "\(executable) \(arguments.joined(separator: " ")) failed: \(text.prefix(500))")
        }
        return text
    }
}

/// The storage engines every conformance test runs against.
enum Engine: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    var testDescription: String { self.rawValue }
}

/// Runs `body` with a migrated, empty store of `engine`; for PostgreSQL, a new database on the shared
/// test server. Returns without running `body` (printing why) when PostgreSQL is unavailable outside CI.
func withStore(_ engine: Engine, _ body: @Sendable (any EventStore) async throws -> Void) async throws {
    switch engine {
    case .sqlite:
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("collector-store-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteEventStore(path: directory.path + "/events.sqlite")
        try await store.migrate()
        try await body(store)
    case .postgres:
        guard let url = try await PostgresDatabase.create() else { return }
        let store = PostgresEventStore(
            configuration: try PostgresEventStore.configuration(url: url),
            logger: Logger(label: "postgres-test")
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await store.client.run() }
            defer { group.cancelAll() }
            try await store.migrate()
            try await body(store)
        }
    }
}

/// Creating one database per test on the shared server.
enum PostgresDatabase {
    /// A `postgres://` URL of a new empty database, or nil when PostgreSQL is unavailable outside CI
    /// (inside CI, that records a test failure).
    static func create() async throws -> String? {
        switch await PostgresTestServer.shared.start() {
        case .failure(let unavailable):
            if ProcessInfo.processInfo.environment["CI"] != nil {
                Issue.record("PostgreSQL is required in CI but unavailable: \(unavailable.reason)")
            } else {
                print("SKIPPED PostgreSQL test: \(unavailable.reason)")
            }
            return nil
        case .success(let port):
            let name = "collector_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
            let admin = PostgresClient(
                configuration: .init(
                    host: "127.0.0.1", port: port, username: "postgres", password: nil, database: "postgres",
                    tls: .disable),
                backgroundLogger: Logger(label: "postgres-admin")
            )
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await admin.run() }
                defer { group.cancelAll() }
                try await admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
            }
            return "postgres://postgres@127.0.0.1:\(port)/\(name)"
        }
    }
}
