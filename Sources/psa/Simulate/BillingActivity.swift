import Foundation

/// One tenant's time tracking and billing, planned day by day beside its ticket work: the admin sets up services
/// and client rates, staff log time on the tickets they worked, and each week (and the run's last day) closes
/// with sheets submitted (one sometimes rejected and resubmitted), approved (in bulk when several), an invoice per
/// client with billable time, sent and paid in full, in two parts, or not yet. Pure: state and a seeded stream of
/// its own (billing's choices never consume the ticket work's random numbers).
struct BillingActivity: Sendable {
    typealias Intent = TenantActivity.Intent

    /// The services every tenant sells, with their default hourly rates in minor units.
    static let services: [(name: String, rateMinor: Int)] = [("Remote support", 9_500), ("On-site visit", 14_000)]
    static let minutesBetweenEntries = 40
    static let entriesPerPersonAndDay = 14

    var generator: SeededGenerator
    private var ruleCount = 0
    private var ruleUpdated = false
    private var sheetCount = 0
    private var invoiceCount = 0
    /// The Monday of the week being logged.
    private var week: Date?
    /// Who logged time this week, with the clients their billable time is for.
    private var loggers: [UserRef: Set<ClientRef>] = [:]

    init(generator: SeededGenerator) {
        self.generator = generator
    }

    /// Day one, after the clients exist: the services, an hourly rule for the first client (with a minimum and a
    /// rounding increment) and a fixed fee for the second; other clients pay the services' default rates.
    mutating func setUp(clients: Int) -> [Intent] {
        let admin = SimulatedTenant.admin
        var intents = Self.services.enumerated().map { index, service in
            Intent(
                actor: admin,
                action: .createService(
                    ServiceRef(index: index), name: service.name,
                    rateMinor: service.rateMinor), expectedStatus: 201)
        }
        let drafts = [
            RuleDraft(
                client: ClientRef(index: 0), service: ServiceRef(index: 0), type: "hourly", rateMinor: 11_000,
                minimumMinutes: 15, roundingMinutes: 15),
            RuleDraft(client: ClientRef(index: 1), service: ServiceRef(index: 0), type: "fixed", rateMinor: 45_000),
        ].prefix(clients)
        for draft in drafts {
            intents.append(
                Intent(actor: admin, action: .createRule(RuleRef(index: ruleCount), draft), expectedStatus: 201))
            ruleCount += 1
        }
        return intents
    }

    /// The first day of a new week closes the previous one, before anything else happens that day.
    mutating func opening(day hours: SimulationCalendar.Day) -> [Intent] {
        let monday = Self.monday(of: hours.start)
        defer { week = monday }
        guard let week, week != monday else { return [] }
        return close(week: week)
    }

    /// Time for the tickets each person worked in `work` (at most one entry per person and ticket a day, back to
    /// back from 08:00 so that no two of a person's entries overlap); on the last day, the week closes too.
    mutating func closing(
        day hours: SimulationCalendar.Day, isLastDay: Bool, work: [Intent], tickets: [TenantActivity.Ticket],
        tenant: SimulatedTenant
    ) -> [Intent] {
        var intents: [Intent] = []
        var slots: [UserRef: Int] = [:]
        var logged: Set<[Int]> = []
        for intent in work {
            guard let actor = intent.actor, tenant.user(actor).role != .client else { continue }
            let reference: TicketRef
            switch intent.action {
            case .updateTicket(let ticket, _), .comment(let ticket, _): reference = ticket
            default: continue
            }
            let ticket = tickets[reference.index]
            let slot = slots[actor, default: 0]
            guard !ticket.deleted, slot < Self.entriesPerPersonAndDay,
                !logged.contains([actor.index, reference.index]),
                generator.chance(0.8)
            else { continue }
            logged.insert([actor.index, reference.index])
            slots[actor] = slot + 1
            let billable = ticket.client != nil && generator.chance(0.85)
            let draft = TimeEntryDraft(
                ticket: reference, service: billable ? ServiceRef(index: generator.chance(0.75) ? 0 : 1) : nil,
                start: hours.start.addingTimeInterval(Double(slot * Self.minutesBetweenEntries * 60)),
                minutes: Int.random(in: 5...35, using: &generator), isBillable: billable,
                notes: generator.chance(0.4)
                    ? SimulationVocabulary.internalComments.randomElement(using: &generator) : nil)
            loggers[actor, default: []].formUnion(billable ? [ticket.client].compactMap { $0 } : [])
            intents.append(Intent(actor: actor, action: .logTime(draft), expectedStatus: 201))
        }
        if isLastDay, let week { intents += close(week: week) }
        return intents
    }

    /// Submissions, approvals and invoices of `week`'s time.
    private mutating func close(week: Date) -> [Intent] {
        let admin = SimulatedTenant.admin
        let users = loggers.keys.sorted()
        guard !users.isEmpty else { return [] }
        var intents: [Intent] = []
        var sheets: [SheetRef] = []
        for user in users {
            let sheet = SheetRef(index: sheetCount)
            sheetCount += 1
            sheets.append(sheet)
            intents.append(Intent(actor: user, action: .submitTimesheet(sheet, periodStart: week), expectedStatus: 200))
        }
        if users.count > 1, generator.chance(0.35) {
            let index = Int.random(in: 0..<users.count, using: &generator)
            let reason = SimulationVocabulary.rejectionReasons.randomElement(using: &generator)!
            intents.append(
                Intent(actor: admin, action: .rejectTimesheet(sheets[index], reason: reason), expectedStatus: 200))
            intents.append(
                Intent(
                    actor: users[index], action: .submitTimesheet(sheets[index], periodStart: week), expectedStatus: 200
                ))
        }
        let approval: PlannedAction = sheets.count > 1 ? .approveTimesheets(sheets) : .approveTimesheet(sheets[0])
        intents.append(Intent(actor: admin, action: approval, expectedStatus: 200))
        if !ruleUpdated, ruleCount > 0 {
            ruleUpdated = true
            intents.append(
                Intent(actor: admin, action: .updateRule(RuleRef(index: 0), rateMinor: 11_500), expectedStatus: 200))
        }
        let lastDay = week.addingTimeInterval(6 * 86_400)
        for client in Set(loggers.values.flatMap { $0 }).sorted(by: { $0.index < $1.index }) {
            let invoice = InvoiceRef(index: invoiceCount)
            invoiceCount += 1
            intents.append(
                Intent(
                    actor: admin,
                    action: .generateInvoice(invoice, client: client, periodStart: week, lastDay: lastDay),
                    expectedStatus: 201))
            let delivery = ["email", "portal", "download"].randomElement(using: &generator)!
            intents.append(Intent(actor: admin, action: .sendInvoice(invoice, method: delivery), expectedStatus: 200))
            let roll = Double.random(in: 0..<1, using: &generator)
            let parts: [PaymentPart] = roll < 0.5 ? [.balance] : roll < 0.8 ? [.half, .balance] : []
            for part in parts {
                let method = ["bank_transfer", "credit_card", "check"].randomElement(using: &generator)!
                intents.append(
                    Intent(actor: admin, action: .recordPayment(invoice, part, method: method), expectedStatus: 201))
            }
        }
        loggers = [:]
        return intents
    }

    /// Midnight UTC of the Monday of `date`'s week.
    static func monday(of date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let day = calendar.startOfDay(for: date)
        let sinceMonday = (calendar.component(.weekday, from: day) + 5) % 7
        return day.addingTimeInterval(-Double(sinceMonday) * 86_400)
    }
}
