import Foundation
import Logging
import PostgresNIO

/// Empty databases on the test process's PostgreSQL server, one per test.
public enum PostgresTestDatabase {
    /// Creates a new empty database named `prefix` plus a random suffix and returns its `postgres://` URL.
    /// - Throws: ``PostgresTestServer/PostgresUnavailable`` when the server cannot be started.
    public static func create(prefix: String) async throws -> String {
        let port = try await PostgresTestServer.shared.start().get()
        let name = prefix + "_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let admin = PostgresClient(
            configuration: .init(
                host: "127.0.0.1", port: port, username: "postgres", password: nil, database: "postgres",
                tls: .disable),
            backgroundLogger: Logger(label: "postgres-admin")
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await admin.run() }
            defer { group.cancelAll() }
            try await admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        }
        return "postgres://postgres@127.0.0.1:\(port)/\(name)"
    }
}
