/// The properties EVENTS.md puts on every event.
struct CommonProperties: Sendable {
    /// Names a generic event may not set itself.
    static let names: Set<String> = ["app_version", "environment", "deployment_type", "user_ids_anonymized"]

    /// The library name sent as `$lib`.
    static let library = "usage-analytics-swift"

    private let fixed: [(key: String, value: WireValue)]
    private let sendsRawUserIDs: Bool

    init(configuration: AnalyticsConfiguration) {
        sendsRawUserIDs = configuration.deploymentType == .hosted && !configuration.anonymizeUserIDs
        fixed = [
            ("$lib", .value(.string(Self.library))),
            ("$lib_version", .value(.string(UsageAnalyticsVersion.current))),
            ("$geoip_disable", .value(.bool(true))),
            ("app_version", .value(.string(configuration.appVersion))),
            ("environment", .value(.string(configuration.environment.rawValue))),
            ("deployment_type", .value(.string(configuration.deploymentType.rawValue))),
            ("user_ids_anonymized", .value(.bool(!sendsRawUserIDs))),
        ]
    }

    func properties(for actor: AnalyticsActor?, groupKey: String?) -> [(key: String, value: WireValue)] {
        var result = fixed
        let buildsProfile = sendsRawUserIDs && actor?.userID != nil
        result.append(("$process_person_profile", .value(.bool(buildsProfile))))
        if let actor, let groupKey {
            result.append(("$groups", .value(.object(["tenant": .string(groupKey)]))))
            if buildsProfile, let userType = actor.userType {
                result.append(("$set", .value(.object(["user_type": .string(userType.rawValue)]))))
            }
        }
        return result
    }
}
