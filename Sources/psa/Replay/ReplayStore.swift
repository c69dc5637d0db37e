import Foundation
import Logging
import UsageCollector

/// Opens the collector's existing store for reading, as `psa collector` would (never creating one).
enum ReplayStore {
    static func withStore<Result>(
        dataDirectory: String, databaseURL: String?, logger: Logger,
        _ body: (any EventStore) async throws -> Result
    ) async throws -> Result {
        guard let databaseURL else {
            let path = dataDirectory + "/events.sqlite"
            guard FileManager.default.fileExists(atPath: path) else {
                throw ReplayError("no collector database at \(path): give --data-dir, --database-url or --file")
            }
            return try await body(try SQLiteEventStore(path: path))
        }
        let store = try PostgresEventStore(url: databaseURL, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await store.client.run() }
            defer { group.cancelAll() }
            do {
                return try await body(store)
            } catch let error as ReplayError {
                throw error
            } catch {
                throw ReplayError("reading the events failed: \(CollectorStartupError.cause(of: error))")
            }
        }
    }
}
