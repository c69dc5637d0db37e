import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import UsageAnalytics

/// The built `posthog-harness-adapter`, run as a child process on a free loopback port.
final class AdapterProcess {
    let process = Process()
    let baseURL: String

    static let executable: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("posthog-harness-adapter").path),
            directory.path != "/"
        {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("posthog-harness-adapter")
    }()

    /// Starts the adapter; with `spoolDirectory`, undelivered events are kept there across restarts (and delivered
    /// first by the next client), else in memory only, as PostHog's harness expects.
    init(spoolDirectory: String?) throws {
        process.executableURL = Self.executable
        process.arguments = ["--port", "0"]
        process.environment = ["PATH": "/usr/bin:/bin"]
        if let spoolDirectory { process.environment?["ANALYTICS_SPOOL_DIR"] = spoolDirectory }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { throw AdapterError(description: "the adapter exited before listening") }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard
            let port = text.split(separator: " ").last.flatMap({
                Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
            })
        else { throw AdapterError(description: "unexpected first line: \(text)") }
        baseURL = "http://127.0.0.1:\(port)"
    }

    /// Ends the process the hard way, as a crash or the OOM killer would.
    func killNine() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning { killNine() }
    }

    /// Sends `body` as JSON and returns the status and the parsed answer.
    func post(_ path: String, _ body: String) async throws -> (status: Int, body: PropertyValue?) {
        try await request("POST", path, body: Data(body.utf8))
    }

    func get(_ path: String) async throws -> (status: Int, body: PropertyValue?) {
        try await request("GET", path, body: nil)
    }

    func request(_ method: String, _ path: String, body: Data?) async throws -> (status: Int, body: PropertyValue?) {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = HTTPMethod(rawValue: method)
        request.headers.add(name: "Content-Type", value: "application/json")
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        return (Int(response.status.code), try? PropertyValue(json: Array(buffer: bytes)))
    }
}

struct AdapterError: Error, CustomStringConvertible {
    let description: String
}
