import Foundation
import UsageAnalytics

/// `POST /api/time-entries`: `started_at` and either `ended_at` or `duration_minutes`.
struct NewTimeEntryBody: JSONBody {
    var ticketID: String
    var startedAt: String
    var endedAt: String?
    var durationMinutes: Int?
    var billable: Bool?
    var notes: String?
    var serviceID: String?
    var workItemType: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case ticketID = "ticket_id"
        case startedAt = "started_at"
        case endedAt = "ended_at"
        case durationMinutes = "duration_minutes"
        case billable, notes
        case serviceID = "service_id"
        case workItemType = "work_item_type"
    }

    init(from decoder: any Decoder) throws {
        try Self.refuseUnknownKeys(in: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ticketID = try container.decode(String.self, forKey: .ticketID)
        startedAt = try container.decode(String.self, forKey: .startedAt)
        endedAt = try container.decodeIfPresent(String.self, forKey: .endedAt)
        durationMinutes = try container.decodeWholeNumber(forKey: .durationMinutes).map { Int(clamping: $0) }
        billable = try container.decodeIfPresent(Bool.self, forKey: .billable)
        notes = try container.decodeIfPresent(String.self, forKey: .notes)
        serviceID = try container.decodeIfPresent(String.self, forKey: .serviceID)
        workItemType = try container.decodeIfPresent(String.self, forKey: .workItemType)
    }

    func draft() throws -> TimeEntryService.Draft {
        let start = try FieldRules.instant(startedAt, field: "started_at")
        let end: Date
        switch (endedAt, durationMinutes) {
        case (let endedAt?, nil): end = try FieldRules.instant(endedAt, field: "ended_at")
        case (nil, let minutes?): end = start.addingTimeInterval(Double(try TimeEntryBodyRules.minutes(minutes)) * 60)
        default:
            throw RequestError.invalid("invalid_field", "Give either 'ended_at' or 'duration_minutes', not both.")
        }
        return TimeEntryService.Draft(
            ticketID: try FieldRules.identifier(ticketID, field: "ticket_id"),
            serviceID: try serviceID.map { try FieldRules.identifier($0, field: "service_id") },
            workItemType: try workItemType.map {
                try FieldRules.choice($0, field: "work_item_type", of: WorkItemType.self)
            }
                ?? .ticket,
            startedAt: start, endedAt: end, isBillable: billable ?? false,
            notes: try FieldRules.optionalText(notes, field: "notes", maximum: 4_000, multiline: true))
    }
}

/// `PATCH /api/time-entries/{id}`: absent fields stay, `null` clears `notes` or `service_id`.
struct TimeEntryChangesBody: JSONBody {
    var ticketID: FieldUpdate<String> = .unchanged
    var startedAt: FieldUpdate<String> = .unchanged
    var endedAt: FieldUpdate<String> = .unchanged
    var durationMinutes: FieldUpdate<Int> = .unchanged
    var billable: FieldUpdate<Bool> = .unchanged
    var notes: FieldUpdate<String?> = .unchanged
    var serviceID: FieldUpdate<String?> = .unchanged
    var workItemType: FieldUpdate<String> = .unchanged

    typealias CodingKeys = NewTimeEntryBody.CodingKeys

    init(from decoder: any Decoder) throws {
        try Self.refuseUnknownKeys(in: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ticketID = try container.decodeRequiredUpdate(String.self, forKey: .ticketID)
        startedAt = try container.decodeRequiredUpdate(String.self, forKey: .startedAt)
        endedAt = try container.decodeRequiredUpdate(String.self, forKey: .endedAt)
        durationMinutes =
            container.contains(.durationMinutes)
            ? .set(Int(clamping: try container.decodeRequiredWholeNumber(forKey: .durationMinutes))) : .unchanged
        billable = try container.decodeRequiredUpdate(Bool.self, forKey: .billable)
        notes = try container.decodeUpdate(String.self, forKey: .notes)
        serviceID = try container.decodeUpdate(String.self, forKey: .serviceID)
        workItemType = try container.decodeRequiredUpdate(String.self, forKey: .workItemType)
    }

    func changes() throws -> TimeEntryService.Changes {
        var changes = TimeEntryService.Changes()
        if case .set(let value) = ticketID {
            changes.ticketID = .set(try FieldRules.identifier(value, field: "ticket_id"))
        }
        if case .set(let value) = startedAt {
            changes.startedAt = .set(try FieldRules.instant(value, field: "started_at"))
        }
        switch (endedAt, durationMinutes) {
        case (.unchanged, .unchanged): break
        case (.set(let value), .unchanged): changes.end = .at(try FieldRules.instant(value, field: "ended_at"))
        case (.unchanged, .set(let minutes)): changes.end = .afterMinutes(try TimeEntryBodyRules.minutes(minutes))
        case (.set, .set):
            throw RequestError.invalid("invalid_field", "Give either 'ended_at' or 'duration_minutes', not both.")
        }
        if case .set(let value) = billable { changes.isBillable = .set(value) }
        if case .set(let value) = notes {
            changes.notes = .set(try FieldRules.optionalText(value, field: "notes", maximum: 4_000, multiline: true))
        }
        if case .set(let value) = serviceID {
            changes.serviceID = .set(try value.map { try FieldRules.identifier($0, field: "service_id") })
        }
        if case .set(let value) = workItemType {
            changes.workItemType = .set(try FieldRules.choice(value, field: "work_item_type", of: WorkItemType.self))
        }
        return changes
    }
}

enum TimeEntryBodyRules {
    /// `duration_minutes`: negative is refused as such, then 1 to a day.
    static func minutes(_ value: Int) throws -> Int {
        guard value >= 0 else {
            throw RequestError.invalid("negative_duration", "'duration_minutes' cannot be negative.")
        }
        return try FieldRules.number(value, field: "duration_minutes", in: 1...TimeEntryRules.maximumMinutes)
    }
}
