import Foundation
import Testing

@testable import UsageAnalytics

/// A server that cannot be reached costs a delivery attempt the connect timeout, never the whole
/// request timeout. Each request below may take 600 s; the suite's time limit is what bounds the
/// wait, so nothing here measures time.
@Suite("Connect timeout", .timeLimit(.minutes(1)))
struct ConnectTimeoutTests {
    static let event = EncodedEvent(uuid: UUID(), name: "e", json: Array(#"{"event":"e"}"#.utf8))

    @Test("a server that never completes the handshake fails the attempt at the connect timeout")
    func blackHoledServer() async throws {
        let listener = try FullBacklogListener()
        let destination = PostHogDestination(
            host: "http://127.0.0.1:\(listener.port)", apiKey: "k", timeout: .seconds(600),
            connectTimeout: .seconds(1))
        let failure = try await #require(throws: DeliveryFailure.self) { try await destination.deliver([Self.event]) }
        #expect(failure.kind == .transient)
        #expect(failure.reason.contains("connectTimeout"), "\(failure.reason)")
    }

    @Test("a refused connection fails the attempt at once, without waiting for the request timeout")
    func refusedConnection() async throws {
        let refused = try RefusedPort()
        let destination = PostHogDestination(
            host: "http://127.0.0.1:\(refused.port)", apiKey: "k", timeout: .seconds(600))
        let failure = try await #require(throws: DeliveryFailure.self) { try await destination.deliver([Self.event]) }
        #expect(failure.kind == .transient && failure.statusCode == nil)
    }

    @Test("the client built from the environment uses ANALYTICS_CONNECT_TIMEOUT")
    func fromEnvironment() async throws {
        let listener = try FullBacklogListener()
        let configuration = try AnalyticsConfiguration(environment: [
            "POSTHOG_HOST": "http://127.0.0.1:\(listener.port)", "POSTHOG_API_KEY": "phc_x",
            "ANALYTICS_REQUEST_TIMEOUT": "600", "ANALYTICS_CONNECT_TIMEOUT": "1",
        ])
        #expect(configuration.connectTimeout == .seconds(1))
        let destination = try #require(PostHogDestination(configuration: configuration, apiKey: "unused"))
        let failure = try await #require(throws: DeliveryFailure.self) { try await destination.deliver([Self.event]) }
        #expect(failure.reason.contains("connectTimeout"), "\(failure.reason)")
    }
}
