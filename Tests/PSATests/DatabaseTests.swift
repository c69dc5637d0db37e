import Foundation
import PSA
import Testing

/// The SQL layer's promises, on both engines: one query text, transactions that commit or leave nothing,
/// unique violations named, ticket numbers that never collide, migrations that run once.
@Suite("SQL database", .timeLimit(.minutes(3)))
struct DatabaseTests {
    @Test(arguments: Engine.available)
    func valuesRoundTrip(engine: Engine) async throws {
        try await engine.withDatabase { database in
            try await database.query("CREATE TABLE sample (id TEXT PRIMARY KEY, n BIGINT, r DOUBLE PRECISION, t TEXT)")
            let text = "naïve 'quoted' \"text\" ; -- 🚀"
            try await database.query(
                "INSERT INTO sample (id, n, r, t) VALUES (\("a"), \(Int64.max), \(2.5), \(text))")
            try await database.query(
                "INSERT INTO sample (id, n, r, t) VALUES (\("b"), \(Int64?.none), \(-1.0), \(String?.none))")
            let rows = try await database.query("SELECT id, n, r, t FROM sample ORDER BY id")
            #expect(try rows[0].integer("n") == Int64.max)
            #expect(rows[0].values["r"] == .real(2.5))
            #expect(try rows[0].string("t") == text)
            #expect(try rows[1].optionalInteger("n") == nil)
            #expect(try rows[1].optionalString("t") == nil)
        }
    }

    @Test(arguments: Engine.available)
    func aFailedTransactionLeavesNothing(engine: Engine) async throws {
        struct Abort: Error {}
        try await engine.withDatabase { database in
            try await database.query("CREATE TABLE sample (id TEXT PRIMARY KEY)")
            await #expect(throws: Abort.self) {
                try await database.transaction { session in
                    try await session.query("INSERT INTO sample (id) VALUES (\("a"))")
                    throw Abort()
                }
            }
            await #expect(throws: DatabaseError.uniqueViolation) {
                try await database.transaction { session in
                    try await session.query("INSERT INTO sample (id) VALUES (\("b"))")
                    try await session.query("INSERT INTO sample (id) VALUES (\("b"))")
                }
            }
            #expect(try await database.query("SELECT id FROM sample").isEmpty)
        }
    }

    @Test(arguments: Engine.available)
    func concurrentTicketsGetDistinctNumbers(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { _, client in
            let admin = try await client.signUp()
            let numbers = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        let ticket = try await client.createTicket(by: admin, json: #"{"title": "T\#(index)"}"#)
                        return ticket["number"] as? Int ?? 0
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(numbers.sorted() == Array(1...20))
        }
    }

    @Test(arguments: Engine.available)
    func migrationsRunOnceAndRefuseANewerSchema(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { psa, _ in
            try await psa.psa.migrate()
            let versions = try await psa.psa.database.query("SELECT version FROM schema_migrations")
            #expect(versions.count == 6)
            try await psa.psa.database.query("INSERT INTO schema_migrations (version, applied_at) VALUES (99, 0)")
            await #expect(throws: DatabaseError.self) { try await psa.psa.migrate() }
        }
    }
}
