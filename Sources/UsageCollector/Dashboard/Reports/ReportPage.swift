/// The built-in pages, in the order of the navigation.
enum ReportPage: String, CaseIterable, Sendable {
    case overview, performance, tickets, authentication

    var title: String {
        switch self {
        case .overview: "Overview"
        case .performance: "API performance"
        case .tickets: "Tickets"
        case .authentication: "Authentication"
        }
    }

    var path: String {
        switch self {
        case .overview: "/"
        case .performance: "/performance"
        case .tickets: "/tickets"
        case .authentication: "/authentication"
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
        }
    }
}
