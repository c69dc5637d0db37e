import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import UsageAnalytics
import UsageAnalyticsHummingbird
import UsageAnalyticsTesting

/// A router with ``HeaderAuthenticator`` then ``AnalyticsMiddleware`` (manual clock), recording
/// what leaves the process. Tests add their routes, run requests, and read the events.
struct MiddlewareHarness {
    let recorder = RecordingDestination()
    let analytics: AnalyticsClient
    let clock = ManualClock()
    let router = Router(context: TestRequestContext.self)

    /// Hosted without anonymization, so `distinct_id` shows the user id as `user_<id>`.
    static var configuration: AnalyticsConfiguration {
        var configuration = AnalyticsConfiguration()
        configuration.deploymentType = .hosted
        configuration.anonymizeUserIDs = false
        configuration.environment = .test
        return configuration
    }

    init(
        configuration: AnalyticsConfiguration = Self.configuration,
        random: @escaping @Sendable () -> Double = { 0.5 }
    ) throws {
        analytics = try AnalyticsClient.recording(into: recorder, configuration: configuration)
        router.add(middleware: HeaderAuthenticator())
        router.add(
            middleware: AnalyticsMiddleware(
                analytics: analytics, configuration: configuration, clock: clock, random: random))
    }

    /// Runs `requests` against the router (no sockets), flushes, and returns every event sent.
    func run(_ requests: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws
        -> [CapturedEvent]
    {
        try await Application(router: router).test(.router, requests)
        await analytics.flush()
        return try recorder.events
    }
}

extension TestClientProtocol {
    /// Sends a request and returns the response's status code.
    @discardableResult
    func status(_ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields = [:]) async throws -> Int {
        try await execute(uri: uri, method: method, headers: headers) { $0.status.code }
    }

    /// Sends a request and expects the response to have `status`.
    func expect(
        _ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields = [:], status expected: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let received = try await status(method, uri, headers: headers)
        #expect(received == expected, sourceLocation: sourceLocation)
    }
}

extension CapturedEvent {
    /// The event's exact wire bytes as text, to check that a value never left the process.
    var wireText: String { String(decoding: json, as: UTF8.self) }
}
