/// Where `psa simulate --experiment` sets up its experiment, validated: the collector's base URL, its admin
/// token (`--collector-admin-token`, else `COLLECTOR_ADMIN_TOKEN`) and the project (`@current` or a number).
struct ExperimentOptions: Sendable, Equatable {
    static let defaultCollector = "http://127.0.0.1:8787"
    static let tokenVariable = "COLLECTOR_ADMIN_TOKEN"
    static let maximumTokenLength = 512

    /// Base URL of the collector, without a trailing slash.
    let collector: String
    let adminToken: String
    /// The route's `{project_id}`.
    let project: String

    /// Checks each value; the token flag wins over the environment. The error names the option.
    init(
        collector: String?, adminToken: String?, project: String?, environment: [String: String]
    ) throws(SimulationOptionsError) {
        self.collector = try SimulationOptions.normalisedURL(collector ?? Self.defaultCollector, option: "--collector")
        let token = adminToken ?? environment[Self.tokenVariable]
        guard let token, !token.isEmpty else {
            throw SimulationOptionsError(
                "--experiment needs the collector's admin token: --collector-admin-token or \(Self.tokenVariable) "
                    + "(psa serve stores it in its data directory, collector/admin-token)")
        }
        guard token.utf8.count <= Self.maximumTokenLength,
            token.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value != 0x7F })
        else {
            throw SimulationOptionsError(
                "--collector-admin-token must be 1 to \(Self.maximumTokenLength) printable characters without spaces")
        }
        self.adminToken = token
        let project = project ?? "@current"
        guard
            project == "@current"
                || ((1...9).contains(project.count) && project.allSatisfy { $0.isASCII && $0.isNumber })
        else {
            throw SimulationOptionsError(
                "--collector-project must be @current or a project number, got \"\(SimulationOptions.printable(project))\""
            )
        }
        self.project = project
    }
}
