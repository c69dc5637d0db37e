import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import UsageAnalytics

/// A PostHog-like flag server on loopback: `POST /flags/` answers the flags a test sets, and
/// `GET /api/feature_flag/local_evaluation` serves the definitions it sets. Records every `/flags/` body.
final class FlagServer: Sendable {
    private struct State {
        var flags: [String: PropertyValue] = [:]
        var definitions: PropertyValue?
        var hangs = false
        var failure: HTTPResponse.Status?
        var failuresLeft: Int?
        var evaluations: [PropertyValue] = []
    }

    private let state = Mutex(State())
    private let polls = AsyncStream.makeStream(of: Void.self)
    private let hangs = Mutex<(released: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))

    /// What `/flags/` answers for `key`: on, off, or a variant.
    func answer(_ key: String, enabled: Bool, variant: String? = nil) {
        state.withLock {
            $0.flags[key] = ["enabled": .bool(enabled), "variant": variant.map(PropertyValue.string) ?? .null]
        }
    }

    /// The local-evaluation definitions served, in PostHog's shape.
    func serveDefinitions(_ definitions: PropertyValue) { state.withLock { $0.definitions = definitions } }

    /// Makes later `/flags/` requests and definitions polls fail with `status` (the next `times` of the
    /// evaluations, or all of them), or succeed again with `nil`.
    func fail(with status: HTTPResponse.Status?, times: Int? = nil) {
        state.withLock {
            $0.failure = status
            $0.failuresLeft = times
        }
    }

    /// Makes every later `/flags/` request wait until the test ends.
    func hangEvaluations() { state.withLock { $0.hangs = true } }

    /// One element per request for the local-evaluation definitions.
    var definitionPolls: AsyncStream<Void> { polls.stream }

    /// Every `/flags/` request body, in arrival order.
    var evaluations: [PropertyValue] { state.withLock { $0.evaluations } }

    /// Runs the server until `body` returns; `body` gets the base URL.
    func serve<Result: Sendable>(_ body: @Sendable (String) async throws -> Result) async throws -> Result {
        let router = Router()
        router.post("/flags/") { request, _ -> Response in try await self.evaluate(request) }
        router.get("/api/feature_flag/local_evaluation") { _, _ -> Response in
            self.polls.continuation.yield()
            let (definitions, failure) = self.state.withLock { ($0.definitions, $0.failure) }
            if let failure { return Response(status: failure) }
            guard let definitions else { return Response(status: .notFound) }
            return Self.json(definitions)
        }
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "flag-server")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        let services = ServiceGroup(configuration: .init(services: [app], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            var ports = portStream.makeAsyncIterator()
            let port = await ports.next() ?? 0
            defer { releaseHangs() }
            let result = try await body("http://127.0.0.1:\(port)")
            releaseHangs()
            await services.triggerGracefulShutdown()
            try await group.waitForAll()
            return result
        }
    }

    private func evaluate(_ request: Hummingbird.Request) async throws -> Response {
        let body = try PropertyValue(json: Array(buffer: try await request.body.collect(upTo: 1 << 20)))
        let (flags, hangs, failure) = state.withLock { state in
            state.evaluations.append(body)
            let failure = state.failure
            if let left = state.failuresLeft {
                state.failuresLeft = left - 1
                if left <= 1 { state.failure = nil }
            }
            return (state.flags, state.hangs, failure)
        }
        if hangs { await waitForRelease() }
        if let failure { return Response(status: failure) }
        return Self.json(["flags": .object(flags)])
    }

    private static func json(_ value: PropertyValue) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(
            status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: value.jsonBytes())))
    }

    private func waitForRelease() async {
        await withCheckedContinuation { continuation in
            let released = hangs.withLock { hangs in
                if !hangs.released { hangs.waiting.append(continuation) }
                return hangs.released
            }
            if released { continuation.resume() }
        }
    }

    private func releaseHangs() {
        let waiting = hangs.withLock { hangs in
            hangs.released = true
            defer { hangs.waiting.removeAll() }
            return hangs.waiting
        }
        for continuation in waiting { continuation.resume() }
    }
}
