import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// `psa collector --port 0` as a child process: its port is read from the line it prints when listening, and
/// everything it prints (stdout and stderr) is kept for assertions.
final class CollectorProcess: Sendable {
    private struct State {
        var output = ""
        var outputEnded = false
        var exit: Exit?
        var pid: Int32 = 0
        var cancelled = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    /// How the process ended.
    struct Exit: Sendable, Equatable {
        /// Its exit status, or the number of the signal that killed it.
        let status: Int32
        /// Whether a signal killed it (it did not exit by itself).
        let bySignal: Bool
    }

    private let state = Mutex(State())

    private init() {}

    /// Its process id.
    var pid: Int32 { self.state.withLock { $0.pid } }

    /// The port it listens on, from its "listening on" line (0 before that line).
    var port: Int {
        let text = self.output
        guard let range = text.range(of: #"listening on http://[0-9.]+:([0-9]+)"#, options: .regularExpression)
        else { return 0 }
        return Int(text[range].split(separator: ":").last ?? "") ?? 0
    }

    /// What it printed so far.
    var output: String { self.state.withLock { $0.output } }

    static func start(_ psa: String, dataDirectory: String, key: String, token: String) async throws
        -> CollectorProcess
    {
        var environment = ProcessInfo.processInfo.environment
        environment["COLLECTOR_PROJECT_KEYS"] = key
        environment["COLLECTOR_ADMIN_TOKEN"] = token
        return try await Self.start(psa, dataDirectory: dataDirectory, environment: environment)
    }

    /// Launches `psa collector` and returns once it listens.
    /// - Throws: when it exits first (the error carries its output).
    static func start(
        _ psa: String, dataDirectory: String, arguments: [String] = [], environment: [String: String]
    ) async throws -> CollectorProcess {
        let process = try Self.launch(psa, dataDirectory: dataDirectory, arguments: arguments, environment: environment)
        guard await process.waitForOutput(containing: "collector listening on") else {
            _ = await process.waitForExit()
            throw CocoaError(
                .executableLoad, userInfo: [NSLocalizedDescriptionKey: "psa collector exited: \(process.output)"])
        }
        return process
    }

    /// Launches `psa collector` without waiting for anything.
    static func launch(
        _ psa: String, dataDirectory: String, arguments: [String] = [], environment: [String: String]
    ) throws -> CollectorProcess {
        try Self.launch(
            psa, command: ["collector", "--port", "0", "--data-dir", dataDirectory] + arguments,
            environment: environment)
    }

    /// Launches `psa` with `command` (such as `collector replay …`) without waiting for anything.
    static func launch(_ psa: String, command: [String], environment: [String: String]) throws -> CollectorProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: psa)
        process.arguments = command
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let child = CollectorProcess()
        process.terminationHandler = { process in
            let exit = Exit(status: process.terminationStatus, bySignal: process.terminationReason == .uncaughtSignal)
            child.update { $0.exit = exit }
        }
        Self.readOutput(of: pipe.fileHandleForReading, into: child)
        try process.run()
        let pid = process.processIdentifier
        child.update { $0.pid = pid }
        return child
    }

    /// Reads the child's output on a thread of its own with poll(2), not through `readabilityHandler`: removing
    /// a handler from another thread while its dispatch source fires crashed libdispatch's manager thread in a
    /// full run. The output ends at end of file, or once the child has exited and nothing is left to read (a
    /// process spawned meanwhile by another test can inherit the write end and hold off the end of file). The
    /// thread keeps `handle` alive, so the descriptor is not closed under it.
    private static func readOutput(of handle: FileHandle, into child: CollectorProcess) {
        Thread.detachNewThread {
            let descriptor = handle.fileDescriptor
            var chunk = [UInt8](repeating: 0, count: 65536)
            var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            while true {
                if poll(&ready, 1, 100) > 0 {
                    let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
                    guard count > 0 else { break }
                    let text = String(decoding: chunk[..<count], as: UTF8.self)
                    child.update { $0.output += text }
                } else if child.state.withLock({ $0.exit != nil }) {
                    break
                }
            }
            child.update { $0.outputEnded = true }
            withExtendedLifetime(handle) {}
        }
    }

    /// Applies `change` and wakes every waiter to re-evaluate.
    private func update(_ change: (inout State) -> Void) {
        let waiters = self.state.withLock { state in
            change(&state)
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Waits until its output contains `text`; false when it exited without printing it (or the test was cancelled).
    func waitForOutput(containing text: String) async -> Bool {
        await self.wait { state in
            if state.output.contains(text) { return true }
            return state.outputEnded && state.exit != nil ? false : nil
        } ?? false
    }

    /// Waits until it exited (status -1 when the test was cancelled first, for instance by its time limit).
    @discardableResult
    func waitForExit() async -> Exit {
        await self.wait { state in state.outputEnded ? state.exit : nil } ?? Exit(status: -1, bySignal: false)
    }

    /// Suspends until `outcome` returns a value, re-evaluating it after every change; nil once cancelled.
    private func wait<T: Sendable>(_ outcome: @escaping @Sendable (State) -> T?) async -> T? {
        while !Task.isCancelled {
            var result: T?
            await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let ready = self.state.withLock { state in
                        result = outcome(state)
                        if result == nil && !state.cancelled { state.waiters.append(continuation) }
                        return result != nil || state.cancelled
                    }
                    if ready { continuation.resume() }
                }
            } onCancel: {
                self.update { $0.cancelled = true }
            }
            if let result { return result }
        }
        return nil
    }

    /// Sends `signal` (SIGKILL by default).
    func kill(_ signal: Int32 = SIGKILL) {
        _ = Glibc.kill(self.pid, signal)
    }
}

/// The `psa` executable built beside this test bundle.
enum PSAExecutable {
    /// Its path, or nil when it was not built.
    static let path: String? = {
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let candidate = URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("psa").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }()
}
