import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import UsageCollector

/// The bound on request-body bytes held by all requests at once (`COLLECTOR_MAX_BODY_BYTES_IN_FLIGHT`).
@Suite("Bytes in flight", .timeLimit(.minutes(2)))
struct BodyBudgetTests {
    /// A batch of ten events of about 100 KB each: about 1 MB.
    static func largeBody() -> ByteBuffer {
        let padding = String(repeating: "x", count: 100_000)
        let events = (0..<10).map { _ in Payload.event("large", extra: #""$set": {"padding": "\#(padding)"}"#) }
        return ByteBuffer(string: Payload.batch(events))
    }

    static let busy = errorBody(
        "too_many_bytes_in_flight", "the collector holds as many request bytes as it may; retry later",
        type: "server_error")

    @Test("beyond the bound, requests get 503 with Retry-After and store nothing; the held requests all succeed")
    func refusesBeyondTheBound() async throws {
        let store = ControlledStore(base: try await temporarySQLiteStore(), gateOpen: false)
        let bodySize = Self.largeBody().readableBytes
        let collector = try TestCollector(
            configure: { $0.limits.maxBodyBytesInFlight = 3 * bodySize }, store: store)
        let writer = collector.collector.writer
        try await collector.withLiveServer(.ahc(.http)) { client in
            try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { held in
                // Three bodies fit: the first is held in the store's commit, the next two wait for the writer.
                held.addTask { try await client.post("/batch/", Self.largeBody()).status }
                var started = store.insertStarted.makeAsyncIterator()
                _ = await started.next()
                for _ in 0..<2 { held.addTask { try await client.post("/batch/", Self.largeBody()).status } }
                while writer.waitingEventCount < 20 { await Task.yield() }

                let refused = try await client.post("/batch/", Self.largeBody())
                #expect(refused.status == .serviceUnavailable)
                #expect(refused.headers[.retryAfter] == "1")
                #expect(refused.text == Self.busy)
                let small = try await client.post("/batch/", json: Payload.batch([Payload.event()]))
                #expect(small.status == .serviceUnavailable)
                let importing = try await client.admin("/api/import", method: .post, body: ByteBuffer(string: "{}"))
                #expect(importing.text == Self.busy)
                let tooLarge = try await client.post(
                    "/batch/", ByteBuffer(string: String(repeating: " ", count: 3 * bodySize + 1)))
                #expect(tooLarge.status == .contentTooLarge)
                #expect(
                    tooLarge.text == errorBody("request_too_large", "the request is larger than \(3 * bodySize) bytes"))

                store.openGate()
                for try await status in held { #expect(status == .ok) }
            }
            // Released, the budget takes requests again.
            let later = try await client.post("/batch/", Self.largeBody())
            #expect(later.status == .ok)
        }
        #expect(try await store.count(EventFilter()) == 40)
    }

    @Test("concurrent large bodies: each is either stored whole (200) or refused with 503 and stored not at all")
    func concurrentLargeBodies() async throws {
        let bodySize = Self.largeBody().readableBytes
        let collector = try TestCollector(configure: { $0.limits.maxBodyBytesInFlight = 4 * bodySize })
        let residentBefore = Self.peakResidentMegabytes()
        let statuses = try await collector.withLiveServer(.ahc(.http)) { client in
            try await withThrowingTaskGroup(of: (HTTPResponse.Status, String).self) { group in
                for _ in 0..<32 {
                    group.addTask {
                        let response = try await client.post("/batch/", Self.largeBody())
                        return (response.status, response.text)
                    }
                }
                var statuses: [HTTPResponse.Status] = []
                for try await (status, text) in group {
                    statuses.append(status)
                    if status == .serviceUnavailable { #expect(text == Self.busy) }
                }
                return statuses
            }
        }
        let accepted = statuses.filter { $0 == .ok }.count
        #expect(accepted + statuses.filter { $0 == .serviceUnavailable }.count == 32)
        #expect(accepted >= 1)
        #expect(try await collector.store.count(EventFilter()) == accepted * 10)
        print(
            "bytes in flight: 32 concurrent \(bodySize / 1024) KiB bodies, bound \(4 * bodySize / 1024) KiB: "
                + "\(accepted) accepted, \(32 - accepted) refused; peak resident memory of the test process "
                + "\(residentBefore) MB before, \(Self.peakResidentMegabytes()) MB after")
    }

    /// The process's peak resident set (`VmHWM`), in megabytes, for the report.
    static func peakResidentMegabytes() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) / 1024
    }
}
