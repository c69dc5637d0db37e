import Foundation
import Testing
import UsageAnalytics

/// The SDK in a child process (the harness adapter, which runs the real pipeline), killed with
/// `kill -9`, then restarted on the same spool.
@Suite("Crash recovery", .serialized)
struct CrashRecoveryTests {
    @Test("events spooled while the destination was down are delivered exactly once after kill -9 and restart")
    func killNineWhileDestinationDown() async throws {
        let spool = try TemporaryDirectory()
        let server = CaptureServer()
        server.script([], then: .status(503))
        let captured = try await server.serve { url in
            var captured: [String] = []
            let adapter = try AdapterProcess(spoolDirectory: spool.path)
            let initialized = try await adapter.post(
                "/init", #"{"api_key": "phc_crash", "host": "\#(url)", "max_retries": 0, "flush_at": 1000}"#)
            #expect(initialized.status == 200)
            for index in 0..<60 {
                let reply = try await adapter.post(
                    "/capture",
                    #"{"distinct_id": "d\#(index)", "event": "crash_probe", "properties": {"n": \#(index)}}"#)
                guard case .object(let body) = reply.body, case .string(let uuid) = body["uuid"] else {
                    throw AdapterError(description: "capture answered \(reply.status)")
                }
                captured.append(uuid)
            }
            _ = try await adapter.post("/flush", "{}")
            let state = try await adapter.get("/state")
            guard case .object(let fields) = state.body else { throw AdapterError(description: "no state") }
            #expect(fields["pending_events"] == 60)
            adapter.killNine()
            return captured
        }
        #expect(server.acceptedUUIDs.isEmpty)
        #expect(Set(captured).count == 60)

        let recovered = CaptureServer()
        try await recovered.serve { url in
            let adapter = try AdapterProcess(spoolDirectory: spool.path)
            _ = try await adapter.post("/init", #"{"api_key": "phc_crash", "host": "\#(url)"}"#)
            // The restarted client starts delivering what it recovered at once; /flush waits for that.
            _ = try await adapter.post("/flush", "{}")
            let state = try await adapter.get("/state")
            guard case .object(let fields) = state.body else { throw AdapterError(description: "no state") }
            #expect(fields["total_events_sent"] == 60)
            #expect(fields["pending_events"] == 0)
            adapter.killNine()
        }
        #expect(recovered.acceptedUUIDs.sorted() == captured.sorted(), "every event, exactly once")
        #expect(recovered.requests.allSatisfy { $0.headers["content-encoding"] == "gzip" })
    }

    @Test("the adapter answers malformed and hostile requests with 400 and keeps working")
    func hostileAdapterInput() async throws {
        let spool = try TemporaryDirectory()
        let server = CaptureServer()
        try await server.serve { url in
            let adapter = try AdapterProcess(spoolDirectory: spool.path)
            let capturedBeforeInit = try await adapter.post("/capture", #"{"distinct_id": "a", "event": "e"}"#)
            #expect(capturedBeforeInit.status == 400)
            for body in [
                "not json", "[]", #"{"api_key": "k"}"#, #"{"api_key": "k", "host": "ftp://x"}"#,
                #"{"api_key": "k", "host": "http://x", "flush_at": -1}"#,
                #"{"api_key": "k", "host": "http://x", "max_retries": "three"}"#,
                String(repeating: "[", count: 50_000),
            ] {
                #expect(try await adapter.post("/init", body).status == 400, "\(body.prefix(40))")
            }
            let oversized = try await adapter.request(
                "POST", "/init", body: Data(repeating: UInt8(ascii: " "), count: 2 << 20))
            #expect(oversized.status == 413)
            #expect(try await adapter.post("/init", #"{"api_key": "k", "host": "\#(url)"}"#).status == 200)
            for body in [
                #"{"event": "e"}"#, #"{"distinct_id": "a", "event": "Not Snake Case"}"#,
                #"{"distinct_id": "a", "event": "e", "properties": [1]}"#,
                #"{"distinct_id": "a", "event": "e", "timestamp": "yesterday"}"#,
            ] {
                #expect(try await adapter.post("/capture", body).status == 400, "\(body)")
            }
            #expect(try await adapter.post("/capture", #"{"distinct_id": "a", "event": "fine"}"#).status == 200)
            _ = try await adapter.post("/flush", "{}")
            adapter.killNine()
        }
        #expect(server.acceptedUUIDs.count == 1)
    }
}
