import Foundation

/// A simulated service, by the order of its creation in its tenant.
struct ServiceRef: Hashable, Sendable {
    let index: Int
}

/// A simulated billing rule, by the order of its creation in its tenant.
struct RuleRef: Hashable, Sendable {
    let index: Int
}

/// A simulated time sheet, by the order of its first submission in its tenant.
struct SheetRef: Hashable, Sendable {
    let index: Int
}

/// A simulated invoice, by the order of its generation in its tenant.
struct InvoiceRef: Hashable, Sendable {
    let index: Int
}

/// Time a simulated person logs on a ticket.
struct TimeEntryDraft: Sendable, Equatable {
    var ticket: TicketRef
    var service: ServiceRef?
    var start: Date
    var minutes: Int
    var isBillable: Bool
    var notes: String?
}

/// A client's price for a service, spelt as on the wire.
struct RuleDraft: Sendable, Equatable {
    var client: ClientRef
    var service: ServiceRef
    /// `hourly` or `fixed`.
    var type: String
    var rateMinor: Int
    var minimumMinutes: Int?
    var roundingMinutes: Int?
}

/// How much of an invoice a payment settles; the amount comes from the total the PSA answered.
enum PaymentPart: Sendable, Equatable {
    /// Half the total, rounded down (a partial payment).
    case half
    /// Whatever is still due.
    case balance
}
