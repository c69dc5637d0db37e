import Foundation

/// What `psa simulate` was asked to do, validated: every field is within its documented range.
struct SimulationOptions: Sendable, Equatable {
    static let tenantRange = 1...100
    static let agentRange = 1...50
    static let clientRange = 0...50
    static let dayRange = 1...90
    static let maximumTargetLength = 2048
    /// Bound on `tenants × days × (agents + clients)`, which a run's size follows (about seven
    /// requests per person and day): at most some 700,000 requests.
    static let maximumPersonDays = 100_000

    /// Companies that sign up, each with one admin.
    let tenants: Int
    /// Agents each admin creates.
    let agents: Int
    /// Client companies per tenant, each with its client users.
    let clients: Int
    /// Simulated working days, ending at the present.
    let days: Int
    /// The seed of the plan: the same seed gives the same requests.
    let seed: UInt64
    /// Base URL of the PSA, without a trailing slash.
    let target: String
    /// Whether people also log time, submit and approve time sheets, and bill clients (`--no-billing` leaves
    /// time tracking and billing out, for a PSA without them).
    let billing: Bool
    /// Whether the run adds the search experiment's traffic (`--experiment`): tickets whose descriptions mention
    /// other tickets' subjects, and agents looking for one ticket through search.
    let experiment: Bool

    /// Checks each value and normalises the target URL; the error names the flag and its range.
    init(
        tenants: Int = 3, agents: Int = 4, clients: Int = 3, days: Int = 14, seed: UInt64 = 1,
        target: String = "http://127.0.0.1:8080", billing: Bool = true, experiment: Bool = false
    ) throws(SimulationOptionsError) {
        try Self.check("--tenants", tenants, in: Self.tenantRange)
        try Self.check("--agents", agents, in: Self.agentRange)
        try Self.check("--clients", clients, in: Self.clientRange)
        try Self.check("--days", days, in: Self.dayRange)
        let personDays = tenants * days * (agents + clients)
        guard personDays <= Self.maximumPersonDays else {
            throw SimulationOptionsError(
                "--tenants × --days × (--agents + --clients) must be at most \(Self.maximumPersonDays), got "
                    + "\(personDays): the run would send too many requests")
        }
        self.tenants = tenants
        self.agents = agents
        self.clients = clients
        self.days = days
        self.seed = seed
        self.target = try Self.normalisedURL(target, option: "--target")
        self.billing = billing
        self.experiment = experiment
    }

    private static func check(_ flag: String, _ value: Int, in range: ClosedRange<Int>) throws(SimulationOptionsError) {
        guard range.contains(value) else {
            throw SimulationOptionsError(
                "\(flag) must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
        }
    }

    /// The start of `text` to echo in an error: printable ASCII only, so a hostile value cannot rewrite the terminal.
    static func printable(_ text: String) -> String {
        String(text.unicodeScalars.prefix(80).map { $0.value >= 0x20 && $0.value < 0x7F ? Character($0) : "?" })
    }

    /// `text` as a base URL without a trailing slash; errors name `option` and echo only printable ASCII.
    static func normalisedURL(_ text: String, option: String) throws(SimulationOptionsError) -> String {
        guard text.utf8.count <= maximumTargetLength else {
            throw SimulationOptionsError("\(option) is longer than \(maximumTargetLength) characters")
        }
        let shown = printable(text)
        guard text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value != 0x7F }),
            text.contains("://"), let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased()
        else {
            throw SimulationOptionsError(
                "\(option) must be an http(s) URL such as http://127.0.0.1:8080, got \"\(shown)\"")
        }
        guard scheme == "http" || scheme == "https" else {
            throw SimulationOptionsError("\(option) must use http or https, got \"\(scheme)\"")
        }
        guard let host = components.host, !host.isEmpty else {
            throw SimulationOptionsError("\(option) has no host: \"\(shown)\"")
        }
        guard components.user == nil, components.password == nil else {
            throw SimulationOptionsError("\(option) must not contain credentials")
        }
        guard components.query == nil, components.fragment == nil else {
            throw SimulationOptionsError("\(option) must not have a query or fragment: \"\(shown)\"")
        }
        if let port = components.port, !(1...65535).contains(port) {
            throw SimulationOptionsError("\(option) port must be between 1 and 65535, got \(port)")
        }
        var normalised = text
        while normalised.hasSuffix("/") { normalised.removeLast() }
        return normalised
    }
}

/// A flag value `psa simulate` refuses, with a message that names the flag.
struct SimulationOptionsError: Error, Sendable, Equatable, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
