/// Which events an export, a count or a deletion applies to. Every field narrows; nil means any.
public struct EventFilter: Sendable, Equatable {
    /// Project key.
    public var project: String?
    /// Earliest event timestamp included, in microseconds since the epoch.
    public var from: Int64?
    /// Event timestamps strictly before this are included, in microseconds since the epoch.
    public var to: Int64?
    /// Event name.
    public var event: String?
    /// Person (distinct id).
    public var distinctID: String?

    /// Creates a filter.
    public init(
        project: String? = nil,
        from: Int64? = nil,
        to: Int64? = nil,
        event: String? = nil,
        distinctID: String? = nil
    ) {
        self.project = project
        self.from = from
        self.to = to
        self.event = event
        self.distinctID = distinctID
    }
}
