import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import PSA
import ServiceLifecycle
import UsageAnalytics

/// `usage-bench login`: the time a failed sign-in takes for an email that has no account and for a wrong
/// password of a real one, alternating over loopback HTTP in the same run. The two must be comparable, or
/// timing would tell an attacker which emails have accounts.
///
/// Options: `--attempts N` of each kind (default 30), `--cost N` bcrypt cost (12, production's).
struct LoginTimingBenchmark {
    let attempts: Int
    let cost: Int

    init(arguments: [String]) {
        let options = BenchmarkArguments(arguments: arguments)
        attempts = options.integer("--attempts", minimum: 1) ?? 30
        cost = options.integer("--cost", minimum: 4) ?? 12
    }

    func run() async throws {
        var logger = Logger(label: "usage-bench")
        logger.logLevel = .warning
        var configuration = PSAConfiguration()
        configuration.port = 0
        configuration.dataDirectory =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("usage-bench-login-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: configuration.dataDirectory) }
        configuration.bcryptCost = cost
        configuration.loginLimits.failuresPerAccount = .max
        configuration.loginLimits.failuresPerAddress = .max
        let psa = try await PSA.open(configuration: configuration, analytics: .disabled, logger: logger)
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let app = psa.buildApplication { port in portContinuation.yield(port) }
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        print("login: \(attempts) failed sign-ins of each kind, alternating, bcrypt cost \(cost)")
        let (unknown, wrong) = try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            let base = "http://127.0.0.1:\(await iterator.next() ?? 0)"
            _ = try await Self.post(
                client, base + "/api/auth/signup",
                #"{"company": "Bench", "email": "known@example.test", "password": "the real password", "name": "K"}"#)
            var unknown: [Double] = []
            var wrong: [Double] = []
            for attempt in 0..<attempts {
                unknown.append(
                    try await Self.timedFailure(
                        client, base, #"{"email": "nobody\#(attempt)@example.test", "password": "a wrong password"}"#))
                wrong.append(
                    try await Self.timedFailure(
                        client, base, #"{"email": "known@example.test", "password": "a wrong password"}"#))
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return (unknown, wrong)
        }
        try await client.shutdown()
        try await psa.database.close()
        let unknownMedian = Self.median(unknown)
        let wrongMedian = Self.median(wrong)
        print(String(format: "unknown_email_ms=%.1f wrong_password_ms=%.1f", unknownMedian, wrongMedian))
        print(String(format: "ratio=%.3f", unknownMedian / wrongMedian))
    }

    private static func timedFailure(_ client: HTTPClient, _ base: String, _ body: String) async throws -> Double {
        let start = ContinuousClock.now
        let status = try await post(client, base + "/api/auth/login", body)
        let elapsed = ContinuousClock.now - start
        guard status == 401 else { throw IngestBenchmarkError.unexpectedStatus(status) }
        return Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
    }

    private static func post(_ client: HTTPClient, _ url: String, _ body: String) async throws -> UInt {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await client.execute(request, timeout: .seconds(60))
        _ = try await response.body.collect(upTo: 1 << 16)
        return response.status.code
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}
