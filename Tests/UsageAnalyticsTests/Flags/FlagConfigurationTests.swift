import Testing
import UsageAnalytics

@Suite("Feature flag configuration")
struct FlagConfigurationTests {
    @Test("defaults: flags on, polled every 30 s, 3 s per request")
    func defaults() throws {
        let configuration = try AnalyticsConfiguration(environment: [:])
        #expect(configuration.featureFlagsEnabled)
        #expect(configuration.featureFlagPollInterval == .seconds(30))
        #expect(configuration.featureFlagTimeout == .milliseconds(3_000))
    }

    @Test("every flag variable is read")
    func read() throws {
        let configuration = try AnalyticsConfiguration(environment: [
            "ANALYTICS_FEATURE_FLAGS": "off", "ANALYTICS_FEATURE_FLAGS_POLL_INTERVAL": "120",
            "ANALYTICS_FEATURE_FLAGS_TIMEOUT_MS": " 250 ",
        ])
        #expect(!configuration.featureFlagsEnabled)
        #expect(configuration.featureFlagPollInterval == .seconds(120))
        #expect(configuration.featureFlagTimeout == .milliseconds(250))
    }

    @Test(
        "malformed, out-of-range and hostile values name the variable and what it accepts",
        arguments: [
            ("ANALYTICS_FEATURE_FLAGS", "maybe", "true/1/yes/on or false/0/no/off"),
            ("ANALYTICS_FEATURE_FLAGS", "true; rm -rf /", "true/1/yes/on or false/0/no/off"),
            ("ANALYTICS_FEATURE_FLAGS_POLL_INTERVAL", "4", "a whole number from 5 to 86400"),
            ("ANALYTICS_FEATURE_FLAGS_POLL_INTERVAL", "30s", "a whole number from 5 to 86400"),
            (
                "ANALYTICS_FEATURE_FLAGS_POLL_INTERVAL", String(repeating: "9", count: 5_000),
                "a whole number from 5 to 86400"
            ),
            ("ANALYTICS_FEATURE_FLAGS_TIMEOUT_MS", "0", "a whole number from 50 to 60000"),
            ("ANALYTICS_FEATURE_FLAGS_TIMEOUT_MS", "-100", "a whole number from 50 to 60000"),
            ("ANALYTICS_FEATURE_FLAGS_TIMEOUT_MS", "60001", "a whole number from 50 to 60000"),
            ("ANALYTICS_FEATURE_FLAGS_TIMEOUT_MS", "1e3", "a whole number from 50 to 60000"),
        ])
    func malformed(variable: String, value: String, expected: String) {
        #expect {
            try AnalyticsConfiguration(environment: [variable: value])
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.variable == variable && error.expected == expected
        }
    }
}
