import Testing

@testable import PSA

@Suite struct SQLStatementTests {
    @Test func rendersPlaceholdersForEachEngine() {
        let tenant = "t1"
        var statement: SQLStatement = "SELECT * FROM tickets WHERE tenant_id = \(tenant)"
        statement += " AND number < \(42) AND title LIKE \("%a%")"
        #expect(
            statement.questionMarkSQL == "SELECT * FROM tickets WHERE tenant_id = ? AND number < ? AND title LIKE ?")
        #expect(statement.numberedSQL == "SELECT * FROM tickets WHERE tenant_id = $1 AND number < $2 AND title LIKE $3")
        #expect(statement.binds == [.text("t1"), .integer(42), .text("%a%")])
    }

    @Test func valuesNeverBecomeSQL() {
        let hostile = "x'); DROP TABLE tickets; --"
        let statement: SQLStatement = "SELECT id FROM tickets WHERE title = \(hostile)"
        #expect(statement.questionMarkSQL == "SELECT id FROM tickets WHERE title = ?")
        #expect(statement.binds == [.text(hostile)])
    }
}
