/// Turns the builder's fields into a PostHog query node, or takes the pasted one.
enum BuilderQuery {
    struct Invalid: Error, Equatable {
        let field: String
        let message: String
    }

    /// The query the form asks for: the pasted JSON when there is any, else one built from the fields.
    static func query(_ form: BuilderForm, today: Int64) throws(Invalid) -> JSONValue {
        if let pasted = form.json?.trimmingCharacters(in: .whitespacesAndNewlines), !pasted.isEmpty {
            guard pasted.utf8.count <= InsightQuery.maxBodyBytes else {
                throw Invalid(field: "json", message: "The pasted query is larger than 256 KiB.")
            }
            guard let value = JSONValue.parse(Array(pasted.utf8)) else {
                throw Invalid(field: "json", message: "The pasted query is not valid JSON.")
            }
            return value.field("query") ?? value
        }
        let (range, notice) = ReportRange.parse(from: form.from, to: form.to, today: today)
        if let notice { throw Invalid(field: "from", message: notice) }
        let events = Self.events(form.events)
        guard events.count <= BuilderForm.maximumEvents else {
            throw Invalid(field: "events", message: "At most \(BuilderForm.maximumEvents) events, one per line.")
        }
        switch form.kind ?? "trends" {
        case "trends": return try Self.trends(form, events: events, range: range)
        case "funnels": return try Self.funnel(form, events: events, range: range)
        case "retention": return try Self.retention(form, range: range)
        default: throw Invalid(field: "kind", message: "Choose trends, funnels or retention.")
        }
    }

    /// Event names, one per line (or comma-separated); a line `*` or `all events` means every event. Browsers
    /// send a textarea's lines with CRLF, a single `Character` in Swift, hence `isNewline`.
    static func events(_ text: String?) -> [String?] {
        (text ?? "").split(whereSeparator: { $0.isNewline || $0 == "," })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .map { $0 == "*" || $0.lowercased() == "all events" ? nil : $0 }
    }

    static func trends(_ form: BuilderForm, events: [String?], range: ReportRange) throws(Invalid) -> JSONValue {
        let math = form.math ?? "total"
        guard BuilderForm.maths.contains(math) else { throw Invalid(field: "math", message: "Unknown math \(math).") }
        let property = form.mathProperty.flatMap { $0.isEmpty ? nil : $0 }
        if !["total", "dau", "weekly_active", "monthly_active"].contains(math), property == nil {
            throw Invalid(field: "mathProperty", message: "Math \(math) needs a numeric property, such as duration_ms.")
        }
        let interval = form.interval ?? "day"
        guard BuilderForm.intervals.contains(interval) else {
            throw Invalid(field: "interval", message: "Choose hour, day, week or month.")
        }
        let series = (events.isEmpty ? [nil] : events).map { InsightRequest.series($0, math: math, property: property) }
        return InsightRequest.trends(
            series, range: range, interval: interval, breakdown: form.breakdown.flatMap { $0.isEmpty ? nil : $0 })
    }

    static func funnel(_ form: BuilderForm, events: [String?], range: ReportRange) throws(Invalid) -> JSONValue {
        guard events.count >= 2 else {
            throw Invalid(field: "events", message: "A funnel needs at least two steps, one event per line.")
        }
        guard let days = Int(form.window ?? "14"), (1...365).contains(days) else {
            throw Invalid(field: "window", message: "The conversion window is a whole number of days from 1 to 365.")
        }
        let order = form.order ?? "ordered"
        guard BuilderForm.orders.contains(order) else {
            throw Invalid(field: "order", message: "Choose ordered or strict.")
        }
        var fields: [String: JSONValue] = [
            "kind": .string("FunnelsQuery"), "series": .array(events.map { InsightRequest.series($0) }),
            "dateRange": range.dateRange,
            "funnelsFilter": .object([
                "funnelWindowInterval": .int(days), "funnelWindowIntervalUnit": .string("day"),
                "funnelOrderType": .string(order),
            ]),
        ]
        if let breakdown = form.breakdown, !breakdown.isEmpty {
            fields["breakdownFilter"] = .object(["breakdown": .string(breakdown), "breakdown_type": .string("event")])
        }
        return .object(fields)
    }

    static func retention(_ form: BuilderForm, range: ReportRange) throws(Invalid) -> JSONValue {
        let period = form.period ?? "Week"
        guard BuilderForm.periodNames.contains(period) else {
            throw Invalid(field: "period", message: "Choose Day, Week or Month.")
        }
        guard let periods = Int(form.periods ?? "8"), (2...60).contains(periods) else {
            throw Invalid(field: "periods", message: "The number of periods is a whole number from 2 to 60.")
        }
        func entity(_ name: String?) -> JSONValue {
            let trimmed = name?.trimmingCharacters(in: .whitespaces) ?? ""
            return .object(["id": trimmed.isEmpty ? .null : .string(trimmed), "type": .string("events")])
        }
        return .object([
            "kind": .string("RetentionQuery"), "dateRange": range.dateRange,
            "retentionFilter": .object([
                "targetEntity": entity(form.targetEvent),
                // An empty returning event means the first event again: "did they come back and do it again".
                "returningEntity": entity((form.returningEvent ?? "").isEmpty ? form.targetEvent : form.returningEvent),
                "period": .string(period), "totalIntervals": .int(periods),
                "retentionType": .string("retention_first_time"),
            ]),
        ])
    }
}
