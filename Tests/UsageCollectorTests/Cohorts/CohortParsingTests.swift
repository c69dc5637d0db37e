import Foundation
import Testing

@testable import UsageCollector

@Suite("Cohort CSV and criteria parsing")
struct CohortParsingTests {
    @Test("one column of distinct ids: header optional, quotes, CRLF, blank lines and repeats")
    func wellFormed() throws {
        #expect(try CohortCSV.distinctIDs(Array("distinct_id\nt1\nt2\n".utf8)) == ["t1", "t2"])
        #expect(try CohortCSV.distinctIDs(Array("t1\r\n\r\n t2 \r\nt1\r\n".utf8)) == ["t1", "t2"])
        #expect(try CohortCSV.distinctIDs(Array("\"a,b\"\n\"say \"\"hi\"\"\"\n".utf8)) == ["a,b", "say \"hi\""])
        // Only the first row can be a header.
        #expect(try CohortCSV.distinctIDs(Array("t1\ndistinct_id\n".utf8)) == ["t1", "distinct_id"])
    }

    @Test(
        "malformed, oversized and hostile files are refused with the line at fault",
        arguments: [
            ("t1,t2\n", "line 1: expected one column"),
            ("t1\n\"open\n", "line 2: a quoted field is not closed"),
            ("\"a\"b\n", "line 1: expected one column"),
            ("t1\nbad\u{7}id\n", "line 2: a distinct id contains a control character"),
            ("distinct_id\n\n", "the file lists no distinct ids"),
            ("", "the file lists no distinct ids"),
            (String(repeating: "x", count: 201) + "\n", "line 1: a distinct id is longer than 200"),
        ])
    func refused(_ text: String, _ detail: String) {
        #expect {
            try CohortCSV.distinctIDs(Array(text.utf8))
        } throws: { error in
            (error as? InsightQueryError)?.attr == "csv"
                && (error as? InsightQueryError)?.detail.contains(detail) == true
        }
    }

    @Test("bytes that are not UTF-8, files over 8 MiB and over 200,000 ids are refused")
    func limits() {
        #expect(throws: InsightQueryError("csv", "the file is not UTF-8 text")) {
            try CohortCSV.distinctIDs([0x74, 0xFF, 0x0A])
        }
        #expect(throws: InsightQueryError("csv", "the file is larger than 8 MiB")) {
            try CohortCSV.distinctIDs([UInt8](repeating: 0x61, count: CohortCSV.maxBytes + 1))
        }
        let many = (0...CohortCSV.maxIDs).map { "t\($0)" }.joined(separator: "\n")
        #expect(throws: InsightQueryError("csv", "the file lists more than 200000 distinct ids")) {
            try CohortCSV.distinctIDs(Array(many.utf8))
        }
    }

    @Test("behavioural criteria round-trip through PostHog's filters JSON")
    func criteriaRoundTrip() throws {
        let json = #"""
            {"properties": {"type": "OR", "values": [{"type": "AND", "values": [
              {"type": "behavioral", "key": "ticket_created", "value": "performed_event_multiple", "event_type": "events",
               "operator": "gte", "operator_value": 3, "time_value": 30, "time_interval": "day"},
              {"type": "behavioral", "key": "user_logged_in", "value": "performed_event", "time_value": 2,
               "time_interval": "week", "negation": true}]}]}}
            """#
        let criteria = try CohortCriteria(filters: try #require(JSONValue.parse(Array(json.utf8))))
        #expect(criteria.criteria.map(\.event) == ["ticket_created", "user_logged_in"])
        #expect(criteria.criteria.map(\.days) == [30, 14])
        #expect(criteria.criteria.map(\.negated) == [false, true])
        #expect(try CohortCriteria(filters: criteria.filtersJSON) == criteria)
        #expect(criteria.holds { [3, 0][$0] })
        #expect(!criteria.holds { [2, 0][$0] })
        #expect(!criteria.holds { [5, 1][$0] })
    }

    @Test(
        "criteria errors name the field",
        arguments: [
            (#"{}"#, "filters.properties"),
            (#"{"properties": {"type": "AND", "values": []}}"#, "filters.properties"),
            (
                #"{"properties": {"type": "behavioral", "value": "performed_event", "time_value": 3}}"#,
                "filters.properties.key"
            ),
            (
                #"{"properties": {"type": "behavioral", "key": "a", "time_value": 3, "event_type": "actions"}}"#,
                "filters.properties.event_type"
            ),
            (#"{"properties": {"type": "behavioral", "key": "a"}}"#, "filters.properties.time_value"),
            (
                #"{"properties": {"type": "behavioral", "key": "a", "time_value": 9999}}"#,
                "filters.properties.time_value"
            ),
            (
                #"{"properties": {"type": "behavioral", "key": "a", "time_value": 3, "time_interval": "year"}}"#,
                "filters.properties.time_interval"
            ),
            (
                #"{"properties": {"type": "behavioral", "key": "a", "time_value": 3, "value": "performed_event_multiple"}}"#,
                "filters.properties.operator_value"
            ),
            (
                #"{"properties": {"type": "behavioral", "key": "a", "time_value": 3, "value": "performed_event_multiple", "operator_value": 2, "operator": "regex"}}"#,
                "filters.properties.operator"
            ),
            (#"{"properties": {"type": "person", "key": "a"}}"#, "filters.properties.type"),
            (
                #"{"properties": {"type": "AND", "values": [{"type": "AND", "values": [{"type": "AND", "values": [{"type": "AND", "values": [{"type": "AND", "values": [{"type": "AND", "values": []}]}]}]}]}]}}"#,
                "filters.properties.values.0.values.0.values.0.values.0.values.0"
            ),
        ])
    func criteriaErrors(_ json: String, _ attr: String) throws {
        let value = try #require(JSONValue.parse(Array(json.utf8)))
        #expect {
            try CohortCriteria(filters: value)
        } throws: { error in
            (error as? InsightQueryError)?.attr == attr
        }
    }
}
