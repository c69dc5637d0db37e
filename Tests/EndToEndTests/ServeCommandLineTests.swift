import Foundation
import Testing

/// `psa serve` refuses malformed flags and environment before it binds anything, naming the culprit and
/// never echoing a database password.
@Suite("psa serve command line", .timeLimit(.minutes(2)))
struct ServeCommandLineTests {
    struct Failure: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let environment: [String: String]
        let message: String
        var testDescription: String { "\(arguments) \(environment.keys.sorted())" }
    }

    static let failures: [Failure] = [
        Failure(arguments: ["--port", "70000"], environment: [:], message: "--port must be from 0 to 65535"),
        Failure(arguments: ["--port", "http"], environment: [:], message: "--port"),
        Failure(arguments: [], environment: ["PSA_PORT": "eighty"], message: "PSA_PORT=\"eighty\" is not valid"),
        Failure(arguments: [], environment: ["COLLECTOR_PORT": "-1"], message: "COLLECTOR_PORT=\"-1\" is not valid"),
        Failure(
            arguments: [], environment: ["PSA_BCRYPT_COST": "99"],
            message: "PSA_BCRYPT_COST=\"99\" is not valid: expected a whole number from 4 to 16"),
        Failure(
            arguments: [], environment: ["DATABASE_URL": "mysql://root:hunter2@db/psa"],
            message: "DATABASE_URL is not valid: expected a postgres://"),
        Failure(
            arguments: [], environment: ["POSTHOG_HOST": "ftp://example.com"],
            message: "POSTHOG_HOST=\"ftp://example.com\""),
        Failure(
            arguments: [], environment: ["PSA_DATA_DIR": "bad\u{1}dir"], message: "PSA_DATA_DIR"),
        Failure(arguments: ["--bogus"], environment: [:], message: "Unknown option '--bogus'"),
        Failure(
            arguments: ["--collector-port", "0"], environment: [:],
            message: "COLLECTOR_PORT must be from 1 to 65535: the PSA sends its events to that port"),
    ]

    @Test(arguments: failures)
    func refusesBadInput(failure: Failure) throws {
        let process = Process()
        process.executableURL = PSAServeTests.executable
        process.arguments =
            ["serve", "--data-dir", NSTemporaryDirectory() + "psa-cli-" + UUID().uuidString]
            + failure.arguments
        process.environment = failure.environment.merging(["PATH": "/usr/bin:/bin"]) { mine, _ in mine }
        // stderr goes to a file, not a pipe: a server another test starts meanwhile can inherit a pipe's write
        // end, and reading the pipe to its end would then never return.
        let errorPath = NSTemporaryDirectory() + "psa-cli-stderr-" + UUID().uuidString
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errorPath) }
        let error = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        defer { try? error.close() }
        process.standardError = error
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let text = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus != 0)
        #expect(text.contains(failure.message), "\(text)")
        #expect(!text.contains("hunter2"))
    }
}
