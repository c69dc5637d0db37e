import Foundation
import Testing

@testable import UsageCollector

@Suite("Configuration from the environment")
struct ConfigurationTests {
    @Test("valid variables are applied")
    func valid() throws {
        var configuration = CollectorConfiguration()
        try configuration.apply(
            environment: [
                "COLLECTOR_PROJECT_KEYS": "phc_a, phc_b",
                "COLLECTOR_ADMIN_TOKEN": "0123456789abcdef0123",
                "COLLECTOR_RETENTION_DAYS": "90",
                "COLLECTOR_MAX_BODY_BYTES_IN_FLIGHT": "104857600",
            ]
        )
        #expect(configuration.limits.maxBodyBytesInFlight == 104_857_600)
        #expect(configuration.projectKeys == ["phc_a", "phc_b"])
        #expect(configuration.adminToken == "0123456789abcdef0123")
        #expect(configuration.retentionDays == 90)
    }

    @Test(
        "malformed values are refused with an error naming the variable",
        arguments: [
            ("COLLECTOR_RETENTION_DAYS", "ninety"),
            ("COLLECTOR_RETENTION_DAYS", "0"),
            ("COLLECTOR_RETENTION_DAYS", "-3"),
            ("COLLECTOR_PROJECT_KEYS", ""),
            ("COLLECTOR_PROJECT_KEYS", "phc_a,,phc_b"),
            ("COLLECTOR_ADMIN_TOKEN", "short"),
            ("COLLECTOR_MAX_BODY_BYTES_IN_FLIGHT", "1GB"),
            ("COLLECTOR_MAX_BODY_BYTES_IN_FLIGHT", "-1"),
            ("COLLECTOR_MAX_BODY_BYTES_IN_FLIGHT", "1048576"),
            ("COLLECTOR_MAX_BODY_BYTES_IN_FLIGHT", "99999999999999999999999"),
        ]
    )
    func malformed(_ variable: String, _ value: String) {
        var configuration = CollectorConfiguration()
        #expect {
            try configuration.apply(environment: [variable: value])
        } throws: { error in
            (error as? CollectorConfigurationError)?.variable == variable
                && "\(error)".hasPrefix("invalid \(variable): ")
        }
    }

    @Test("database URLs are parsed; other schemes are refused")
    func databaseURL() throws {
        let url = try PostgresURL("postgres://app:secret@db.internal:6543/analytics?sslmode=require")
        let pool = url.clientConfiguration
        #expect(pool.host == "db.internal")
        #expect(pool.port == 6543)
        #expect(pool.username == "app")
        #expect(pool.password == "secret")
        #expect(pool.database == "analytics")
        let migration = try url.connectionConfiguration()
        #expect(migration.host == "db.internal" && migration.port == 6543 && migration.database == "analytics")
        #expect(migration.tls.isEnforced)
        for refused in ["mysql://db/x", "postgres:///x", "postgres://db/x?sslmode=sometimes"] {
            #expect(throws: CollectorConfigurationError.self) { try PostgresURL(refused) }
        }
    }

    @Test("project keys match only exactly")
    func projectKeys() {
        let keys = ProjectKeys(keys: ["phc_alpha", "phc_beta"])
        #expect(keys.match("phc_beta") == "phc_beta")
        #expect(keys.match("phc_bet") == nil)
        #expect(keys.match("phc_betaa") == nil)
        #expect(keys.match("") == nil)
        #expect(SecretComparison.equals("", "") == false)
    }
}

@Suite("Generated secrets")
struct CollectorKeyFileTests {
    @Test("the project key and admin token are generated once, kept, and the token is private to its owner")
    func generatedOnce() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("collector-keys-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let key = try CollectorKeyFile.loadOrCreate(directory: directory)
        let token = try CollectorKeyFile.loadOrCreateAdminToken(directory: directory)
        #expect(key.hasPrefix("phc_") && key.count == 36)
        #expect(token.count == 64 && token.allSatisfy(\.isHexDigit))
        #expect(try CollectorKeyFile.loadOrCreate(directory: directory) == key)
        #expect(try CollectorKeyFile.loadOrCreateAdminToken(directory: directory) == token)
        let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/admin-token")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        var configuration = CollectorConfiguration()
        try configuration.apply(environment: ["COLLECTOR_ADMIN_TOKEN": token])
        #expect(configuration.adminToken == token)
    }
}
