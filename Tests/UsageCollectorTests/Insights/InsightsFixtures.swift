import Foundation
import HummingbirdTesting
import NIOCore

@testable import UsageCollector

/// A small, hand-checked event set and the requests the insight route tests send.
enum InsightsFixtures {
    /// signup → activate → pay: u1 converts fully (600 s, then 3600 s), u2 activates in the same second
    /// (a zero-second conversion), u3 skips activate, u4 never signs up; u1 activates again a day later.
    static let events: [(String, String, String, String)] = [
        ("u1", "signup", "2026-01-05T10:00:00Z", #"{"plan": "pro", "amount": 10}"#),
        ("u1", "activate", "2026-01-05T10:10:00Z", #"{"plan": "pro"}"#),
        ("u1", "pay", "2026-01-05T11:10:00Z", #"{"plan": "pro", "amount": 30}"#),
        ("u2", "signup", "2026-01-05T12:00:00Z", #"{"plan": "free", "amount": 20}"#),
        ("u2", "activate", "2026-01-05T12:00:00Z", #"{"plan": "free"}"#),
        ("u3", "signup", "2026-01-06T09:00:00Z", #"{"amount": "not a number"}"#),
        ("u3", "pay", "2026-01-06T09:30:00Z", #"{}"#),
        ("u4", "activate", "2026-01-06T10:00:00Z", #"{"plan": "team"}"#),
        ("u1", "activate", "2026-01-06T15:00:00Z", #"{"plan": "pro"}"#),
    ]

    static func batch(_ events: [(String, String, String, String)] = Self.events) -> String {
        let lines = events.map { person, name, time, properties in
            #"{"event": "\#(name)", "distinct_id": "\#(person)", "timestamp": "\#(time)", "uuid": "\#(UUID().uuidString.lowercased())", "properties": \#(properties)}"#
        }
        return Payload.batch(lines)
    }

    static let funnel = """
        {"query": {"kind": "FunnelsQuery", "series": [{"kind": "EventsNode", "event": "signup"},
          {"kind": "EventsNode", "event": "activate"}, {"kind": "EventsNode", "event": "pay"}],
         "dateRange": {"date_from": "2026-01-01", "date_to": "2026-01-10"},
         "funnelsFilter": {"funnelWindowInterval": 14, "funnelWindowIntervalUnit": "day", "layout": "horizontal"}}}
        """

    static let dailySignups = """
        {"query": {"kind": "TrendsQuery", "series": [{"kind": "EventsNode", "event": "signup", "custom_name": "Signups"}],
         "interval": "day", "dateRange": {"date_from": "2026-01-05", "date_to": "2026-01-07"},
         "trendsFilter": {"display": "ActionsLineGraph"}}}
        """
}

extension TestClientProtocol {
    func adminJSON(_ uri: String, _ json: String) async throws -> TestResponse {
        try await self.execute(
            uri: uri, method: .post,
            headers: [.authorization: "Bearer \(TestCollector.adminToken)", .contentType: "application/json"],
            body: ByteBuffer(string: json))
    }
}

extension TestResponse {
    /// The body parsed as JSON.
    var json: JSONValue? { JSONValue.parse(Array(self.body.readableBytesView)) }

    /// The `results` member of a query answer.
    var results: JSONValue? { self.json.flatMap { EngineAnswer.field($0, "results") } }
}
