import Foundation
import Logging
import PSA
import PostgresTestSupport
import Testing

/// The SQL engines every PSA suite runs on.
enum Engine: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// The engines to run on: PostgreSQL only where its server can be started (always under `CI`).
    static var available: [Engine] {
        PostgresTestServer.isAvailable ? allCases : [.sqlite]
    }

    /// Runs `body` with an empty, migrated database of this engine.
    func withDatabase(_ body: @Sendable (any SQLDatabase) async throws -> Void) async throws {
        let logger = Logger(label: "psa-test")
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("psa-test-\(UUID())")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let database = try await SQLiteEngine.open(path: directory.path + "/psa.sqlite", logger: logger)
            do {
                try await body(database)
                try await database.close()
            } catch {
                try? await database.close()
                throw error
            }
        case .postgres:
            let url = try await PostgresTestDatabase.create(prefix: "psa")
            let database = try PostgresEngine(url: url, logger: logger)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await database.client.run() }
                defer { group.cancelAll() }
                try await body(database)
            }
        }
    }
}
