import Foundation

@testable import UsageCollector

/// A deliberately simple recomputation of an experiment's counts from raw events, for the brute-force
/// comparison: dictionaries, no columns, and an exhaustive search for funnel conversions.
struct ReferenceExperiment {
    struct RawEvent {
        var distinctID: String
        var event: String
        var timestamp: Int64
        var properties: [String: JSONValue]
    }

    struct VariantCounts: Equatable {
        var exposures = 0
        var conversions = 0
        var sum = 0.0
    }

    var flagKey: String
    var variants: [String]
    /// nil: per distinct id; else the `$groups` type.
    var groupType: String?
    var from: Int64
    var to: Int64

    func unit(of event: RawEvent) -> String? {
        guard let groupType else { return event.distinctID }
        guard case .object(let groups)? = event.properties["$groups"], case .string(let key)? = groups[groupType],
            !key.isEmpty
        else { return nil }
        return key
    }

    /// Each unit's variant and first exposure, and how many units saw more than one variant.
    func assignments(_ events: [RawEvent]) -> (units: [String: (variant: String, first: Int64)], mixed: Int) {
        var seen: [String: Set<String>] = [:]
        var first: [String: (variant: String, first: Int64)] = [:]
        for event in events
        where event.event == "$feature_flag_called" && event.timestamp >= self.from
            && event.timestamp <= self.to
        {
            guard event.properties["$feature_flag"] == .string(self.flagKey),
                case .string(let variant)? = event.properties["$feature_flag_response"],
                self.variants.contains(variant), let unit = self.unit(of: event)
            else { continue }
            seen[unit, default: []].insert(variant)
            if first[unit] == nil || event.timestamp < first[unit]!.first { first[unit] = (variant, event.timestamp) }
        }
        let mixed = seen.filter { $0.value.count > 1 }.map(\.key)
        for unit in mixed { first[unit] = nil }
        return (first, mixed.count)
    }

    /// Per variant: exposed units, and for a funnel of `steps` (event names) the units converting within
    /// `window` of their first exposure.
    func funnel(_ events: [RawEvent], steps: [String], window: Int64) -> [String: VariantCounts] {
        let (units, _) = self.assignments(events)
        var counts: [String: VariantCounts] = [:]
        for (unit, assignment) in units {
            let own = events.filter {
                self.unit(of: $0) == unit && $0.timestamp >= assignment.first
                    && $0.timestamp <= min(self.to, assignment.first + window) && steps.contains($0.event)
            }
            counts[assignment.variant, default: VariantCounts()].exposures += 1
            if Self.exists(steps: steps, in: own, used: [], after: Int64.min) {
                counts[assignment.variant, default: VariantCounts()].conversions += 1
            }
        }
        return counts
    }

    /// Backtracking over every choice of distinct events, one per step, with non-decreasing timestamps.
    static func exists(steps: [String], in events: [RawEvent], used: Set<Int>, after: Int64) -> Bool {
        guard let step = steps.first else { return true }
        for index in events.indices
        where !used.contains(index) && events[index].event == step && events[index].timestamp >= after {
            if exists(
                steps: Array(steps.dropFirst()), in: events, used: used.union([index]), after: events[index].timestamp)
            {
                return true
            }
        }
        return false
    }

    /// Per variant: exposed units and the sum over them of `event` counts (or of `property`) from the first
    /// exposure to the end.
    func mean(_ events: [RawEvent], event name: String, property: String?) -> [String: VariantCounts] {
        let (units, _) = self.assignments(events)
        var counts: [String: VariantCounts] = [:]
        for (unit, assignment) in units {
            counts[assignment.variant, default: VariantCounts()].exposures += 1
            for event in events
            where event.event == name && self.unit(of: event) == unit && event.timestamp >= assignment.first
                && event.timestamp <= self.to
            {
                if let property {
                    guard let value = event.properties[property], let number = PropertyFilter.numeric(value) else {
                        continue
                    }
                    counts[assignment.variant, default: VariantCounts()].sum += number
                } else {
                    counts[assignment.variant, default: VariantCounts()].sum += 1
                }
            }
        }
        return counts
    }
}
