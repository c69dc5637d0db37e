import ArgumentParser
import Foundation
import Logging
import UsageAnalytics

/// `psa privacy`: shows exactly what would leave the process under the current configuration.
struct PrivacyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "privacy",
        abstract: "Print the exact wire payload events would produce under the current configuration.",
        discussion: """
            Reads the same environment variables as `psa serve` (DEPLOYMENT_TYPE, ANALYTICS_ANONYMIZE_USER_IDS, \
            ALGA_USAGE_STATS, ...). Prints a JSON array of the events that would leave the process: empty when \
            analytics is off. By default that is one generic event with the given or example properties; with \
            --catalogue it is an illustrative example of every typed catalogue event, the values made up, the \
            properties, ids and common properties exactly as they would be sent. Ids are hashed with a throwaway \
            secret, so they differ from a real installation's.
            """)

    @Flag(
        name: .long,
        help: "Preview an illustrative example of every typed catalogue event instead of a generic event.")
    var catalogue = false

    @Option(name: .long, help: "A JSON file with an object of properties to send with a generic event.")
    var properties: String?

    @Option(name: .long, help: "The generic event's name (with --declaration: the declared name).")
    var event: String = "privacy_check"

    @Option(
        name: .long,
        help: "A JSON file declaring the generic event's properties and privacy classes, checked as the app would.")
    var declaration: String?

    @Option(name: .long, help: "The tenant id of the example actor.")
    var tenant: String = "example-tenant"

    @Option(name: .long, help: "The user id of the example actor.")
    var user: String = "example-user"

    static let maximumFileSize = 1_048_576

    func validate() throws {
        guard catalogue else { return }
        let genericOptions = [
            ("--properties", properties != nil), ("--declaration", declaration != nil),
            ("--event", event != "privacy_check"),
        ]
        if let (option, _) = genericOptions.first(where: \.1) {
            throw ValidationError("--catalogue previews the typed events; \(option) applies to a generic event only")
        }
    }

    func run() async throws {
        var configuration: AnalyticsConfiguration
        do {
            configuration = try AnalyticsConfiguration(environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError(error.description)
        }
        let actor = AnalyticsActor(tenant: tenant, user: user, userType: .internal)
        if catalogue {
            let payload = try await PrivacyPreview.catalogue(configuration: configuration, actor: actor)
            print(String(decoding: payload, as: UTF8.self))
            return
        }
        var name = event
        if let declaration {
            let declared = try Self.readDeclaration(from: declaration)
            configuration.declaredGenericEvents = [declared]
            name = declared.name
        }
        let values = try properties.map(Self.readProperties) ?? Self.exampleProperties
        let payload = try await PrivacyPreview.payload(
            configuration: configuration, event: name, properties: values, actor: actor)
        print(String(decoding: payload, as: UTF8.self))
    }

    static let exampleProperties: [String: PropertyValue] = [
        "feature_name": "ticket_board", "item_count": 12, "contact_email": "jane.doe@example.com",
        "note": "Call me at +1 415 555 0100",
    ]

    static func readProperties(from path: String) throws -> [String: PropertyValue] {
        guard case .object(let members) = try readJSON(from: path, option: "--properties") else {
            throw ValidationError("--properties file \(path) must contain a JSON object")
        }
        return members
    }

    static func readDeclaration(from path: String) throws -> GenericEventDeclaration {
        do {
            return try GenericEventDeclaration(json: try readJSON(from: path, option: "--declaration"))
        } catch let error as GenericEventDeclarationError {
            throw ValidationError("--declaration file \(path): \(error)")
        }
    }

    /// The JSON value in the file at `path`, at most ``maximumFileSize`` bytes.
    static func readJSON(from path: String, option: String) throws -> PropertyValue {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ValidationError("cannot read \(option) file \(path)")
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: maximumFileSize + 1)) ?? Data()
        guard data.count <= maximumFileSize else {
            throw ValidationError("\(option) file \(path) is larger than \(maximumFileSize) bytes")
        }
        do {
            return try PropertyValue(json: Array(data))
        } catch {
            throw ValidationError("\(option) file \(path) is not valid JSON: \(error)")
        }
    }
}
