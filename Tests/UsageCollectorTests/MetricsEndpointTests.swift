import Foundation
import HummingbirdTesting
import NIOCore
import Testing

@testable import UsageCollector

/// `GET /metrics`: the collector's operational metrics in Prometheus's text format.
@Suite("Operational metrics", .timeLimit(.minutes(2)))
struct MetricsEndpointTests {
    @Test("accepted events, rejections by reason, latencies, commit sizes and queue depth are exported")
    func exposition() async throws {
        let collector = try TestCollector()
        let text = try await collector.withLiveServer { client in
            let accepted = try await client.post(
                "/batch/", json: Payload.batch([Payload.event(), Payload.event(), Payload.event()]))
            #expect(accepted.status == .ok)
            let noDistinctID = try await client.post("/batch/", json: Payload.batch([Payload.event(distinctID: nil)]))
            #expect(noDistinctID.status == .badRequest)
            let wrongKey = try await client.post("/batch/", json: Payload.batch([Payload.event()], apiKey: "phc_nope"))
            #expect(wrongKey.status == .unauthorized)
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            return metrics.text
        }
        let lines = Set(text.split(separator: "\n").map(String.init))
        #expect(lines.contains("collector_events_accepted_total 3"), "\(text)")
        #expect(lines.contains(#"collector_requests_rejected_total{reason="missing_distinct_id"} 1"#))
        #expect(lines.contains(#"collector_requests_rejected_total{reason="invalid_api_key"} 1"#))
        #expect(lines.contains("collector_capture_duration_seconds_count 3"))
        #expect(lines.contains("collector_commit_duration_seconds_count 1"))
        // One commit of three events: it falls in the buckets from 10 up, not in the bucket of 1.
        #expect(lines.contains(#"collector_commit_batch_events_bucket{le="1.0"} 0"#))
        #expect(lines.contains(#"collector_commit_batch_events_bucket{le="10.0"} 1"#))
        #expect(lines.contains("collector_commit_batch_events_sum 3.0"))
        #expect(lines.contains("collector_writer_waiting_events 0.0"))
        #expect(lines.contains("collector_body_bytes_in_flight 0.0"))
        #expect(lines.contains("# TYPE collector_commit_duration_seconds histogram"))
    }

    @Test("collectors in one process keep separate metrics")
    func separateRegistries() async throws {
        let first = try TestCollector()
        let second = try TestCollector()
        try await first.withLiveServer { client in
            _ = try await client.post("/batch/", json: Payload.batch([Payload.event()]))
        }
        let text = try await second.withLiveServer { client in
            String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
        }
        #expect(!text.contains("collector_events_accepted_total 1"))
    }
}
