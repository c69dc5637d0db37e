import Testing
import UsageAnalytics

/// The thresholds and sampling rate the Hummingbird adapter reads.
@Suite("Performance configuration from the environment")
struct PerformanceConfigurationTests {
    @Test("defaults: slow request 1000 ms, slow query 2000 ms, slow operation 500 ms, every request sampled")
    func defaults() throws {
        let configuration = try AnalyticsConfiguration(environment: [:])
        #expect(configuration.slowRequestThreshold == .milliseconds(1_000))
        #expect(configuration.slowQueryThreshold == .milliseconds(2_000))
        #expect(configuration.slowOperationThreshold == .milliseconds(500))
        #expect(configuration.apiRequestSampleRate == 1.0)
    }

    @Test("every variable is read")
    func everyVariable() throws {
        let configuration = try AnalyticsConfiguration(environment: [
            "ANALYTICS_SLOW_REQUEST_MS": "250", "ANALYTICS_SLOW_QUERY_MS": " 1500 ", "ANALYTICS_SLOW_OPERATION_MS": "0",
            "ANALYTICS_API_REQUEST_SAMPLE_RATE": "0.125",
        ])
        #expect(configuration.slowRequestThreshold == .milliseconds(250))
        #expect(configuration.slowQueryThreshold == .milliseconds(1_500))
        #expect(configuration.slowOperationThreshold == .zero)
        #expect(configuration.apiRequestSampleRate == 0.125)
    }

    @Test(
        "sample rates written as plain decimals from 0 to 1 are accepted",
        arguments: [("0", 0.0), ("1", 1.0), ("1.0", 1.0), ("0.5", 0.5), ("00.75", 0.75), ("0.000001", 0.000_001)])
    func validRates(text: String, rate: Double) throws {
        let configuration = try AnalyticsConfiguration(environment: ["ANALYTICS_API_REQUEST_SAMPLE_RATE": text])
        #expect(configuration.apiRequestSampleRate == rate)
    }

    @Test(
        "malformed and hostile sample rates name the variable and what it accepts",
        arguments: [
            "-0.5", "1.01", "2", "NaN", "nan", "inf", "-inf", "1e309", "1e-3", "0x1p-1", "+0.5", ".5", "1.", "0..5",
            "0.5.5", "half", "50%", "0,5", "0.5\u{0}", String(repeating: "9", count: 400),
            "0." + String(repeating: "1", count: 100),
        ])
    func malformedRate(value: String) {
        do {
            let configuration = try AnalyticsConfiguration(environment: ["ANALYTICS_API_REQUEST_SAMPLE_RATE": value])
            Issue.record("accepted \(value.debugDescription) as \(configuration.apiRequestSampleRate)")
        } catch {
            #expect(error.variable == "ANALYTICS_API_REQUEST_SAMPLE_RATE")
            #expect(error.expected == "a decimal from 0 to 1, such as 0.25")
            #expect(error.description.count < 200)
            #expect(!error.description.unicodeScalars.contains { $0.value < 0x20 })
        }
    }

    @Test(
        "malformed and hostile thresholds name the variable and what it accepts",
        arguments: [
            "ANALYTICS_SLOW_REQUEST_MS", "ANALYTICS_SLOW_QUERY_MS", "ANALYTICS_SLOW_OPERATION_MS",
        ],
        [
            "-1", "1.5", "NaN", "1e309", "3600001", "99999999999999999999999", "fast", "0x10", "1 000",
            String(repeating: "1", count: 100_000),
        ])
    func malformedThreshold(variable: String, value: String) {
        do {
            _ = try AnalyticsConfiguration(environment: [variable: value])
            Issue.record("\(variable) accepted \(value.prefix(40).debugDescription)")
        } catch {
            #expect(error.variable == variable)
            #expect(error.expected == "a whole number from 0 to 3600000")
            #expect(error.description.count < 200)
        }
    }
}
