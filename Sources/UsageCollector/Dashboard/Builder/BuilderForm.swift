/// The insight builder's form fields, every one optional (a first visit sends none).
struct BuilderForm: Decodable, Sendable {
    var csrf: String?
    /// `trends`, `funnels` or `retention`.
    var kind: String?
    /// Event names, one per line: a trend's series or a funnel's steps.
    var events: String?
    var math: String?
    var mathProperty: String?
    var breakdown: String?
    var interval: String?
    var from: String?
    var to: String?
    /// A funnel's conversion window in days, and its step order.
    var window: String?
    var order: String?
    /// A retention table's events, period and number of periods.
    var targetEvent: String?
    var returningEvent: String?
    var period: String?
    var periods: String?
    /// A pasted PostHog query (`{"query": …}` or the bare node); when present it is run instead of the fields.
    var json: String?
    /// The name to save the insight under.
    var name: String?
    /// Present when the Save button was pressed (the query runs, then is saved under ``name``).
    var save: String?

    static let kinds = ["trends", "funnels", "retention"]
    static let maths = [
        "total", "dau", "weekly_active", "monthly_active", "sum", "avg", "min", "max", "median", "p90", "p99",
    ]
    static let intervals = ["hour", "day", "week", "month"]
    static let orders = ["ordered", "strict"]
    static let periodNames = ["Day", "Week", "Month"]
    static let maximumEvents = 20
}
