import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import UsageCollector

/// Flags and experiments the experiment tests create.
enum ExperimentFixtures {
    static let flagsPath = "/api/projects/@current/feature_flags"
    static let experimentsPath = "/api/projects/@current/experiments"

    /// A multivariate flag with control, released to everyone.
    static func flag(key: String = "ticket-ordering", split: (Int, Int) = (50, 50), groupIndex: Int? = nil) -> String {
        let aggregation = groupIndex.map { #", "aggregation_group_type_index": \#($0)"# } ?? ""
        return #"""
            {"key": "\#(key)", "name": "Ticket list order",
             "filters": {"groups": [{"properties": [], "rollout_percentage": 100}]\#(aggregation),
                         "multivariate": {"variants": [{"key": "control", "rollout_percentage": \#(split.0)},
                                                       {"key": "newest-first", "rollout_percentage": \#(split.1)}]}}}
            """#
    }

    static let funnelMetric = #"""
        {"kind": "ExperimentMetric", "name": "Replied", "metric_type": "funnel",
         "series": [{"kind": "EventsNode", "event": "ticket_opened"}, {"kind": "EventsNode", "event": "ticket_replied"}]}
        """#

    static let meanMetric = #"""
        {"kind": "ExperimentMetric", "name": "Searches", "metric_type": "mean",
         "source": {"kind": "EventsNode", "event": "ticket_search"}}
        """#

    static let sumMetric = #"""
        {"kind": "ExperimentMetric", "name": "Results seen", "metric_type": "mean",
         "source": {"kind": "EventsNode", "event": "ticket_search", "math": "sum", "math_property": "results"}}
        """#

    static func experiment(
        flag: String = "ticket-ordering", start: String? = nil, end: String? = nil, metric: String = funnelMetric,
        secondary: [String] = [], minimumSample: Int? = nil
    ) -> String {
        var fields = [
            #""name": "Newest tickets first""#, #""feature_flag_key": "\#(flag)""#, #""metrics": [\#(metric)]"#,
            #""metrics_secondary": [\#(secondary.joined(separator: ","))]"#,
        ]
        if let start { fields.append(#""start_date": "\#(start)""#) }
        if let end { fields.append(#""end_date": "\#(end)""#) }
        if let minimumSample { fields.append(#""parameters": {"minimum_sample_size": \#(minimumSample)}"#) }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// A parsed experiment for store tests.
    static func parsed(_ json: String = experiment(), now: Int64 = 1_750_000_000_000_000) throws -> Experiment {
        try Experiment(json: try #require(JSONValue.parse(Array(json.utf8))), now: now)
    }
}

extension JSONValue {
    /// The value at a dotted path of object keys and array indexes, such as `primary.variants.0.key`.
    subscript(path path: String) -> JSONValue? {
        var value: JSONValue? = self
        for part in path.split(separator: ".") {
            switch value {
            case .object(let fields)?: value = fields[String(part)]
            case .array(let items)?:
                guard let index = Int(part), items.indices.contains(index) else { return nil }
                value = items[index]
            default: return nil
            }
        }
        return value
    }
}
