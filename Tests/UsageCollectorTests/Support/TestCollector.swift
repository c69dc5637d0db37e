import CompressNIO
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

@testable import UsageCollector

/// A collector over a fresh SQLite database in a temporary directory, driven over real HTTP on loopback.
final class TestCollector: Sendable {
    static let projectKey = "phc_test_project"
    static let otherProjectKey = "phc_other_project"
    static let adminToken = "admin-token-0123456789abcdef"

    let collector: Collector
    let directory: URL

    var store: any EventStore { self.collector.store }

    init(
        configure: (inout CollectorConfiguration) -> Void = { _ in },
        store: (any EventStore)? = nil
    ) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("collector-test-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = CollectorConfiguration(
            port: 0,
            dataDirectory: directory.path,
            projectKeys: [Self.projectKey, Self.otherProjectKey],
            adminToken: Self.adminToken
        )
        configure(&configuration)
        let logger = Logger(label: "collector-test")
        if let store {
            self.collector = try Collector(configuration: configuration, store: store, logger: logger)
        } else {
            self.collector = try Collector.open(configuration: configuration, logger: logger)
        }
        self.directory = directory
    }

    deinit {
        try? FileManager.default.removeItem(at: self.directory)
    }

    /// Runs `body` against the live application (real sockets, port 0).
    func withLiveServer<Value: Sendable>(
        _ setup: TestingSetup = .live,
        _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        try await self.collector.buildApplication().test(setup, body)
    }
}

/// Request and body builders shared by the tests.
enum Payload {
    static func event(
        _ name: String = "ticket_created",
        distinctID: String? = "user-1",
        uuid: UUID? = UUID(),
        extra: String = ""
    ) -> String {
        var fields = [#""event": \#(JSONText.quoted(name))"#]
        if let distinctID { fields.append(#""distinct_id": \#(JSONText.quoted(distinctID))"#) }
        if let uuid { fields.append(#""uuid": "\#(uuid.uuidString.lowercased())""#) }
        fields.append(#""properties": {"$lib": "tests", "priority": "high", "n": 3}"#)
        if !extra.isEmpty { fields.append(extra) }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    static func batch(_ events: [String], apiKey: String? = TestCollector.projectKey, sentAt: String? = nil) -> String {
        var fields: [String] = []
        if let apiKey { fields.append(#""api_key": "\#(apiKey)""#) }
        if let sentAt { fields.append(#""sent_at": "\#(sentAt)""#) }
        fields.append(#""batch": [\#(events.joined(separator: ","))]"#)
        return "{" + fields.joined(separator: ", ") + "}"
    }

    static func gzip(_ text: String) -> ByteBuffer { Self.gzip(ByteBuffer(string: text)) }

    static func gzip(_ buffer: ByteBuffer) -> ByteBuffer {
        var input = buffer
        return try! input.compress(with: .gzip())
    }
}

extension TestClientProtocol {
    func post(_ uri: String, _ body: ByteBuffer, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await self.execute(uri: uri, method: .post, headers: headers, body: body)
    }

    func post(_ uri: String, json: String, headers: HTTPFields = [.contentType: "application/json"]) async throws
        -> TestResponse
    {
        try await self.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: json))
    }

    func admin(_ uri: String, method: HTTPRequest.Method, body: ByteBuffer? = nil) async throws -> TestResponse {
        try await self.execute(
            uri: uri,
            method: method,
            headers: [.authorization: "Bearer \(TestCollector.adminToken)"],
            body: body
        )
    }
}

extension TestResponse {
    var text: String { String(buffer: self.body) }
}

/// The exact error body the collector sends.
func errorBody(_ code: String, _ detail: String, type: String = "validation_error") -> String {
    #"{"type": "\#(type)", "code": "\#(code)", "detail": "\#(detail)"}"#
}
