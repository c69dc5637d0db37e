import Hummingbird
import Logging

/// Runs a router on a free loopback port for the length of a test.
enum LoopbackServer {
    /// Serves `router` on `127.0.0.1` at a port the system picks, calls `body` with that port, then stops the
    /// server (after `beforeStop`, which can release requests the server still holds).
    static func run<Result: Sendable>(
        _ router: Router<BasicRequestContext>, label: String, beforeStop: @Sendable () -> Void = {},
        _ body: (Int) async throws -> Result
    ) async throws -> Result {
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: label)
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { portContinuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            defer {
                beforeStop()
                group.cancelAll()
            }
            var iterator = ports.makeAsyncIterator()
            return try await body(await iterator.next() ?? 0)
        }
    }
}
