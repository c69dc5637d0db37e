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
}

/// Runs `body` with a migrated, empty store of `engine`; for PostgreSQL, a new database on the shared
/// test server. Returns without running `body` (printing why) when PostgreSQL is unavailable outside CI.
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
        guard let url = try await PostgresDatabase.create() else { return }
        let store = PostgresEventStore(
            configuration: try PostgresEventStore.configuration(url: url),
            logger: Logger(label: "postgres-test")
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
    /// A `postgres://` URL of a new empty database, or nil when PostgreSQL is unavailable outside CI
    /// (inside CI, that records a test failure).
    static func create() async throws -> String? {
        switch await PostgresTestServer.shared.start() {
        case .failure(let unavailable):
            if ProcessInfo.processInfo.environment["CI"] != nil {
                Issue.record("PostgreSQL is required in CI but unavailable: \(unavailable.reason)")
            } else {
                print("SKIPPED PostgreSQL test: \(unavailable.reason)")
            }
            return nil
        case .success:
            return try await PostgresTestDatabase.create(prefix: "collector")
        }
    }
}
