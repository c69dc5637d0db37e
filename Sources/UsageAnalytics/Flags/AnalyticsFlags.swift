/// The enabled ``AnalyticsClient``'s flag machinery: evaluation under the client's identity and
/// privacy rules, and the once-per-value exposure cache.
final class AnalyticsFlags: Sendable {
    let client: FeatureFlagClient
    private let processor: EventProcessor
    private let exposures: FlagExposureCache

    init(client: FeatureFlagClient, processor: EventProcessor, exposures: FlagExposureCache = FlagExposureCache()) {
        self.client = client
        self.processor = processor
        self.exposures = exposures
    }

    /// The flag for `actor`, bucketed on the distinct id its events are sent with, or for a tenant-aggregated
    /// flag on the tenant's group key, the one `$groups.tenant` carries. Person and tenant properties are
    /// filtered as a generic event's are before they are sent. Also returns the exposure to capture, if
    /// this (distinct id, flag, value) has not been reported yet.
    func evaluate(
        _ key: String, for actor: AnalyticsActor, personProperties: [String: PropertyValue],
        tenantProperties: [String: PropertyValue]
    ) async -> (evaluation: FlagEvaluation, newExposure: FlagExposure?)? {
        let tenant = processor.filteredGenericValues(tenantProperties)
        let subject = FlagSubject(
            distinctID: processor.distinctID(for: actor),
            personProperties: processor.filteredGenericValues(personProperties),
            groups: [FlagGroupType.tenant: processor.tenantGroupKey(for: actor)],
            groupProperties: tenant.isEmpty ? [:] : [FlagGroupType.tenant: tenant])
        return await evaluate(key, subject: subject)
    }

    /// The flag for a subject taken as given (the harness adapter's verbatim mode).
    func evaluate(
        _ key: String, subject: FlagSubject, forceRemote: Bool = false, disableGeoIP: Bool? = nil
    ) async -> (evaluation: FlagEvaluation, newExposure: FlagExposure?)? {
        guard
            let answer = await client.resolve(
                key, subject: subject, forceRemote: forceRemote, disableGeoIP: disableGeoIP)
        else { return nil }
        guard let exposure = FlagExposure(answer.evaluation, locallyEvaluated: answer.isLocal),
            exposures.insert(exposure, distinctID: subject.distinctID)
        else { return (answer.evaluation, nil) }
        return (answer.evaluation, exposure)
    }
}
