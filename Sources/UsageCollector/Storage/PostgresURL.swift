import Foundation
import NIOSSL
import PostgresNIO

/// A `postgres://user:password@host:port/database?sslmode=…` URL, read once into the settings of the
/// store's connection pool and of the single connection that migrates the schema.
struct PostgresURL: Sendable {
    enum SSLMode: Sendable { case disable, prefer, require }

    let host: String
    let port: Int
    let username: String
    let password: String?
    let database: String?
    let sslMode: SSLMode

    /// Parses `url`; the error names `--database-url` and never repeats the password.
    init(_ url: String) throws {
        guard let components = URLComponents(string: url),
            components.scheme == "postgres" || components.scheme == "postgresql",
            let host = components.host, !host.isEmpty
        else {
            throw CollectorConfigurationError(
                variable: "--database-url", reason: "expected postgres://user@host:port/database")
        }
        switch components.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "disable" {
        case "disable": self.sslMode = .disable
        case "prefer", "allow": self.sslMode = .prefer
        case "require", "verify-ca", "verify-full": self.sslMode = .require
        case let other:
            throw CollectorConfigurationError(variable: "--database-url", reason: "unknown sslmode \(other)")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        self.host = host
        self.port = components.port ?? 5432
        self.username = components.user ?? "postgres"
        self.password = components.password
        self.database = database.isEmpty ? nil : database
    }

    /// Settings of the store's connection pool.
    var clientConfiguration: PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS
        switch self.sslMode {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(.makeClientConfiguration())
        case .require: tls = .require(.makeClientConfiguration())
        }
        return PostgresClient.Configuration(
            host: self.host, port: self.port, username: self.username, password: self.password,
            database: self.database, tls: tls)
    }

    /// Settings of one connection outside the pool: its failures surface at once, where the pool retries.
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        switch self.sslMode {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        return PostgresConnection.Configuration(
            host: self.host, port: self.port, username: self.username, password: self.password,
            database: self.database, tls: tls)
    }
}
