/// An event held for one destination until it acknowledges it.
struct SpoolEntry: Sendable {
    /// Increases with every append to the spool, across restarts.
    let sequence: UInt64
    /// The segment file that holds the event, or `nil` when it is held in memory only.
    let segment: UInt64?
    let event: EncodedEvent
    /// The channel's own order number, unique per process even after a fall back to memory.
    var ticket: UInt64 = 0

    /// Bytes the event occupies, used for the spool bound and batch sizes.
    var size: Int { event.json.count }
}
