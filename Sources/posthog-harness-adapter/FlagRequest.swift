import Hummingbird
@_spi(Harness) import UsageAnalytics

/// The body of the harness's `POST /get_feature_flag`:
/// `{"key", "distinct_id", "person_properties"?, "groups"?, "group_properties"?, "disable_geoip"?, "force_remote"?}`.
struct FlagRequest {
    static let maximumGroups = 20

    let key: String
    let subject: FlagSubject
    let disableGeoIP: Bool?
    let forceRemote: Bool

    init(_ body: HarnessRequestBody) throws {
        key = try body.string("key")
        guard key.utf8.count <= 400 else { throw HTTPError(.badRequest, message: "key is longer than 400 bytes") }
        let distinctID = try body.string("distinct_id")
        guard distinctID.count <= 200 else {
            throw HTTPError(.badRequest, message: "distinct_id is longer than 200 characters")
        }
        var groups: [String: String] = [:]
        for (type, value) in try Self.object(body, "groups") {
            guard case .string(let groupKey) = value, !groupKey.isEmpty, groupKey.count <= 200 else {
                throw HTTPError(.badRequest, message: "groups values must be strings of 1 to 200 characters")
            }
            groups[type] = groupKey
        }
        var groupProperties: [String: [String: PropertyValue]] = [:]
        for (type, value) in try Self.object(body, "group_properties") {
            guard case .object(let properties) = value else {
                throw HTTPError(.badRequest, message: "group_properties values must be objects")
            }
            groupProperties[type] = properties
        }
        subject = FlagSubject(
            distinctID: distinctID, personProperties: try Self.object(body, "person_properties"), groups: groups,
            groupProperties: groupProperties)
        disableGeoIP = try body.optionalBool("disable_geoip")
        forceRemote = try body.optionalBool("force_remote") ?? false
    }

    private static func object(_ body: HarnessRequestBody, _ key: String) throws -> [String: PropertyValue] {
        switch body.members[key] {
        case nil, .null: return [:]
        case .object(let members) where members.count <= 1_000: return members
        default: throw HTTPError(.badRequest, message: "\(key) must be an object of at most 1000 members")
        }
    }
}

/// `{"success": true, "value": true | false | "variant" | null}`: the flag's value, `null` when nothing decided.
struct FlagResponse: ResponseGenerator {
    let value: PropertyValue

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body: PropertyValue = ["success": true, "value": value]
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: body.jsonBytes())))
    }
}
