import CompressNIO
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import UsageAnalytics

/// A PostHog-like `/batch/` endpoint on loopback whose answers a test scripts: statuses,
/// `Retry-After`, hangs. Records every request exactly as it arrived.
final class CaptureServer: Sendable {
    enum Reply: Sendable {
        case status(Int, retryAfter: String? = nil)
        /// Answers only when the test ends (long after the client gave up); recorded as status 0.
        case hang
        /// 413 when the batch has more than this many events, else 200.
        case tooLargeAbove(Int)
    }

    struct Request: Sendable {
        let headers: [String: String]
        let body: PropertyValue
        let status: Int

        var batch: [PropertyValue] {
            if case .object(let object) = body, case .array(let batch) = object["batch"] { return batch }
            return []
        }

        var uuids: [String] {
            batch.compactMap { event in
                if case .object(let object) = event, case .string(let uuid) = object["uuid"] { return uuid }
                return nil
            }
        }
    }

    private struct State {
        var script: [Reply] = []
        var fallback: Reply = .status(200)
        var requests: [Request] = []
    }

    private let state = Mutex(State())
    private let hangs = Mutex(Hangs())
    private let port = Mutex<Int?>(nil)

    /// Replies used in order, one per request; then `fallback` for every later request.
    func script(_ replies: [Reply], then fallback: Reply = .status(200)) {
        state.withLock {
            $0.script = replies
            $0.fallback = fallback
        }
    }

    var requests: [Request] { state.withLock { $0.requests } }

    /// Every event uuid the server answered 200 for, in order.
    var acceptedUUIDs: [String] { requests.filter { $0.status == 200 }.flatMap(\.uuids) }

    /// Runs the server until `body` returns; `body` gets the base URL.
    func serve<Result: Sendable>(_ body: @Sendable (String) async throws -> Result) async throws -> Result {
        let router = Router()
        router.post("/batch/") { request, _ -> Response in
            try await self.handle(request)
        }
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "capture-server")
        logger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger)
        let services = ServiceGroup(configuration: .init(services: [app], logger: logger))
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask {
                try await services.run()
                return nil
            }
            var ports = portStream.makeAsyncIterator()
            let port = await ports.next() ?? 0
            do {
                let result = try await body("http://127.0.0.1:\(port)")
                releaseHangs()
                await services.triggerGracefulShutdown()
                try await group.waitForAll()
                return result
            } catch {
                releaseHangs()
                await services.triggerGracefulShutdown()
                throw error
            }
        }
    }

    private func handle(_ request: Request_) async throws -> Response {
        var buffer = try await request.body.collect(upTo: 64 << 20)
        if request.headers[.contentEncoding] == "gzip" {
            buffer = try buffer.decompress(with: .gzip())
        }
        let body = try PropertyValue(json: Array(buffer: buffer))
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let reply = state.withLock { state in
            state.script.isEmpty ? state.fallback : state.script.removeFirst()
        }
        var status: Int
        var retryAfter: String?
        switch reply {
        case .status(let code, let after):
            status = code
            retryAfter = after
        case .hang:
            await waitForRelease()
            status = 0
        case .tooLargeAbove(let limit):
            let count = Request(headers: headers, body: body, status: 0).batch.count
            status = count > limit ? 413 : 200
        }
        state.withLock { $0.requests.append(Request(headers: headers, body: body, status: status)) }
        var responseHeaders = HTTPFields()
        responseHeaders[.contentType] = "application/json"
        if let retryAfter { responseHeaders[.retryAfter] = retryAfter }
        let text = status == 200 ? #"{"status": 1}"# : #"{"type": "validation_error", "code": "scripted"}"#
        return Response(
            status: .init(code: status), headers: responseHeaders,
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

extension CaptureServer {
    fileprivate struct Hangs {
        var released = false
        var started = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
        var startWaiters: [CheckedContinuation<Void, Never>] = []
    }

    /// Returns once a request is hanging at the server (at once if one already is or was).
    func hangStarted() async {
        await withCheckedContinuation { continuation in
            let started = hangs.withLock { hangs in
                if hangs.started == 0 { hangs.startWaiters.append(continuation) }
                return hangs.started > 0
            }
            if started { continuation.resume() }
        }
    }

    fileprivate func waitForRelease() async {
        await withCheckedContinuation { continuation in
            let (released, startWaiters) = hangs.withLock { hangs in
                hangs.started += 1
                if !hangs.released { hangs.waiting.append(continuation) }
                defer { hangs.startWaiters.removeAll() }
                return (hangs.released, hangs.startWaiters)
            }
            for waiter in startWaiters { waiter.resume() }
            if released { continuation.resume() }
        }
    }

    fileprivate func releaseHangs() {
        let waiting = hangs.withLock { hangs in
            hangs.released = true
            defer {
                hangs.waiting.removeAll()
                hangs.startWaiters.removeAll()
            }
            return hangs.waiting + hangs.startWaiters
        }
        for continuation in waiting { continuation.resume() }
    }
}

typealias Request_ = Hummingbird.Request

/// A loopback port that refuses connections: bound but never listening, and held for as long as
/// the value lives, so no other test's server can take it meanwhile.
final class RefusedPort: Sendable {
    let port: Int
    /// The bound socket.
    let descriptor: Int32

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else {
            close(descriptor)
            throw AdapterError(description: "cannot bind a loopback port")
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        self.descriptor = descriptor
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit {
        close(descriptor)
    }
}
