import Testing
import UsageAnalytics

@Suite("Configuration from the environment")
struct AnalyticsConfigurationTests {
    @Test("an empty environment gives every documented default")
    func defaults() throws {
        let configuration = try AnalyticsConfiguration(environment: [:])
        #expect(configuration == AnalyticsConfiguration())
        #expect(configuration.isEnabled)
        #expect(configuration.anonymizeUserIDs)
        #expect(configuration.deploymentType == .onPremise)
        #expect(configuration.flushAt == 20)
        #expect(configuration.requestTimeout == .seconds(10) && configuration.connectTimeout == .seconds(2))
        #expect(configuration.flushInterval == .seconds(30))
        #expect(configuration.spoolMaxBytes == 64 * 1024 * 1024)
        #expect(configuration.dataDirectory == ".psa")
        #expect(configuration.resolvedSpoolDirectory == ".psa/spool")
        #expect(configuration.host == nil && configuration.apiKey == nil && configuration.instanceID == nil)
    }

    @Test("every variable is read")
    func everyVariable() throws {
        let configuration = try AnalyticsConfiguration(environment: [
            "ALGA_USAGE_STATS": "on", "ANALYTICS_ANONYMIZE_USER_IDS": "FALSE", "DEPLOYMENT_TYPE": "Hosted",
            "INSTANCE_ID": "msp-7", "POSTHOG_HOST": "https://eu.i.posthog.com/", "POSTHOG_API_KEY": "phc_abc",
            "ANALYTICS_FLUSH_AT": "50", "ANALYTICS_FLUSH_INTERVAL": "5", "ANALYTICS_SPOOL_DIR": "/var/spool/psa",
            "ANALYTICS_SPOOL_MAX_BYTES": "1048576", "ANALYTICS_BUFFER_CAPACITY": "500", "PSA_DATA_DIR": "/srv/psa",
            "PSA_ENVIRONMENT": "development",
        ])
        #expect(!configuration.anonymizeUserIDs)
        #expect(configuration.deploymentType == .hosted)
        #expect(configuration.instanceID == "msp-7")
        #expect(configuration.host == "https://eu.i.posthog.com")
        #expect(configuration.apiKey == "phc_abc")
        #expect(configuration.flushAt == 50 && configuration.flushInterval == .seconds(5))
        #expect(configuration.resolvedSpoolDirectory == "/var/spool/psa")
        #expect(configuration.spoolMaxBytes == 1_048_576 && configuration.bufferCapacity == 500)
        #expect(configuration.dataDirectory == "/srv/psa" && configuration.environment == .development)
    }

    @Test("empty and blank values count as unset")
    func blankIsUnset() throws {
        let configuration = try AnalyticsConfiguration(environment: [
            "POSTHOG_HOST": "", "ANALYTICS_FLUSH_AT": "  ", "DEPLOYMENT_TYPE": "",
        ])
        #expect(configuration == AnalyticsConfiguration())
    }

    @Test(
        "malformed values name the variable and what it accepts",
        arguments: [
            (
                "ANALYTICS_FLUSH_AT", "abc",
                "ANALYTICS_FLUSH_AT=\"abc\" is not valid: expected a whole number from 1 to 1000"
            ),
            (
                "ANALYTICS_FLUSH_AT", "0",
                "ANALYTICS_FLUSH_AT=\"0\" is not valid: expected a whole number from 1 to 1000"
            ),
            (
                "ANALYTICS_FLUSH_INTERVAL", "-3",
                "ANALYTICS_FLUSH_INTERVAL=\"-3\" is not valid: expected a whole number from 1 to 86400"
            ),
            (
                "ANALYTICS_CONNECT_TIMEOUT", "0",
                "ANALYTICS_CONNECT_TIMEOUT=\"0\" is not valid: expected a whole number from 1 to 60"
            ),
            (
                "ANALYTICS_CONNECT_TIMEOUT", "2.5",
                "ANALYTICS_CONNECT_TIMEOUT=\"2.5\" is not valid: expected a whole number from 1 to 60"
            ),
            (
                "ANALYTICS_CONNECT_TIMEOUT", "61",
                "ANALYTICS_CONNECT_TIMEOUT=\"61\" is not valid: expected a whole number from 1 to 60"
            ),
            ("DEPLOYMENT_TYPE", "cloud", "DEPLOYMENT_TYPE=\"cloud\" is not valid: expected hosted or on-premise"),
            (
                "ALGA_USAGE_STATS", "maybe",
                "ALGA_USAGE_STATS=\"maybe\" is not valid: expected true/1/yes/on or false/0/no/off"
            ),
            (
                "PSA_ENVIRONMENT", "staging",
                "PSA_ENVIRONMENT=\"staging\" is not valid: expected production or development or test"
            ),
            (
                "INSTANCE_ID", "has space",
                "INSTANCE_ID=\"has space\" is not valid: expected 1 to 128 visible ASCII characters without spaces"
            ),
        ])
    func malformed(variable: String, value: String, message: String) {
        #expect(throws: ConfigurationError.self) { try AnalyticsConfiguration(environment: [variable: value]) }
        do {
            _ = try AnalyticsConfiguration(environment: [variable: value])
        } catch {
            #expect(error.description == message)
            #expect(error.variable == variable)
        }
    }

    @Test(
        "hostile values give bounded, printable errors",
        arguments: [
            String(repeating: "x", count: 1_000_000), "on-premise\u{0}hosted", "\u{1B}[31mred",
            "9999999999999999999999",
        ])
    func hostileValues(value: String) {
        for variable in ["DEPLOYMENT_TYPE", "ANALYTICS_FLUSH_AT", "ANALYTICS_CONNECT_TIMEOUT"] {
            do {
                _ = try AnalyticsConfiguration(environment: [variable: value])
                Issue.record("\(variable) accepted a hostile value")
            } catch {
                #expect(error.description.count < 200)
                #expect(!error.description.unicodeScalars.contains { $0.value < 0x20 })
            }
        }
    }

    @Test(
        "POSTHOG_HOST must be an http(s) base URL",
        arguments: [
            "eu.i.posthog.com", "ftp://example.com", "https://", "https://user:pass@example.com",
            "https://example.com/?x=1", "https://exa mple.com", "javascript:alert(1)",
        ])
    func invalidHost(value: String) {
        #expect(throws: ConfigurationError.self) { try AnalyticsConfiguration(environment: ["POSTHOG_HOST": value]) }
    }

    @Test("the API key is never echoed in an error")
    func secretNotEchoed() {
        do {
            _ = try AnalyticsConfiguration(environment: ["POSTHOG_API_KEY": "phc_secret value"])
            Issue.record("accepted a key with a space")
        } catch {
            #expect(!error.description.contains("phc_secret"))
            #expect(error.description.hasPrefix("POSTHOG_API_KEY is not valid"))
        }
    }
}
