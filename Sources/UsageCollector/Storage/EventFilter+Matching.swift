extension EventFilter {
    /// Whether `record` is one of the events this filter selects.
    public func matches(_ record: EventRecord) -> Bool {
        if let project = self.project, record.project != project { return false }
        if let from = self.from, record.timestamp < from { return false }
        if let to = self.to, record.timestamp >= to { return false }
        if let event = self.event, record.event != event { return false }
        if let distinctID = self.distinctID, record.distinctID != distinctID { return false }
        return true
    }
}
