import Foundation
import HummingbirdTesting
import NIOCore
import PostgresNIO
import Testing

@testable import UsageCollector

/// `POST /api/import` is all or nothing, also when the database fails part-way through the write.
@Suite("Import in one transaction", .timeLimit(.minutes(2)))
struct ImportTransactionTests {
    /// More rows than one PostgreSQL statement takes, with the failing row in the last statement.
    static let lineCount = PostgresEventStore.rowsPerStatement + 2_000
    static let poisonLine = PostgresEventStore.rowsPerStatement + 1_000

    @Test("a storage failure late in an import leaves none of its events", arguments: Engine.available)
    func storageFailureMidImport(engine: Engine) async throws {
        let url = engine == .postgres ? try await PostgresDatabase.create() : nil
        let collector = try TestCollector(configure: { $0.databaseURL = url })
        let lines = (1...Self.lineCount).map { number in
            Payload.event(number == Self.poisonLine ? "poison_pill" : "imported", distinctID: "importer-\(number % 7)")
        }
        try await collector.withLiveServer { client in
            try await Self.failInsertsOfPoisonPills(in: collector.store)
            let failed = try await client.admin(
                "/api/import", method: .post, body: ByteBuffer(string: lines.joined(separator: "\n")))
            #expect(failed.status == .serviceUnavailable)
            #expect(failed.headers[.retryAfter] == "5")
            #expect(
                failed.text
                    == errorBody(
                        "storage_unavailable", "the events could not be stored; retry later", type: "server_error"))
            #expect(try await collector.store.count(EventFilter()) == 0)
            let exported = try await client.admin("/api/export?format=ndjson", method: .get)
            #expect(exported.text.isEmpty)

            // The same import without the failing line then stores every event: nothing was left half-written.
            var healthy = lines
            healthy.remove(at: Self.poisonLine - 1)
            let retried = try await client.admin(
                "/api/import", method: .post, body: ByteBuffer(string: healthy.joined(separator: "\n")))
            #expect(
                retried.text
                    == #"{"status": 1, "received": \#(Self.lineCount - 1), "inserted": \#(Self.lineCount - 1)}"#)
        }
    }

    /// Makes the database itself refuse rows of the event `poison_pill` (a trigger), a failure no validation sees.
    static func failInsertsOfPoisonPills(in store: any EventStore) async throws {
        switch store {
        case let sqlite as SQLiteEventStore:
            try await sqlite.pool.write { db in
                try db.execute(
                    sql: """
                        CREATE TRIGGER poison BEFORE INSERT ON events WHEN NEW.event = 'poison_pill'
                        BEGIN SELECT RAISE(ABORT, 'injected storage failure'); END
                        """)
            }
        case let postgres as PostgresEventStore:
            try await postgres.client.query(
                """
                CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.event = 'poison_pill' THEN RAISE EXCEPTION 'injected storage failure'; END IF;
                    RETURN NEW;
                END $$
                """)
            try await postgres.client.query(
                "CREATE TRIGGER poison BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION poison()")
        default:
            Issue.record("unexpected store \(type(of: store))")
        }
    }
}
