import Foundation

/// The requests of time tracking and billing.
extension PSARequest {
    /// The request for a billing `action`, or `nil` when an id or amount it needs was never learnt.
    static func billing(_ action: PlannedAction, identities: some SimulationIdentities) -> PSARequest? {
        switch action {
        case .createService(_, let name, let rate):
            return PSARequest(
                "POST", "/api/services", route: "/api/services",
                body: RequestBodies.Service(name: name, defaultRateMinor: rate))
        case .createRule(_, let draft):
            guard let client = identities.id(of: draft.client), let service = identities.id(of: draft.service) else {
                return nil
            }
            return PSARequest(
                "POST", "/api/billing-rules", route: "/api/billing-rules",
                body: RequestBodies.Rule(
                    clientId: client, serviceId: service, ruleType: draft.type, rateMinor: draft.rateMinor,
                    minimumMinutes: draft.minimumMinutes, roundingMinutes: draft.roundingMinutes))
        case .updateRule(let rule, let rate):
            guard let id = identities.id(of: rule) else { return nil }
            return PSARequest(
                "PATCH", "/api/billing-rules/\(segment(id))", route: "/api/billing-rules/{id}",
                body: RequestBodies.RuleRate(rateMinor: rate))
        case .logTime(let draft):
            guard let ticket = identities.id(of: draft.ticket) else { return nil }
            let service = draft.service.flatMap { identities.id(of: $0) }
            if draft.service != nil, service == nil { return nil }
            return PSARequest(
                "POST", "/api/time-entries", route: "/api/time-entries",
                body: RequestBodies.TimeEntry(
                    ticketId: ticket, startedAt: SimulatedClock.format(draft.start), durationMinutes: draft.minutes,
                    billable: draft.isBillable, serviceId: service, notes: draft.notes))
        case .submitTimesheet(_, let start):
            return PSARequest(
                "POST", "/api/timesheets/submit", route: "/api/timesheets/submit",
                body: RequestBodies.TimesheetPeriod(periodStart: day(start)))
        case .approveTimesheet(let sheet):
            guard let id = identities.id(of: sheet) else { return nil }
            return PSARequest("POST", "/api/timesheets/\(segment(id))/approve", route: "/api/timesheets/{id}/approve")
        case .approveTimesheets(let sheets):
            let ids = sheets.compactMap { identities.id(of: $0) }
            guard ids.count == sheets.count else { return nil }
            return PSARequest(
                "POST", "/api/timesheets/approve", route: "/api/timesheets/approve",
                body: RequestBodies.SheetIDs(ids: ids))
        case .rejectTimesheet(let sheet, let reason):
            guard let id = identities.id(of: sheet) else { return nil }
            return PSARequest(
                "POST", "/api/timesheets/\(segment(id))/reject", route: "/api/timesheets/{id}/reject",
                body: RequestBodies.Rejection(reason: reason))
        case .generateInvoice(_, let client, let start, let lastDay):
            guard let id = identities.id(of: client) else { return nil }
            return PSARequest(
                "POST", "/api/invoices", route: "/api/invoices",
                body: RequestBodies.InvoicePeriod(
                    clientId: id, periodStart: day(start), periodEnd: day(lastDay), taxBasisPoints: 800))
        case .sendInvoice(let invoice, let method):
            guard let id = identities.id(of: invoice) else { return nil }
            return PSARequest(
                "POST", "/api/invoices/\(segment(id))/send", route: "/api/invoices/{id}/send",
                body: RequestBodies.Delivery(method: method))
        case .recordPayment(let invoice, let part, let method):
            guard let id = identities.id(of: invoice), let amounts = identities.amounts(of: invoice) else {
                return nil
            }
            let amount = part == .half ? amounts.total / 2 : amounts.total - amounts.paid
            guard amount > 0 else { return nil }
            return PSARequest(
                "POST", "/api/invoices/\(segment(id))/payments", route: "/api/invoices/{id}/payments",
                body: RequestBodies.Payment(amountMinor: amount, method: method))
        default:
            return nil
        }
    }

    /// `YYYY-MM-DD` of a UTC instant.
    private static func day(_ date: Date) -> String {
        String(SimulatedClock.format(date).prefix(10))
    }
}
