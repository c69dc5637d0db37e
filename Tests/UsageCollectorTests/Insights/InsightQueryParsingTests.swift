import Foundation
import Testing

@testable import UsageCollector

/// Malformed, unsupported and hostile query nodes get a 400 whose `attr` names the field; PostHog's own
/// insight JSON, display keys included, is accepted.
@Suite("Insight query parsing")
struct InsightQueryParsingTests {
    static func parse(_ json: String, kind: String? = nil) throws(InsightQueryError) -> InsightQuery {
        try InsightQuery.parse(body: Array(json.utf8), expectedKind: kind)
    }

    static func rejection(_ json: String, kind: String? = nil) -> InsightQueryError? {
        do {
            _ = try Self.parse(json, kind: kind)
            return nil
        } catch {
            return error
        }
    }

    @Test("a trends insight pasted from PostHog, with display keys, parses to its meaning")
    func postHogTrendsInsight() throws {
        let query = try Self.parse(
            """
            {"query": {"kind": "TrendsQuery", "series": [{"kind": "EventsNode", "event": "$pageview", "name": "$pageview",
              "math": "dau", "properties": [{"key": "plan", "value": ["pro", "team"], "operator": "exact", "type": "event"}]},
              {"kind": "EventsNode", "event": null, "math": "p90", "math_property": "duration"}],
             "interval": "week", "dateRange": {"date_from": "-30d", "explicitDate": false},
             "trendsFilter": {"display": "ActionsBar", "showLegend": true, "aggregationAxisFormat": "numeric"},
             "breakdownFilter": {"breakdown_type": "event", "breakdown": "$browser", "breakdown_limit": 10},
             "compareFilter": {"compare": true}, "filterTestAccounts": false, "version": 2}}
            """)
        guard case .trends(let trends) = query else {
            Issue.record("expected a trends query")
            return
        }
        #expect(trends.series.map(\.event) == ["$pageview", nil])
        #expect(trends.series[0].math == .dau)
        #expect(trends.series[1].math == .property(.p90))
        #expect(trends.series[1].mathProperty == "duration")
        #expect(trends.interval == .week)
        #expect(trends.breakdown?.property == "$browser")
        #expect(trends.breakdown?.limit == 10)
        #expect(trends.compare)
        #expect(!trends.totalValue)
    }

    @Test("a funnel insight parses window, order, exclusions and attribution")
    func postHogFunnelInsight() throws {
        let query = try Self.parse(
            """
            {"kind": "FunnelsQuery", "series": [{"kind": "EventsNode", "event": "signup"},
              {"kind": "EventsNode", "event": "activate"}, {"kind": "EventsNode", "event": "pay"}],
             "funnelsFilter": {"funnelOrderType": "strict", "funnelWindowInterval": 2, "funnelWindowIntervalUnit": "hour",
              "exclusions": [{"kind": "EventsNode", "event": "cancel", "funnelFromStep": 0, "funnelToStep": 1}],
              "breakdownAttributionType": "step", "breakdownAttributionValue": 1, "layout": "horizontal"},
             "breakdownFilter": {"breakdown": "plan"}}
            """)
        guard case .funnels(let funnel) = query else {
            Issue.record("expected a funnel query")
            return
        }
        #expect(funnel.steps.count == 3)
        #expect(funnel.order == .strict)
        #expect(funnel.window == 2 * 3600 * 1_000_000)
        #expect(funnel.exclusions.map(\.fromStep) == [0])
        #expect(funnel.attribution == .step(1))
        #expect(funnel.breakdown?.limit == 25)
    }

    @Test("an unordered funnel trend parses its interval and steps")
    func unorderedFunnelTrend() throws {
        guard
            case .funnels(let funnel) = try Self.parse(
                #"{"kind": "FunnelsQuery", "series": [{"event": "a"}, {"event": "b"}, {"event": "c"}], "interval": "week", "funnelsFilter": {"funnelOrderType": "unordered", "funnelVizType": "trends", "funnelFromStep": 1, "exclusions": [{"event": "x", "funnelFromStep": 0, "funnelToStep": 2}]}}"#
            )
        else {
            Issue.record("expected a funnel query")
            return
        }
        #expect(funnel.order == .unordered)
        #expect(funnel.visualization == .trends)
        #expect(funnel.interval == .week)
        #expect((funnel.fromStep, funnel.toStep) == (1, 2))
        #expect(funnel.exclusions.map(\.toStep) == [2])
    }

