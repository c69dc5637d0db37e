import Foundation
import PSA
import UsageAnalytics

/// The experiment `psa simulate --experiment` runs: the PSA's search ranking flag, recency (control) against
/// relevance (test), half the tenants each, judged by how often a search ends with a result opened.
enum SearchExperiment {
    static let flag = ProductFlag.ticketSearchRanking
    static let name = "Search ranking: recency or relevance (psa simulate)"
    /// Minimum exposures per variant before a winner is declared: a simulation has at most 100 tenants, and the
    /// experiment's unit is the tenant.
    static let minimumSampleSize = 20

    /// The flag in PostHog's definition shape: multivariate, 50/50, released to every tenant, aggregated by the
    /// `tenant` group (group type 0) when `tenantAggregated`.
    static func flagDefinition(tenantAggregated: Bool) -> PropertyValue {
        var filters: [String: PropertyValue] = [
            "groups": [["properties": [], "rollout_percentage": 100]],
            "multivariate": [
                "variants": .array(
                    flag.variants.map { variant in
                        [
                            "key": .string(variant.key), "name": .string(variant.summary),
                            "rollout_percentage": .int(100 / flag.variants.count),
                        ]
                    })
            ],
        ]
        if tenantAggregated { filters["aggregation_group_type_index"] = 0 }
        return [
            "key": .string(flag.key), "name": "Search results: recency (control) or relevance (test)",
            "active": true, "filters": .object(filters),
        ]
    }

    /// Opened a ticket from a search's results: `ticket_viewed` with `opened_from` = `search`.
    static let openedFromSearch: PropertyValue = [
        "kind": "EventsNode", "event": "ticket_viewed",
        "properties": [["key": "opened_from", "value": ["search"], "operator": "exact", "type": "event"]],
    ]

    /// The experiment, launched at `start`: primary metric the funnel searched → opened a result; secondary, the
    /// mean number of tickets opened from search per exposed tenant.
    static func definition(start: Date) -> PropertyValue {
        [
            "name": .string(name),
            "description": .string(
                "Does ranking title matches first help people open the ticket they searched for? "
                    + "Traffic from psa simulate --experiment."),
            "feature_flag_key": .string(flag.key),
            "start_date": .string(start.formatted(.iso8601)),
            "metrics": [
                [
                    "kind": "ExperimentMetric", "name": "searched, then opened a result", "metric_type": "funnel",
                    "series": [["kind": "EventsNode", "event": "ticket_searched"], openedFromSearch],
                ]
            ],
            "metrics_secondary": [
                [
                    "kind": "ExperimentMetric", "name": "tickets opened from search", "metric_type": "mean",
                    "source": openedFromSearch,
                ]
            ],
            "parameters": ["minimum_sample_size": .int(minimumSampleSize)],
        ]
    }
}
