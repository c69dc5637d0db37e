import Foundation
import MetricsTestKit
import Testing
import UsageAnalytics
import UsageAnalyticsTesting

/// `capture(_:actor:at:)`: an event stamped with the time the caller gives.
@Suite("Capture at a given time")
struct TimestampCaptureTests {
    @Test("the given time is the wire timestamp and the UUIDv7's time, to the millisecond")
    func timestampOnTheWire() async throws {
        let recorder = RecordingDestination()
        let analytics = try AnalyticsClient.recording(into: recorder)
        let simulated = Date(timeIntervalSince1970: 1_700_000_000.123_4)
        analytics.capture(UserLoggedOut(userType: .client), actor: AnalyticsActor(tenant: "acme"), at: simulated)
        analytics.capture(UserLoggedOut(userType: .client), actor: nil, at: Date(timeIntervalSince1970: 0))
        await analytics.flush()
        let events = try recorder.events
        #expect(events.map(\.timestamp) == ["2023-11-14T22:13:20.123Z", "1970-01-01T00:00:00.000Z"])
        let uuid = try #require(UUID(uuidString: events[0].uuid))
        let uuidMilliseconds = withUnsafeBytes(of: uuid.uuid) { bytes in
            (0..<6).reduce(UInt64(0)) { $0 << 8 | UInt64(bytes[$1]) }
        }
        #expect(uuidMilliseconds == 1_700_000_000_123)
        #expect(events[0].eventProperties == ["user_type": "client"])
    }

    @Test(
        "a time that cannot be sent is refused and counted, and later events still go",
        arguments: [
            -1, Date.distantPast.timeIntervalSince1970, Date.distantFuture.timeIntervalSince1970, 9_000_000_001,
            .infinity, -.infinity, .nan,
        ])
    func unrepresentableTime(secondsSince1970: TimeInterval) async throws {
        // Arguments are numbers: a test name cannot describe a Date that holds NaN.
        let time = Date(timeIntervalSince1970: secondsSince1970)
        let recorder = RecordingDestination()
        let metrics = TestMetrics()
        let analytics = try AnalyticsClient.recording(into: recorder, metricsFactory: metrics)
        analytics.capture(UserLoggedOut(userType: .internal), actor: nil, at: time)
        analytics.capture(UserLoggedOut(userType: .client), actor: nil, at: Date(timeIntervalSince1970: 86_400))
        await analytics.flush()
        let events = try recorder.events
        #expect(events.map(\.timestamp) == ["1970-01-02T00:00:00.000Z"])
        #expect(events.map(\.eventProperties) == [["user_type": "client"]])
        let dropped = metrics.counterTotal(
            label: "usage_analytics_events_dropped_total", dimensions: [("reason", "invalid_timestamp")])
        #expect(dropped == 1)
    }

    @Test("a disabled client ignores timed captures")
    func disabled() async throws {
        var configuration = AnalyticsConfiguration()
        configuration.isEnabled = false
        let recorder = RecordingDestination()
        let analytics = try AnalyticsClient.recording(into: recorder, configuration: configuration)
        analytics.capture(UserLoggedOut(userType: .client), actor: nil, at: Date(timeIntervalSince1970: 86_400))
        await analytics.flush()
        #expect(try recorder.events.isEmpty)
    }
}
