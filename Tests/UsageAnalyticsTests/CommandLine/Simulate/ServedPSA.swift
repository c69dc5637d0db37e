import Foundation
import Synchronization

/// A `psa` server (`psa serve`, `psa collector`) as a child process on a port it picks itself, for
/// end-to-end runs of `psa simulate`.
final class ServedPSA: Sendable {
    let baseURL: String
    private let process: Process
    private let exit: AsyncStream<Int32>

    private init(process: Process, baseURL: String, exit: AsyncStream<Int32>) {
        self.process = process
        self.baseURL = baseURL
        self.exit = exit
    }

    /// Starts `psa arguments…` and returns once it prints `prefix` and the URL it listens on.
    static func start(
        _ arguments: [String], environment: [String: String], announcing prefix: String = "PSA API listening on "
    ) async throws -> ServedPSA {
        let process = Process()
        process.executableURL = PSACommandLineTests.executable
        process.arguments = arguments
        process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { mine, _ in mine }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let (lines, continuation) = AsyncStream.makeStream(of: String.self)
        let pending = Mutex("")
        output.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                continuation.finish()
                return
            }
            let complete = pending.withLock { pending in
                pending += String(decoding: data, as: UTF8.self)
                var lines = pending.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                pending = lines.removeLast()
                return lines
            }
            complete.forEach { continuation.yield($0) }
        }
        let (exit, exited) = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { process in
            exited.yield(process.terminationStatus)
            exited.finish()
        }
        try process.run()
        for await line in lines where line.hasPrefix(prefix) {
            let url = line.dropFirst(prefix.count).split(separator: " ")[0]
            return ServedPSA(process: process, baseURL: String(url), exit: exit)
        }
        process.terminate()
        throw SimulationFailureForTests("psa \(arguments.joined(separator: " ")) exited before listening")
    }

    /// Stops the server (SIGTERM, a graceful shutdown) and waits for it to exit; returns its status.
    @discardableResult
    func stop() async -> Int32? {
        process.terminate()
        for await status in exit { return status }
        return nil
    }
}

/// A child run of the `psa` executable, awaited without blocking a thread of the test's pool.
struct CommandRun {
    let status: Int32
    let output: String
    let error: String

    static func psa(_ arguments: [String]) async throws -> CommandRun {
        try await run(PSACommandLineTests.executable, arguments)
    }

    /// Runs `executable` to completion with a bare `PATH`, collecting its output.
    static func run(_ executable: URL, _ arguments: [String]) async throws -> CommandRun {
        let directory = try TemporaryDirectory()
        let outputPath = directory.path + "/out"
        let errorPath = directory.path + "/err"
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ["PATH": "/usr/bin:/bin"]
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return CommandRun(
            status: status, output: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
            error: (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "")
    }
}

struct SimulationFailureForTests: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
