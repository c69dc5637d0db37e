extension AnalyticsConfiguration {
    /// Reads every analytics variable from `environment`; an empty value counts as unset.
    ///
    /// ```swift
    /// let configuration = try AnalyticsConfiguration(environment: ProcessInfo.processInfo.environment)
    /// ```
    /// - Throws: ``ConfigurationError`` naming the first malformed variable and the values it accepts.
    public init(environment: [String: String]) throws(ConfigurationError) {
        let reader = EnvironmentReader(environment)
        self.init()
        isEnabled = try reader.bool("ALGA_USAGE_STATS") ?? isEnabled
        anonymizeUserIDs = try reader.bool("ANALYTICS_ANONYMIZE_USER_IDS") ?? anonymizeUserIDs
        deploymentType = try reader.choice("DEPLOYMENT_TYPE", of: DeploymentType.self) ?? deploymentType
        self.environment = try reader.choice("PSA_ENVIRONMENT", of: RuntimeEnvironment.self) ?? self.environment
        instanceID = try reader.identifier("INSTANCE_ID")
        host = try reader.httpURL("POSTHOG_HOST")
        apiKey = try reader.token("POSTHOG_API_KEY", secret: true)
        flushAt = try reader.integer("ANALYTICS_FLUSH_AT", in: 1...1_000) ?? flushAt
        if let seconds = try reader.integer("ANALYTICS_FLUSH_INTERVAL", in: 1...86_400) {
            flushInterval = .seconds(seconds)
        }
        maxRetries = try reader.integer("ANALYTICS_MAX_RETRIES", in: 0...10) ?? maxRetries
        compressBatches = try reader.bool("ANALYTICS_GZIP") ?? compressBatches
        if let seconds = try reader.integer("ANALYTICS_REQUEST_TIMEOUT", in: 1...600) {
            requestTimeout = .seconds(seconds)
        }
        if let seconds = try reader.integer("ANALYTICS_CONNECT_TIMEOUT", in: 1...60) {
            connectTimeout = .seconds(seconds)
        }
        if let seconds = try reader.integer("ANALYTICS_SHUTDOWN_TIMEOUT", in: 0...600) {
            shutdownTimeout = .seconds(seconds)
        }
        spoolDirectory = try reader.path("ANALYTICS_SPOOL_DIR")
        // Undelivered events are also held in memory, so the bound stays at most 4 GiB.
        spoolMaxBytes = try reader.integer("ANALYTICS_SPOOL_MAX_BYTES", in: 65_536...(1 << 32)) ?? spoolMaxBytes
        bufferCapacity = try reader.integer("ANALYTICS_BUFFER_CAPACITY", in: 1...10_000_000) ?? bufferCapacity
        dataDirectory = try reader.path("PSA_DATA_DIR") ?? dataDirectory
        slowRequestThreshold = try reader.milliseconds("ANALYTICS_SLOW_REQUEST_MS") ?? slowRequestThreshold
        slowQueryThreshold = try reader.milliseconds("ANALYTICS_SLOW_QUERY_MS") ?? slowQueryThreshold
        slowOperationThreshold = try reader.milliseconds("ANALYTICS_SLOW_OPERATION_MS") ?? slowOperationThreshold
        apiRequestSampleRate = try reader.fraction("ANALYTICS_API_REQUEST_SAMPLE_RATE") ?? apiRequestSampleRate
        featureFlagsEnabled = try reader.bool("ANALYTICS_FEATURE_FLAGS") ?? featureFlagsEnabled
        if let seconds = try reader.integer("ANALYTICS_FEATURE_FLAGS_POLL_INTERVAL", in: 5...86_400) {
            featureFlagPollInterval = .seconds(seconds)
        }
        if let milliseconds = try reader.integer("ANALYTICS_FEATURE_FLAGS_TIMEOUT_MS", in: 50...60_000) {
            featureFlagTimeout = .milliseconds(milliseconds)
        }
    }
}

