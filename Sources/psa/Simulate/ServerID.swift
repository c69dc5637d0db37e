/// An id the PSA assigned (a user, client or ticket), kept in the JSON type the server used so
/// that it goes back exactly as it came.
enum ServerID: Hashable, Sendable, Codable, CustomStringConvertible {
    case string(String)
    case number(Int)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self = .number(number)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .number(let number): try container.encode(number)
        }
    }

    var description: String {
        switch self {
        case .string(let text): text
        case .number(let number): String(number)
        }
    }
}

/// What the driver learnt at run time that a request needs: server ids and passwords.
protocol SimulationIdentities {
    func id(of user: UserRef) -> ServerID?
    func id(of client: ClientRef) -> ServerID?
    func id(of ticket: TicketRef) -> ServerID?
    func password(of user: UserRef) -> String
    /// A password that is nobody's.
    var wrongPassword: String { get }
    func id(of service: ServiceRef) -> ServerID?
    func id(of rule: RuleRef) -> ServerID?
    func id(of sheet: SheetRef) -> ServerID?
    func id(of invoice: InvoiceRef) -> ServerID?
    /// The invoice's total and what has been paid of it, in minor units, as the PSA answered.
    func amounts(of invoice: InvoiceRef) -> (total: Int, paid: Int)?
}

/// Identities that know no billing records: their billing requests are not sent.
extension SimulationIdentities {
    func id(of service: ServiceRef) -> ServerID? { nil }
    func id(of rule: RuleRef) -> ServerID? { nil }
    func id(of sheet: SheetRef) -> ServerID? { nil }
    func id(of invoice: InvoiceRef) -> ServerID? { nil }
    func amounts(of invoice: InvoiceRef) -> (total: Int, paid: Int)? { nil }
}
