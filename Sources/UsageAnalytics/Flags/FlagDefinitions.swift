/// A project's flag definitions as PostHog's local-evaluation endpoint serves them:
/// `{"flags": [...], "group_type_mapping": {"0": "tenant"}, "cohorts": {}}`.
///
/// Flags this evaluator cannot evaluate locally (cohort or flag-dependency conditions, or a definition
/// that does not validate) are kept apart in ``remoteOnlyKeys``: an SDK asks the collector for those
/// instead of guessing.
public struct FlagDefinitions: Sendable, Hashable {
    /// The most group types a mapping may name.
    static let maximumGroupTypes = FlagGroupType.maximumIndex + 1

    /// The flags that evaluate locally, by key.
    public var flags: [String: FeatureFlag]
    /// Keys of flags present in the document that only the collector can evaluate.
    public var remoteOnlyKeys: Set<String>
    /// Group type names by `aggregation_group_type_index` as text (PostHog's `group_type_mapping`).
    public var groupTypeMapping: [String: String]

    /// Definitions from flags.
    public init(flags: [FeatureFlag] = [], remoteOnlyKeys: Set<String> = [], groupTypeMapping: [String: String] = [:]) {
        self.flags = Dictionary(flags.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        self.remoteOnlyKeys = remoteOnlyKeys
        self.groupTypeMapping = groupTypeMapping
    }

    /// Parses the local-evaluation document; a flag that does not parse becomes remote-only rather than failing the rest.
    /// - Throws: ``FlagDefinitionError`` when the document itself is not the expected shape.
    public init(json: PropertyValue) throws(FlagDefinitionError) {
        let document = try FlagJSONObject(json, at: "")
        var flags: [FeatureFlag] = []
        var remoteOnly: Set<String> = []
        for element in try document.array("flags") {
            do {
                let flag = try FeatureFlag(json: element)
                // Cohort membership is only known to the collector.
                if flag.cohortIDs.isEmpty { flags.append(flag) } else { remoteOnly.insert(flag.key) }
            } catch {
                if case .object(let members) = element, case .string(let key) = members["key"] {
                    remoteOnly.insert(key)
                }
            }
        }
        var mapping: [String: String] = [:]
        for (index, name) in try document.object("group_type_mapping")?.members ?? [:] {
            guard case .string(let name) = name, name.utf8.count <= 400, mapping.count < Self.maximumGroupTypes else {
                throw FlagDefinitionError(
                    field: "group_type_mapping",
                    reason: "must map at most \(Self.maximumGroupTypes) indexes to names of at most 400 bytes")
            }
            mapping[index] = name
        }
        self.init(flags: flags, remoteOnlyKeys: remoteOnly, groupTypeMapping: mapping)
    }

    /// The document in PostHog's shape, flags in key order.
    public var json: PropertyValue {
        [
            "flags": .array(flags.values.sorted { $0.key < $1.key }.map(\.json)),
            "group_type_mapping": .object(groupTypeMapping.mapValues(PropertyValue.string)), "cohorts": [:],
        ]
    }
}
