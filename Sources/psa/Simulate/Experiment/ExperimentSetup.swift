import Foundation
import UsageAnalytics

/// Makes sure the collector has the search experiment's flag and experiment before the traffic starts;
/// running it again finds both instead of creating them twice.
struct ExperimentSetup: Sendable {
    /// The flag as the collector holds it.
    struct Flag: Sendable, Equatable {
        let id: Int
        let created: Bool
        /// Whether it buckets by the `tenant` group; a collector without group flags gets a person flag, which
        /// on-premise (one distinct id per tenant) splits by tenant just the same.
        let tenantAggregated: Bool
    }

    /// What became of the experiment.
    enum Experiment: Sendable, Equatable {
        case created(id: Int)
        case existing(id: Int)
        /// The collector has no experiments API (`404` on its route); the flag and exposures still work.
        case unavailable
    }

    let admin: CollectorAdmin

    /// Finds the flag by key, or creates it (tenant-aggregated when the collector accepts group flags).
    /// - Throws: ``SimulationFailure`` when the collector refuses, or holds a flag of that key with other variants.
    func ensureFlag() async throws -> Flag {
        let path = admin.projectPath + "/feature_flags"
        let list = try await admin.get(path)
        guard list.status == 200 else { throw failure("listing flags", list) }
        let key = SearchExperiment.flag.key
        if let existing = list.results.first(where: { $0["key"] == .string(key) }) {
            guard case .int(let id)? = existing["id"], Self.variantKeys(of: existing) == ["control", "test"] else {
                throw SimulationFailure(
                    "the collector already has a flag '\(key)' whose variants are not control and test: "
                        + "archive it, or use another project with --collector-project")
            }
            let aggregation = Self.filters(of: existing)?["aggregation_group_type_index"]
            return Flag(id: id, created: false, tenantAggregated: aggregation == .int(0))
        }
        var created = try await admin.post(path, SearchExperiment.flagDefinition(tenantAggregated: true))
        var tenantAggregated = true
        if created.status == 400, created["attr"] == "filters.aggregation_group_type_index" {
            created = try await admin.post(path, SearchExperiment.flagDefinition(tenantAggregated: false))
            tenantAggregated = false
        }
        guard created.status == 201, case .int(let id)? = created["id"] else {
            throw failure("creating the flag '\(key)'", created)
        }
        return Flag(id: id, created: true, tenantAggregated: tenantAggregated)
    }

    /// Finds the experiment by name and flag, or creates it launched at `start`, with the funnel
    /// `ticket_searched` → `ticket_viewed` (`opened_from` = `search`) as its primary metric.
    /// The flag must exist first (``ensureFlag()``).
    func ensureExperiment(start: Date) async throws -> Experiment {
        let path = admin.projectPath + "/experiments"
        let list = try await admin.get(path)
        if list.status == 404 { return .unavailable }
        guard list.status == 200 else { throw failure("listing experiments", list) }
        let existing = list.results.first {
            $0["name"] == .string(SearchExperiment.name)
                && $0["feature_flag_key"] == .string(SearchExperiment.flag.key)
        }
        if let existing, case .int(let id)? = existing["id"] { return .existing(id: id) }
        let created = try await admin.post(path, SearchExperiment.definition(start: start))
        guard created.status == 201, case .int(let id)? = created["id"] else {
            throw failure("creating the experiment", created)
        }
        return .created(id: id)
    }

    private func failure(_ doing: String, _ answer: CollectorAdmin.Answer) -> SimulationFailure {
        SimulationFailure("the collector answered \(answer.status) \(doing): \(answer.text)")
    }

    private static func filters(of flag: [String: PropertyValue]) -> [String: PropertyValue]? {
        if case .object(let filters)? = flag["filters"] { return filters }
        return nil
    }

    private static func variantKeys(of flag: [String: PropertyValue]) -> [String] {
        guard case .object(let multivariate)? = filters(of: flag)?["multivariate"],
            case .array(let variants)? = multivariate["variants"]
        else { return [] }
        return variants.compactMap { variant in
            guard case .object(let members) = variant, case .string(let key)? = members["key"] else { return nil }
            return key
        }
    }
}
