/// A configuration value that cannot be used, naming the variable and what it accepts.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The environment variable at fault.
    public let variable: String
    /// What the variable accepts.
    public let expected: String
    /// The offending value, shortened; `nil` for secrets, whose values are never echoed.
    public let value: String?

    package init(variable: String, expected: String, value: String?) {
        self.variable = variable
        self.expected = expected
        self.value = value.map(Self.shortened)
    }

    public var description: String {
        if let value {
            return "\(variable)=\(value) is not valid: expected \(expected)"
        }
        return "\(variable) is not valid: expected \(expected)"
    }

    /// Keeps error messages bounded and printable whatever the environment held.
    private static func shortened(_ value: String) -> String {
        let printable = String(
            String.UnicodeScalarView(
                value.unicodeScalars.lazy.map {
                    $0.properties.generalCategory == .control ? "?" : $0
                }))
        guard printable.count > 40 else { return printable.debugDescription }
        return (String(printable.prefix(40)) + "…").debugDescription
    }
}
