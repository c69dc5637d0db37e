import AsyncHTTPClient
import Foundation
import NIOCore
import Synchronization
import Testing

@testable import UsageCollector

#if canImport(Glibc)
    import Glibc
#endif

/// The collector as a child process (`psa collector`), killed with SIGKILL in the middle of ingestion.
@Suite(
    "Crash recovery", .timeLimit(.minutes(5)),
    .enabled(
        if: PSAExecutable.path != nil || ProcessInfo.processInfo.environment["CI"] != nil,
        "needs the psa executable beside the test bundle (swift build)"))
struct CrashRecoveryTests {
    static let key = "phc_crash"
    static let adminToken = "crash-admin-token-0123456789"

    @Test("every event acknowledged before kill -9 is stored after a restart")
    func killDuringIngestion() async throws {
        let psa = try #require(PSAExecutable.path, "the psa executable is required in CI")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("collector-crash-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }

        let first = try await CollectorProcess.start(
            psa, dataDirectory: directory.path, key: Self.key, token: Self.adminToken)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let acknowledged = Acknowledgements()
        let url = "http://127.0.0.1:\(first.port)/batch/"

        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<6 {
                group.addTask {
                    // Each worker sends batches until the server goes away.
                    for round in 0..<10_000 {
                        let ids = (0..<50).map { _ in UUID() }
                        let events = ids.map { Payload.event("crash_\(worker)_\(round)", uuid: $0) }
                        var request = HTTPClientRequest(url: url)
                        request.method = .POST
                        request.headers.add(name: "Content-Encoding", value: "gzip")
                        request.body = .bytes(Payload.gzip(Payload.batch(events, apiKey: Self.key)))
                        guard let response = try? await client.execute(request, timeout: .seconds(10)),
                            response.status == .ok
                        else { return }
                        acknowledged.add(ids)
                    }
                }
            }
            // Kill once ingestion is well under way, while requests are in flight.
            for await count in acknowledged.counts where count >= 40 { break }
            first.kill()
            try await group.waitForAll()
        }

        let acknowledgedIDs = acknowledged.ids
        #expect(acknowledgedIDs.count >= 40 * 50)

        let second = try await CollectorProcess.start(
            psa, dataDirectory: directory.path, key: Self.key, token: Self.adminToken)
        defer { second.kill() }
        var exportRequest = HTTPClientRequest(url: "http://127.0.0.1:\(second.port)/api/export?format=ndjson")
        exportRequest.headers.add(name: "Authorization", value: "Bearer \(Self.adminToken)")
        let response = try await client.execute(exportRequest, timeout: .seconds(60))
        #expect(response.status == .ok)
        let body = try await response.body.collect(upTo: 512 * 1024 * 1024)
        let stored = Set(
            String(buffer: body).split(separator: "\n").compactMap { line -> UUID? in
                guard let range = line.range(of: #""uuid":""#) else { return nil }
                return UUID(uuidString: String(line[range.upperBound...].prefix(36)))
            }
        )
        let missing = acknowledgedIDs.subtracting(stored)
        #expect(missing.isEmpty, "\(missing.count) acknowledged events were lost")
        try await client.shutdown()
    }
}

/// The uuids of acknowledged requests, shared by the sending workers; `counts` yields the number of
/// acknowledged requests after each one.
final class Acknowledgements: Sendable {
    private let state = Mutex<(ids: [UUID], requests: Int)>(([], 0))
    let counts: AsyncStream<Int>
    private let continuation: AsyncStream<Int>.Continuation

    init() {
        (self.counts, self.continuation) = AsyncStream.makeStream()
    }

    func add(_ ids: [UUID]) {
        let count = self.state.withLock {
            $0.ids += ids
            $0.requests += 1
            return $0.requests
        }
        self.continuation.yield(count)
    }

    var ids: Set<UUID> { self.state.withLock { Set($0.ids) } }
}