/// Parses environment values, each kind in one place, with errors that name the variable; shared with the
/// PSA's own settings so every variable of the package is read the same way.
package struct EnvironmentReader {
    private let environment: [String: String]

    package init(_ environment: [String: String]) {
        self.environment = environment
    }

    private func value(_ name: String) -> String? {
        guard let raw = environment[name] else { return nil }
        let trimmed = raw.trimmingWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }

    package func bool(_ name: String) throws(ConfigurationError) -> Bool? {
        guard let value = value(name) else { return nil }
        switch value.lowercased() {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default: throw ConfigurationError(variable: name, expected: "true/1/yes/on or false/0/no/off", value: value)
        }
    }

    package func integer(_ name: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
        guard let value = value(name) else { return nil }
        guard let number = Int(value), range.contains(number) else {
            throw ConfigurationError(
                variable: name, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)", value: value
            )
        }
        return number
    }

    /// A threshold in whole milliseconds, from 0 to one hour.
    package func milliseconds(_ name: String) throws(ConfigurationError) -> Duration? {
        try integer(name, in: 0...3_600_000).map { .milliseconds($0) }
    }

    /// A share from 0 to 1 written as plain decimal digits (`0.25`, `1`); exponents, signs, `nan`
    /// and `inf` are refused so that the value means what it reads as.
    package func fraction(_ name: String) throws(ConfigurationError) -> Double? {
        guard let value = value(name) else { return nil }
        let parts = value.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        let isPlainDecimal =
            value.utf8.count <= 20 && (1...2).contains(parts.count)
            && parts.allSatisfy {
                !$0.isEmpty && $0.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            }
        guard isPlainDecimal, let number = Double(value), (0...1).contains(number) else {
            throw ConfigurationError(variable: name, expected: "a decimal from 0 to 1, such as 0.25", value: value)
        }
        return number
    }

    package func choice<Choice: RawRepresentable<String> & CaseIterable>(
        _ name: String, of type: Choice.Type
    ) throws(ConfigurationError) -> Choice? {
        guard let value = value(name) else { return nil }
        if let choice = Choice(rawValue: value.lowercased()) { return choice }
        let accepted = Choice.allCases.map(\.rawValue).joined(separator: " or ")
        throw ConfigurationError(variable: name, expected: accepted, value: value)
    }

    /// A stable identifier: 1 to 128 visible ASCII characters without spaces.
    package func identifier(_ name: String) throws(ConfigurationError) -> String? {
        guard let value = value(name) else { return nil }
        guard value.utf8.count <= 128, value.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw ConfigurationError(
                variable: name, expected: "1 to 128 visible ASCII characters without spaces", value: value)
        }
        return value
    }

    /// A key or token: like an identifier, and never echoed in errors when `secret`.
    package func token(_ name: String, secret: Bool) throws(ConfigurationError) -> String? {
        guard let value = value(name) else { return nil }
        guard value.utf8.count <= 256, value.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw ConfigurationError(
                variable: name, expected: "1 to 256 visible ASCII characters without spaces",
                value: secret ? nil : value)
        }
        return value
    }

    /// An `http://` or `https://` base URL with a host, without a query or fragment.
    package func httpURL(_ name: String) throws(ConfigurationError) -> String? {
        guard let value = value(name) else { return nil }
        let expected = "an http:// or https:// URL with a host and no query, such as https://eu.i.posthog.com"
        let lowered = value.lowercased()
        guard let schemeEnd = lowered.range(of: "://"),
            ["http", "https"].contains(String(lowered[..<schemeEnd.lowerBound])),
            value.utf8.count <= 2_048, value.utf8.allSatisfy({ (0x21...0x7E).contains($0) }),
            !value.contains("?"), !value.contains("#")
        else {
            throw ConfigurationError(variable: name, expected: expected, value: value)
        }
        let hostPart = value[schemeEnd.upperBound...].prefix { $0 != "/" }
        guard !hostPart.isEmpty, !hostPart.contains("@") else {
            throw ConfigurationError(variable: name, expected: expected, value: value)
        }
        var url = value
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    /// A file system path: no NUL or control characters, at most 4096 bytes.
    package func path(_ name: String) throws(ConfigurationError) -> String? {
        guard let value = value(name) else { return nil }
        guard value.utf8.count <= 4_096, !value.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
            throw ConfigurationError(
                variable: name, expected: "a directory path of at most 4096 bytes without control characters",
                value: value)
        }
        return value
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
