import Foundation
import Hummingbird
import Synchronization
import UsageAnalytics

/// Holds requests until it is opened.
private final class Gate: Sendable {
    private let state = Mutex<(isOpen: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state in
                if !state.isOpen { state.waiting.append(continuation) }
                return state.isOpen
            }
            if resumeNow { continuation.resume() }
        }
    }

    func open() {
        let waiting = state.withLock { state in
            state.isOpen = true
            defer { state.waiting = [] }
            return state.waiting
        }
        waiting.forEach { $0.resume() }
    }
}

/// A loopback server in the collector's place for the SDK's flag client: it serves flag definitions in
/// PostHog's local-evaluation shape (the SDK's own encoding of real ``FeatureFlag`` values), or, when
/// `hangs`, accepts every request and never answers (a collector that stopped responding).
struct FlagDefinitionServer: Sendable {
    let url: String

    /// Runs a server with `flags` until `body` returns; a hanging one answers what it held when `body` is done.
    static func run<Result: Sendable>(
        flags: [FeatureFlag], hangs: Bool = false, _ body: @Sendable (FlagDefinitionServer) async throws -> Result
    ) async throws -> Result {
        let definitions = ByteBuffer(bytes: FlagDefinitions(flags: flags).json.jsonBytes())
        let router = Router()
        let gate = Gate()
        let answer: @Sendable (Request, BasicRequestContext) async throws -> Response = { _, _ in
            if hangs { await gate.wait() }
            return Response(
                status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: definitions))
        }
        router.get("/api/feature_flag/local_evaluation", use: answer)
        // Remote evaluation of a flag the definitions lack: PostHog answers with no entry for it.
        router.post("/flags") { request, context in
            _ = try await answer(request, context)
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"flags": {}, "errorsWhileComputingFlags": false}"#)))
        }
        // Held requests are answered before the server stops, so that its shutdown has nothing left to wait for.
        return try await LoopbackServer.run(router, label: "flag-definition-server", beforeStop: { gate.open() }) {
            port in
            try await body(FlagDefinitionServer(url: "http://127.0.0.1:\(port)"))
        }
    }
}
