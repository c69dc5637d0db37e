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
