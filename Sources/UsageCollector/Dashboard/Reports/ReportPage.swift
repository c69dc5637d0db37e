/// The built-in pages, in the order of the navigation.
enum ReportPage: String, CaseIterable, Sendable {
    case overview, performance, tickets, authentication, timeAndBilling

    var title: String {
        switch self {
        case .overview: "Overview"
        case .performance: "API performance"
        case .tickets: "Tickets"
        case .authentication: "Authentication"
        case .timeAndBilling: "Time & billing"
        }
    }

    var path: String {
        switch self {
        case .overview: "/"
        case .performance: "/performance"
        case .tickets: "/tickets"
        case .authentication: "/authentication"
        case .timeAndBilling: "/time-and-billing"
        }
    }

    var summary: String {
        switch self {
        case .overview: "How much the PSA is used: events per day, the most frequent events, and active tenants."
        case .performance:
            "How the PSA's API behaves, from its api_request and slow_operation events."
        case .tickets:
            "The ticket workflow: tickets created and resolved, how long resolution and assignment take, and search."
        case .authentication: "Sign-ins by provider, why sign-ins fail, and how many are by users with a second factor."
        case .timeAndBilling:
            "Time logged and billable, time sheets submitted and approved, invoices by amount, and payments."
        }
    }
}
