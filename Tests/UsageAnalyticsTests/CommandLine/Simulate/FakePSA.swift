import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A small PSA that follows the HTTP contract the simulator is written against (statuses, field
/// names, enums, unknown keys refused), on loopback at port 0. It records every request and can
/// be told to answer some of them with a scripted failure.
final class FakePSA: Sendable {
    struct Recorded: Sendable {
        let method: String
        let path: String
        let headers: [String: String]
        let status: Int

        var route: String {
            "/"
                + path.split(separator: "?")[0].split(separator: "/").map { Int($0) == nil ? String($0) : "{id}" }
                .joined(separator: "/")
        }
    }

    /// A scripted answer for the `occurrence`-th request (1-based) matching `method` and `route`.
    struct Failure: Sendable {
        let method: String
        let route: String
        let occurrence: Int
        let status: Int
        var retryAfter: String?
    }

    struct User {
        let id: Int
        let tenant: Int
        let email: String
        let password: String
        let role: String
        var client: Int?
        var active = true
    }

    struct Ticket {
        var fields: [String: Any]
        let tenant: Int
    }

    struct State: @unchecked Sendable {
        var nextID = 1
        var users: [Int: User] = [:]
        var sessions: [String: Int] = [:]
        var clients: [Int: (tenant: Int, name: String)] = [:]
        var tickets: [Int: Ticket] = [:]
        var comments: [Int: [[String: Any]]] = [:]
        var recorded: [Recorded] = []
        var failures: [Failure] = []
        var counts: [String: Int] = [:]

        mutating func makeID() -> Int {
            defer { nextID += 1 }
            return nextID
        }
    }

    let honoursSimulatedTime: Bool
    let state = Mutex(State())

    init(honoursSimulatedTime: Bool = true, failures: [Failure] = []) {
        self.honoursSimulatedTime = honoursSimulatedTime
        state.withLock { $0.failures = failures }
    }

    var recorded: [Recorded] { state.withLock { $0.recorded } }

    /// Runs the server until `body` returns; `body` gets the base URL.
    func serve<Result: Sendable>(_ body: @Sendable (String) async throws -> Result) async throws -> Result {
        let router = Router()
        router.get("/health") { _, _ in HTTPResponse.Status.ok }
        for method in [HTTPRequest.Method.get, .post, .patch, .delete] {
            router.on("/api/**", method: method) { request, _ in try await self.handle(request) }
        }
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "fake-psa")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { portContinuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
        let services = ServiceGroup(configuration: .init(services: [app], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            var iterator = ports.makeAsyncIterator()
            let port = await iterator.next() ?? 0
            defer { group.cancelAll() }
            let result = try await body("http://127.0.0.1:\(port)")
            await services.triggerGracefulShutdown()
            return result
        }
    }

    private func handle(_ request: Request) async throws -> Response {
        let bytes = try await request.body.collect(upTo: 1 << 20)
        let json = try? JSONSerialization.jsonObject(with: Data(buffer: bytes)) as? [String: Any]
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let path = request.uri.description
        let method = request.method.rawValue
        let (status, data, retryAfter) = state.withLock { state -> (Int, Data, String?) in
            let route = Recorded(method: method, path: path, headers: [:], status: 0).route
            let key = "\(method) \(route)"
            state.counts[key, default: 0] += 1
            if let failure = state.failures.first(where: {
                "\($0.method) \($0.route)" == key && $0.occurrence == state.counts[key]
            }) {
                state.recorded.append(Recorded(method: method, path: path, headers: headers, status: failure.status))
                return (
                    failure.status, Data(#"{"type":"scripted","code":"scripted","detail":"injected"}"#.utf8),
                    failure.retryAfter
                )
            }
            let time = honoursSimulatedTime ? headers["x-simulated-time"] : nil
            let (status, payload) = Contract.answer(
                method: method, route: route, path: path, headers: headers, body: json, bytes: bytes.readableBytes,
                time: time, state: &state)
            state.recorded.append(Recorded(method: method, path: path, headers: headers, status: status))
            return (status, payload.flatMap { try? JSONSerialization.data(withJSONObject: $0) } ?? Data(), nil)
        }
        var responseHeaders = HTTPFields()
        responseHeaders[.contentType] = "application/json"
        if let retryAfter { responseHeaders[.retryAfter] = retryAfter }
        return Response(
            status: .init(code: status), headers: responseHeaders, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
