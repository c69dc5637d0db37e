import Foundation

/// Evaluates flags for one person from their properties. Pure: the clock is a parameter, no I/O.
///
/// Follows posthog-python `match_feature_flag_properties`: condition groups in order, the first whose
/// filters match and whose rollout takes the person in decides; a condition's `variant` override
/// wins over the bucketed pick when it names a real variant. In local evaluation a condition that
/// cannot decide is skipped, and if no later one matches the flag is inconclusive.
///
/// ```swift
/// let evaluator = FlagEvaluator(mode: .local)
/// let result = evaluator.evaluate(flag, distinctID: "tenant-42", properties: ["plan": "pro"])
/// ```
public struct FlagEvaluator: Sendable {
    /// Where the evaluation runs, which decides what a missing property means.
    public enum Mode: Sendable, Hashable {
        /// In an SDK: a missing property is inconclusive, and the caller asks the collector.
        case local
        /// In the collector: the properties sent are all there are; a missing property does not match.
        case server
    }

    /// The mode.
    public var mode: Mode

    /// An evaluator.
    public init(mode: Mode) {
        self.mode = mode
    }

    /// The flag's value for `subject`, or `nil` when local evaluation cannot decide.
    ///
    /// A flag per person buckets on the distinct id and matches person properties. A group flag
    /// (posthog-python `_compute_flag_locally`) buckets on the key of the subject's group of the flag's type,
    /// named by `groupTypeMapping`, and matches that group's properties plus `$group_key`. When the subject has
    /// no such group, the collector answers disabled (`no_group_type`) and an SDK asks the collector.
    public func evaluate(
        _ flag: FeatureFlag, for subject: FlagSubject, groupTypeMapping: [String: String], now: Date = Date(),
        cohorts: Set<Int>? = nil
    ) -> FlagEvaluation? {
        guard let index = flag.aggregationGroupTypeIndex, flag.active else {
            return evaluate(
                flag, distinctID: subject.distinctID, properties: subject.personProperties, now: now, cohorts: cohorts)
        }
        guard let groupType = groupTypeMapping[String(index)], let groupKey = subject.groups[groupType] else {
            guard mode == .server else { return nil }
            return FlagEvaluation(key: flag.key, value: .disabled, reason: FlagReason(code: .noGroupType), payload: nil)
        }
        var properties = subject.groupProperties[groupType] ?? [:]
        if properties["$group_key"] == nil { properties["$group_key"] = .string(groupKey) }
        return evaluate(flag, distinctID: groupKey, properties: properties, now: now, cohorts: cohorts)
    }

    /// The flag's value for `distinctID`, or `nil` when local evaluation cannot decide; `distinctID` is the
    /// bucketing value (a group key for a group flag) and `properties` what the conditions match.
    /// - Parameter cohorts: the cohorts (of ``FeatureFlag/cohortIDs``) the person belongs to, as only the
    ///   collector knows; `nil` leaves every cohort condition undecided.
    public func evaluate(
        _ flag: FeatureFlag, distinctID: String, properties: [String: PropertyValue], now: Date = Date(),
        cohorts: Set<Int>? = nil
    ) -> FlagEvaluation? {
        guard flag.active else {
            return FlagEvaluation(
                key: flag.key, value: .disabled, reason: FlagReason(code: .flagDisabled), payload: nil)
        }
        var isInconclusive = false
        var firstOutOfRollout: Int?
        for (index, condition) in flag.conditions.enumerated() {
            switch match(
                condition, of: flag, distinctID: distinctID, properties: properties, now: now, cohorts: cohorts)
            {
            case .inconclusive:
                isInconclusive = true
            case .noMatch:
                continue
            case .outOfRollout:
                firstOutOfRollout = firstOutOfRollout ?? index
            case .match:
                let value = self.value(of: flag, condition: condition, distinctID: distinctID)
                return FlagEvaluation(
                    key: flag.key, value: value, reason: FlagReason(code: .conditionMatch, conditionIndex: index),
                    payload: payload(of: flag, value: value))
            }
        }
        if isInconclusive { return nil }
        let reason =
            firstOutOfRollout.map { FlagReason(code: .outOfRolloutBound, conditionIndex: $0) }
            ?? FlagReason(code: .noConditionMatch)
        return FlagEvaluation(key: flag.key, value: .disabled, reason: reason, payload: nil)
    }

    private enum ConditionMatch {
        case match, noMatch, outOfRollout, inconclusive
    }

    private func match(
        _ condition: FlagCondition, of flag: FeatureFlag, distinctID: String, properties: [String: PropertyValue],
        now: Date, cohorts: Set<Int>?
    ) -> ConditionMatch {
        for filter in condition.properties {
            switch filter.match(properties, missingIsInconclusive: mode == .local, now: now) {
            case .match: continue
            case .noMatch: return .noMatch
            case .inconclusive: return .inconclusive
            }
        }
        for filter in condition.cohorts {
            switch filter.match(isMember: cohorts.map { $0.contains(filter.cohortID) }) {
            case .match: continue
            case .noMatch: return .noMatch
            case .inconclusive: return .inconclusive
            }
        }
        let isIn = FlagBucketing.isWithinRollout(
            flagKey: flag.key, bucketingValue: distinctID, rolloutPercentage: condition.rolloutPercentage)
        return isIn ? .match : .outOfRollout
    }

    private func value(of flag: FeatureFlag, condition: FlagCondition, distinctID: String) -> FlagEvaluation.Value {
        if let forced = condition.variant, flag.variants.contains(where: { $0.key == forced }) {
            return .variant(forced)
        }
        // A multivariate flag whose variants do not cover the hash is plainly on, as in PostHog.
        return FlagBucketing.variant(of: flag, bucketingValue: distinctID).map { .variant($0) } ?? .enabled
    }

    private func payload(of flag: FeatureFlag, value: FlagEvaluation.Value) -> PropertyValue? {
        switch value {
        case .disabled: nil
        case .enabled: flag.payloads["true"]
        case .variant(let key): flag.payloads[key]
        }
    }
}
