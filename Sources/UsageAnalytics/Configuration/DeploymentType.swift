/// Where the PSA runs; selects the privacy policy of EVENTS.md.
public enum DeploymentType: String, Sendable, CaseIterable {
    /// Run by us for many customers: per-user hashed ids, opaque ids sent as HMACs.
    case hosted
    /// Run by a customer on their own machines: one id per tenant, only enums, bools and numbers leave.
    case onPremise = "on-premise"
}

/// The kind of environment the application runs in, sent as `environment`.
public enum RuntimeEnvironment: String, Sendable, CaseIterable {
    case production, development, test
}
