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

    /// The flag for `actor`, bucketed on the distinct id its events are sent with; person properties are
    /// filtered as a generic event's are before they are sent. Also returns the exposure to capture, if
    /// this (distinct id, flag, value) has not been reported yet.
    func evaluate(
        _ key: String, for actor: AnalyticsActor, personProperties: [String: PropertyValue]
    ) async -> (evaluation: FlagEvaluation, newExposure: FlagExposure?)? {
        let distinctID = processor.distinctID(for: actor)
        let properties = processor.filteredGenericValues(personProperties)
        guard let answer = await client.resolve(key, distinctID: distinctID, properties: properties) else {
            return nil
        }
        guard let exposure = FlagExposure(answer.evaluation, locallyEvaluated: answer.isLocal),
            exposures.insert(exposure, distinctID: distinctID)
        else { return (answer.evaluation, nil) }
        return (answer.evaluation, exposure)
    }
}
