import Foundation
import Logging
import PostgresNIO
import PostgresTestSupport
import Testing

@testable import UsageCollector

/// The storage engines every conformance test runs against.
enum Engine: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    var testDescription: String { self.rawValue }

    /// The engines to run on: PostgreSQL only where its server can be started (always under `CI`, where its
    /// absence fails the test).
    static var available: [Engine] {
        PostgresTestServer.isAvailable ? allCases : [.sqlite]
    }
}

/// Runs `body` with a migrated, empty store of `engine`; for PostgreSQL, a new database on the shared
/// test server (suites run PostgreSQL only when ``Engine/available`` lists it).
func withStore(_ engine: Engine, _ body: @Sendable (any EventStore) async throws -> Void) async throws {
    switch engine {
    case .sqlite:
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("collector-store-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteEventStore(path: directory.path + "/events.sqlite")
        try await store.migrate()
        try await body(store)
    case .postgres:
        let url = try await PostgresDatabase.create()
        let store = try PostgresEventStore(
            url: url, logger: Logger(label: "postgres-test")
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await store.client.run() }
            defer { group.cancelAll() }
            try await store.migrate()
            try await body(store)
        }
    }
}

/// Creating one database per test on the shared server.
enum PostgresDatabase {
    /// A `postgres://` URL of a new empty database; throws (failing the test) when the server cannot be started.
    /// Suites reach it only when ``PostgresTestServer/isAvailable``.
    static func create() async throws -> String {
        try await PostgresTestDatabase.create(prefix: "collector")
    }
}
