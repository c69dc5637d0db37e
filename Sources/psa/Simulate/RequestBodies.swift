/// The JSON bodies the simulator sends, named as in the PSA's contract (snake_case on the wire;
/// `nil` fields are left out).
enum RequestBodies {
    struct Signup: Encodable {
        let company: String
        let email: String
        let password: String
        let name: String
    }

    struct Login: Encodable {
        let email: String
        let password: String
    }

    struct Client: Encodable {
        let name: String
    }

    struct User: Encodable {
        let email: String
        let name: String
        let password: String
        let role: String
        let clientId: ServerID?
    }

    struct UserActivity: Encodable {
        let active: Bool
    }

    struct Ticket: Encodable {
        let title: String
        let description: String?
        let priority: String
        let category: String?
        let subcategory: String?
        let assigneeId: ServerID?
        let source: String
        let clientId: ServerID?
    }

    struct TicketUpdate: Encodable {
        let status: String?
        let priority: String?
        let category: String?
        let subcategory: String?
        let assigneeId: ServerID?
    }

    struct Comment: Encodable {
        let body: String
        let `internal`: Bool
        let resolution: Bool
    }
}

/// The bodies of time tracking and billing.
extension RequestBodies {
    struct Service: Encodable {
        let name: String
        let defaultRateMinor: Int
    }

    struct Rule: Encodable {
        let clientId: ServerID
        let serviceId: ServerID
        let ruleType: String
        let rateMinor: Int
        let minimumMinutes: Int?
        let roundingMinutes: Int?
    }

    struct RuleRate: Encodable {
        let rateMinor: Int
    }

    struct TimeEntry: Encodable {
        let ticketId: ServerID
        let startedAt: String
        let durationMinutes: Int
        let billable: Bool
        let serviceId: ServerID?
        let notes: String?
    }

    struct TimesheetPeriod: Encodable {
        let periodStart: String
    }

    struct SheetIDs: Encodable {
        let ids: [ServerID]
    }

    struct Rejection: Encodable {
        let reason: String
    }

    struct InvoicePeriod: Encodable {
        let clientId: ServerID
        let periodStart: String
        let periodEnd: String
        let taxBasisPoints: Int
    }

    struct Delivery: Encodable {
        let method: String
    }

    struct Payment: Encodable {
        let amountMinor: Int
        let method: String
    }
}
