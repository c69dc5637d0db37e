import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway PostgreSQL server for the test process: initdb and pg_ctl as user `postgres` in a temporary
/// directory on a free loopback port, stopped when the process exits.
///
/// Suites that need it are enabled with ``isAvailable``: when the binaries are missing they are skipped, and
/// with `CI` set they run (and fail, saying why) whatever the machine has.
public actor PostgresTestServer {
    /// The server of this test process.
    public static let shared = PostgresTestServer()

    /// Whether suites that need PostgreSQL should run: its server binaries are installed, or `CI` is set
    /// (where their absence must fail a test, not skip it).
    public static let isAvailable: Bool =
        ProcessInfo.processInfo.environment["CI"] != nil || externalPort != nil || (try? binDirectory()) != nil

    /// A server already running on this loopback port (`TEST_POSTGRES_PORT`, user `postgres`, trust
    /// authentication), as `.ci/run` starts one: tests then launch none of their own while other tests spawn
    /// processes.
    static let externalPort: Int? = ProcessInfo.processInfo.environment["TEST_POSTGRES_PORT"].flatMap { Int($0) }

    private var port: Int?
    private var failure: String?
    private var started = false

    /// The port of the running server, starting it on first use; nil (with a reason) when unavailable.
    public func start() -> Result<Int, PostgresUnavailable> {
        if !self.started {
            self.started = true
            do {
                self.port = try Self.externalPort ?? Self.launch()
            } catch {
                self.failure = "\(error)"
            }
        }
        if let port { return .success(port) }
        return .failure(PostgresUnavailable(reason: self.failure ?? "unknown"))
    }

    /// Why the server could not be started.
    public struct PostgresUnavailable: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { self.reason }
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