    @Test("a month of funnel window is 31 days")
    func monthWindow() throws {
        guard
            case .funnels(let funnel) = try Self.parse(
                #"{"kind": "FunnelsQuery", "series": [{"event": "a"}, {"event": "b"}], "funnelsFilter": {"funnelWindowInterval": 1, "funnelWindowIntervalUnit": "month"}}"#
            )
        else { return }
        #expect(funnel.window == 31 * 86_400 * 1_000_000)
    }

    @Test(
        "each malformed or unsupported field is named in the 400",
        arguments: [
            (#"{"query": {"series": []}}"#, "query.kind"),
            (#"{"query": {"kind": "HogQLQuery", "query": "select 1"}}"#, "query.kind"),
            (#"{"query": {"kind": "Nonsense"}}"#, "query.kind"),
            (#"{"query": {"kind": "TrendsQuery"}}"#, "query.series"),
            (#"{"query": {"kind": "TrendsQuery", "series": "x"}}"#, "query.series"),
            (
                #"{"query": {"kind": "TrendsQuery", "series": [{"kind": "ActionsNode", "id": 3}]}}"#,
                "query.series.0.kind"
            ),
            (
                #"{"query": {"kind": "TrendsQuery", "series": [{"event": "a"}, {"event": "b", "math": "hogql", "math_hogql": "x"}]}}"#,
                "query.series.1.math_hogql"
            ),
            (
                #"{"query": {"kind": "TrendsQuery", "series": [{"event": "a", "math": "unique_session"}]}}"#,
                "query.series.0.math"
            ),
            (
                #"{"query": {"kind": "TrendsQuery", "series": [{"event": "a", "math": "sum"}]}}"#,
                "query.series.0.math_property"
            ),
            (
                #"{"query": {"kind": "TrendsQuery", "series": [{"event": "a"}], "interval": "minute"}}"#,
                "query.interval"
            ),
            (
                #"{"query": {"kind": "TrendsQuery", "series": [{"event": "a"}], "samplingFactor": 0.1}}"#,
                "query.samplingFactor"
            ),
            (
                #"{"query": {"kind": "TrendsQuery", "series": [{"event": "a"}], "dateRange": {"date_from": "yesterday-ish"}}}"#,
                "query.dateRange.date_from"
            ),
            (
                #"{"query": {"kind": "TrendsQuery", "series": [{"event": "a"}], "dateRange": {"date_to": "all"}}}"#,
                "query.dateRange.date_to"
            ),
            (
                #"{"query": {"kind": "TrendsQuery", "series": [{"event": "a"}], "breakdownFilter": {"breakdown_type": "person", "breakdown": "email"}}}"#,
                "query.breakdownFilter.breakdown_type"
            ),
            (
                #"{"query": {"kind": "TrendsQuery", "series": [{"event": "a"}], "breakdownFilter": {"breakdown_type": "cohort", "breakdown": [3, "x"]}}}"#,
                "query.breakdownFilter.breakdown.1"
            ),
            (
                #"{"query": {"kind": "TrendsQuery", "series": [{"event": "a"}], "breakdownFilter": {"breakdown_type": "cohort", "breakdown": []}}}"#,
                "query.breakdownFilter.breakdown"
            ),
            (
                #"{"query": {"kind": "FunnelsQuery", "series": [{"event": "a"}, {"event": "b"}], "funnelsFilter": {"funnelVizType": "time_to_convert"}, "breakdownFilter": {"breakdown_type": "cohort", "breakdown": [3]}}}"#,
                "query.breakdownFilter"
            ),
            (
                #"{"query": {"kind": "TrendsQuery", "series": [{"event": "a"}], "properties": [{"type": "cohort", "key": "id", "value": 0}]}}"#,
                "query.properties.0.value"
            ),
            (
                #"{"query": {"kind": "TrendsQuery", "series": [{"event": "a", "properties": [{"type": "cohort", "key": "id", "value": 2, "operator": "regex"}]}]}}"#,
                "query.series.0.properties.0.operator"
            ),
            (
                #"{"query": {"kind": "TrendsQuery", "series": [{"event": "a"}], "properties": [{"type": "cohort", "key": "email", "value": 2}]}}"#,
                "query.properties.0.key"
            ),
            (
                #"{"query": {"kind": "TrendsQuery", "series": [{"event": "a"}], "properties": [{"type": "cohort", "value": 1}, {"type": "cohort", "value": 2}, {"type": "cohort", "value": 3}, {"type": "cohort", "value": 4}, {"type": "cohort", "value": 5}]}}"#,
                "query.properties"
            ),
            (
                #"{"query": {"kind": "TrendsQuery", "series": [{"event": "a"}], "breakdownFilter": {"breakdown": "x", "breakdown_limit": 0}}}"#,
                "query.breakdownFilter.breakdown_limit"
            ),
            (
                #"{"query": {"kind": "TrendsQuery", "series": [{"event": "a"}], "trendsFilter": {"formula": "A/B"}}}"#,
                "query.trendsFilter.formula"
            ),
            (
                #"{"query": {"kind": "TrendsQuery", "series": [{"event": "a"}], "properties": [{"key": "email", "value": "x", "type": "person"}]}}"#,
                "query.properties.0.type"
            ),
            (
                #"{"query": {"kind": "TrendsQuery", "series": [{"event": "a"}], "properties": [{"key": "n", "value": "many", "operator": "gt"}]}}"#,
                "query.properties.0.value"
            ),
            (
                #"{"query": {"kind": "TrendsQuery", "series": [{"event": "a"}], "properties": [{"key": "n", "value": "(", "operator": "regex"}]}}"#,
                "query.properties.0.value"
            ),
            (
                #"{"query": {"kind": "TrendsQuery", "series": [{"event": "a"}], "properties": [{"key": "n", "value": "x", "operator": "is_date_before"}]}}"#,
                "query.properties.0.operator"
            ),
            (
                #"{"query": {"kind": "TrendsQuery", "series": [{"event": "a"}], "properties": {"type": "OR", "values": [{"type": "AND", "values": [{"key": "", "value": "x"}]}]}}}"#,
                "query.properties.values.0.values.0.key"
            ),
            (
                #"{"query": {"kind": "FunnelsQuery", "series": [{"event": "a"}, {"event": "b"}], "funnelsFilter": {"funnelOrderType": "any"}}}"#,
                "query.funnelsFilter.funnelOrderType"
            ),
            (
                #"{"query": {"kind": "FunnelsQuery", "series": [{"event": "a"}, {"event": "b"}, {"event": "c"}], "funnelsFilter": {"funnelOrderType": "unordered", "exclusions": [{"event": "x", "funnelFromStep": 1, "funnelToStep": 2}]}}}"#,
                "query.funnelsFilter.exclusions.0.funnelFromStep"
            ),
            (
                #"{"query": {"kind": "FunnelsQuery", "series": [{"event": "a"}, {"event": "b"}, {"event": "c"}], "funnelsFilter": {"funnelOrderType": "unordered", "exclusions": [{"event": "x", "funnelFromStep": 0, "funnelToStep": 1}]}}}"#,
                "query.funnelsFilter.exclusions.0.funnelToStep"
            ),
            (
                #"{"query": {"kind": "FunnelsQuery", "series": [{"event": "a"}, {"event": "b"}], "funnelsFilter": {"funnelOrderType": "unordered", "breakdownAttributionType": "step", "breakdownAttributionValue": 1}}}"#,
                "query.funnelsFilter.breakdownAttributionValue"
            ),
            (
                #"{"query": {"kind": "FunnelsQuery", "series": [{"event": "a"}, {"event": "b"}], "funnelsFilter": {"funnelVizType": "lines"}}}"#,
                "query.funnelsFilter.funnelVizType"
            ),

            (
                #"{"query": {"kind": "FunnelsQuery", "series": [{"event": "a"}], "funnelsFilter": {"funnelVizType": "trends"}}}"#,
                "query.series"
            ),
            (
                #"{"query": {"kind": "FunnelsQuery", "series": [{"event": "a"}, {"event": "b"}], "interval": "minute", "funnelsFilter": {"funnelVizType": "trends"}}}"#,
                "query.interval"
            ),
            (
                #"{"query": {"kind": "FunnelsQuery", "series": [{"event": "a"}, {"event": "b"}], "funnelsFilter": {"funnelWindowInterval": -1}}}"#,
                "query.funnelsFilter.funnelWindowInterval"
            ),
            (
                #"{"query": {"kind": "FunnelsQuery", "series": [{"event": "a"}, {"event": "b"}], "funnelsFilter": {"funnelWindowIntervalUnit": "fortnight"}}}"#,
                "query.funnelsFilter.funnelWindowIntervalUnit"
            ),
            (
                #"{"query": {"kind": "FunnelsQuery", "series": [{"event": "a"}, {"event": "b"}], "funnelsFilter": {"exclusions": [{"event": "x", "funnelFromStep": 1, "funnelToStep": 1}]}}}"#,
                "query.funnelsFilter.exclusions.0.funnelToStep"
            ),
            (
                #"{"query": {"kind": "FunnelsQuery", "series": [{"event": "a"}, {"event": "b"}], "funnelsFilter": {"exclusions": [{"event": "x", "funnelFromStep": 0, "funnelToStep": 5}]}}}"#,
                "query.funnelsFilter.exclusions.0.funnelToStep"
            ),
            (
                #"{"query": {"kind": "FunnelsQuery", "series": [{"event": "a"}, {"event": "b"}], "funnelsFilter": {"exclusions": [{"event": "b", "funnelFromStep": 0, "funnelToStep": 1}]}}}"#,
                "query.funnelsFilter.exclusions.0.event"
            ),
            (
                #"{"query": {"kind": "FunnelsQuery", "series": [{"event": "a"}, {"event": "b"}], "funnelsFilter": {"breakdownAttributionType": "step", "breakdownAttributionValue": 2}}}"#,
                "query.funnelsFilter.breakdownAttributionValue"
            ),
            (
                #"{"query": {"kind": "FunnelsQuery", "series": [{"event": "a", "math": "dau"}, {"event": "b"}]}}"#,
                "query.series.0.math"
            ),
            (
                #"{"query": {"kind": "RetentionQuery", "retentionFilter": {"period": "Fortnight"}}}"#,
                "query.retentionFilter.period"
            ),
            (
                #"{"query": {"kind": "RetentionQuery", "retentionFilter": {"totalIntervals": 100000}}}"#,
                "query.retentionFilter.totalIntervals"
            ),
            (
                #"{"query": {"kind": "RetentionQuery", "retentionFilter": {"targetEntity": {"id": 4, "type": "actions"}}}}"#,
                "query.retentionFilter.targetEntity.type"
            ),
            (
                #"{"query": {"kind": "RetentionQuery", "retentionFilter": {"retentionType": "retention_first_ever_occurrence"}}}"#,
                "query.retentionFilter.retentionType"
            ),
            (
                #"{"query": {"kind": "RetentionQuery", "breakdownFilter": {"breakdown": "plan"}}}"#,
                "query.breakdownFilter"
            ),
            (#"[1, 2, 3]"#, "query"),
            (#"{"query": "#, "query"),
        ])
    func namedRejections(_ json: String, attr: String) {
        let error = Self.rejection(json)
        #expect(error?.attr == attr, "\(error?.detail ?? "accepted")")
        #expect(error?.detail.hasPrefix(attr + ":") == true)
    }

    @Test("an alias route refuses another kind of node")
    func aliasKind() {
        let error = Self.rejection(
            #"{"query": {"kind": "TrendsQuery", "series": [{"event": "a"}]}}"#, kind: "FunnelsQuery")
        #expect(error?.attr == "query.kind")
    }

    @Test("oversized bodies, huge lists and deep nesting are refused without work")
    func hostileInput() {
        let huge = String(repeating: " ", count: InsightQuery.maxBodyBytes + 1)
        #expect(Self.rejection(huge)?.attr == "query")
        let manySeries = (0..<50).map { _ in #"{"event": "a"}"# }.joined(separator: ",")
        #expect(Self.rejection(#"{"kind": "TrendsQuery", "series": [\#(manySeries)]}"#)?.attr == "query.series")
        var nested = #"{"key": "a", "value": "b"}"#
        for _ in 0..<20 { nested = #"{"type": "AND", "values": [\#(nested)]}"# }
        let deep = Self.rejection(#"{"kind": "TrendsQuery", "series": [{"event": "a"}], "properties": \#(nested)}"#)
        #expect(deep?.detail.contains("nested too deeply") == true)
        let longPattern = String(repeating: "a", count: 2000)
        let regex = Self.rejection(
            #"{"kind": "TrendsQuery", "series": [{"event": "a"}], "properties": [{"key": "a", "value": "\#(longPattern)", "operator": "regex"}]}"#
        )
        #expect(regex?.attr == "query.properties.0.value")
        let hostileName = String(repeating: "\u{1F600}", count: 500)
        let echoed = Self.rejection(#"{"kind": "\#(hostileName)"}"#)
        #expect((echoed?.detail.count ?? 1000) <= 300)
    }
}
