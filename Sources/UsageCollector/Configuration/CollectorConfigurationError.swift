/// A configuration value the collector cannot use; names the variable or option at fault.
public struct CollectorConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The environment variable or command-line option, such as `COLLECTOR_RETENTION_DAYS`.
    public let variable: String
    /// What is wrong with it.
    public let reason: String

    /// Creates an error about `variable`.
    public init(variable: String, reason: String) {
        self.variable = variable
        self.reason = String(reason.prefix(200))
    }

    public var description: String { "invalid \(self.variable): \(self.reason)" }
}
