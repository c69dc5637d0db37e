import Foundation
import Testing

@testable import UsageAnalytics

/// PostHog's operator semantics, with cases transcribed from posthog-python
/// `posthog/test/test_feature_flags.py` `TestMatchProperties`.
@Suite("Flag property operators")
struct PropertyFilterTests {
    private let now = Date(timeIntervalSince1970: 1_700_000_000)  // 2023-11-14T22:13:20Z

    private func matches(
        _ operatorName: PropertyFilter.Operator, _ value: PropertyValue, _ actual: PropertyValue
    ) -> FilterMatch {
        PropertyFilter(key: "key", operator: operatorName, value: value)
            .match(["key": actual], missingIsInconclusive: true, now: now)
    }

    @Test("exact and is_not compare case-insensitively, with a list meaning any of")
    func exact() {
        #expect(matches(.exact, "value", "value") == .match)
        #expect(matches(.exact, "value", "VALUE") == .match)
        #expect(matches(.exact, "value", "value2") == .noMatch)
        #expect(matches(.exact, "value", "") == .noMatch)
        #expect(matches(.exact, "value", .null) == .noMatch)
        #expect(matches(.exact, ["value1", "value2", "value3"], "value2") == .match)
        #expect(matches(.exact, ["value1", "value2", "value3"], "value4") == .noMatch)
        #expect(matches(.exact, "true", true) == .match)
        #expect(matches(.isNot, "value", "value2") == .match)
        #expect(matches(.isNot, "value", .null) == .match)
        #expect(matches(.isNot, ["value1", "value2"], "value2") == .noMatch)
        #expect(matches(.isNot, ["value1", "value2"], "") == .match)
    }

    @Test("a missing property is inconclusive locally and a non-match on the collector, except is_not_set")
    func missingProperty() {
        let filter = PropertyFilter(key: "key", value: "value")
        #expect(filter.match(["other": "value"], missingIsInconclusive: true, now: now) == .inconclusive)
        #expect(filter.match([:], missingIsInconclusive: false, now: now) == .noMatch)
        let notSet = PropertyFilter(key: "key", operator: .isNotSet)
        #expect(notSet.match([:], missingIsInconclusive: true, now: now) == .inconclusive)
        #expect(notSet.match([:], missingIsInconclusive: false, now: now) == .match)
        #expect(notSet.match(["key": 1], missingIsInconclusive: false, now: now) == .noMatch)
    }

    @Test("is_set holds for any non-null value")
    func isSet() {
        #expect(matches(.isSet, "is_set", "value") == .match)
        #expect(matches(.isSet, "is_set", "") == .match)
        #expect(matches(.isSet, "is_set", .null) == .noMatch)
    }

    @Test("icontains, starts_with and ends_with read numbers as their text")
    func containment() {
        #expect(matches(.icontains, "valUe", "343tfvalue5") == .match)
        #expect(matches(.icontains, "valUe", "Alakazam") == .noMatch)
        #expect(matches(.icontains, "valUe", 123) == .noMatch)
        #expect(matches(.icontains, "3", 323) == .match)
        #expect(matches(.notIcontains, "3", "three") == .match)
        #expect(matches(.startsWith, "Val", "VALUE") == .match)
        #expect(matches(.startsWith, "3", 123) == .noMatch)
        #expect(matches(.notStartsWith, "Val", "prevalue") == .match)
        #expect(matches(.endsWith, "3", 13) == .match)
        #expect(matches(.notEndsWith, "lUe", "value") == .noMatch)
    }

    @Test("regex and not_regex search the text; an invalid pattern matches neither way")
    func regex() {
        #expect(matches(.regex, #"\.com$"#, "value.com") == .match)
        #expect(matches(.regex, #"\.com$"#, ".com343tfvalue5") == .noMatch)
        #expect(matches(.regex, #"\.com$"#, 123) == .noMatch)
        #expect(matches(.regex, "3", 323) == .match)
        #expect(matches(.regex, 4, 4) == .match)
        #expect(matches(.regex, "?*", "value") == .noMatch)
        #expect(matches(.notRegex, "?*", "value") == .noMatch)
        #expect(matches(.notRegex, #"\.com$"#, "value.org") == .match)
    }

    @Test("gt, gte, lt and lte compare numbers as numbers and strings as strings")
    func ordering() {
        #expect(matches(.greaterThan, 1, 2) == .match)
        #expect(matches(.greaterThan, 1, 0) == .noMatch)
        #expect(matches(.greaterThan, 1, "23") == .match)
        #expect(matches(.lessThan, 1, "1") == .noMatch)
        #expect(matches(.greaterThanOrEqual, 1, 1) == .match)
        #expect(matches(.lessThanOrEqual, "43", "42") == .match)
        #expect(matches(.lessThanOrEqual, "43", 44) == .noMatch)
        #expect(matches(.lessThanOrEqual, "43", 42) == .match)
        #expect(matches(.lessThan, "30", "100") == .match)
        #expect(matches(.lessThan, "30", 100) == .noMatch)
        #expect(matches(.greaterThan, "123aloha", "123") == .noMatch)
        #expect(matches(.greaterThan, "123aloha", 122) == .noMatch)
        #expect(matches(.greaterThan, "123aloha", 129) == .match)
    }

    @Test("date operators take ISO dates and PostHog's relative forms; a number is inconclusive")
    func dates() {
        #expect(matches(.isDateBefore, "2022-05-01", "2022-04-30") == .match)
        #expect(matches(.isDateBefore, "2022-05-01", "2022-05-30") == .noMatch)
        #expect(matches(.isDateAfter, "2022-05-01", "2022-05-01T10:00:00Z") == .match)
        #expect(matches(.isDateBefore, "2022-05-01", 1) == .inconclusive)
        #expect(matches(.isDateBefore, "-7d", "2023-11-01T00:00:00Z") == .match)
        #expect(matches(.isDateAfter, "-7d", "2023-11-10T00:00:00Z") == .match)
        #expect(matches(.isDateAfter, "-1y", "2022-12-01") == .match)
        #expect(matches(.isDateAfter, "-10000d", "2022-12-01") == .inconclusive)
        #expect(matches(.isDateBefore, "not a date", "2022-12-01") == .inconclusive)
    }
}
