/// Durable storage of collected events. Two engines conform: ``SQLiteEventStore`` and ``PostgresEventStore``,
/// each with its own bulk-write path, both checked by one conformance suite.
public protocol EventStore: Sendable {
    /// Creates or upgrades the schema; safe to call on every start.
    func migrate() async throws
    /// Stores `events` in one durable transaction, skipping any whose (project, uuid) is already stored.
    /// - Returns: how many rows were new.
    func insert(_ events: [EventRecord]) async throws -> Int
    /// Stores several groups of events in one durable transaction (the group commit of many requests).
    /// - Returns: how many rows were new.
    func insert(batches: [[EventRecord]]) async throws -> Int
    /// Stores several groups of events in one durable transaction, like ``insert(batches:)``.
    /// - Returns: the records that were new (not already stored), in order, for projections that must hold
    ///   exactly the stored rows.
    func insertReturningNew(batches: [[EventRecord]]) async throws -> [EventRecord]
    /// Calls `body` with every stored event, page by page, in one consistent pass (a projection's rebuild).
    func scanAll(pageSize: Int, _ body: @escaping @Sendable ([EventRecord]) throws -> Void) async throws
    /// Deletes the events matching `filter`.
    /// - Returns: how many rows were deleted.
    func delete(_ filter: EventFilter) async throws -> Int
    /// Counts the events matching `filter`.
    func count(_ filter: EventFilter) async throws -> Int
    /// A page of events matching `filter`, ordered by (timestamp, uuid), starting after `cursor`.
    func events(_ filter: EventFilter, after cursor: EventCursor?, limit: Int) async throws -> [EventRecord]
    /// Throws when the database cannot answer a trivial query.
    func checkHealth() async throws
}

extension EventStore {
    /// Flattens the groups and inserts them in one call.
    public func insert(batches: [[EventRecord]]) async throws -> Int {
        try await self.insert(Array(batches.joined()))
    }

    /// Pages through ``events(_:after:limit:)`` in (timestamp, uuid) order.
    public func scanAll(pageSize: Int, _ body: @escaping @Sendable ([EventRecord]) throws -> Void) async throws {
        var cursor: EventCursor?
        while true {
            let page = try await self.events(EventFilter(), after: cursor, limit: pageSize)
            guard let last = page.last else { return }
            try body(page)
            cursor = EventCursor(after: last)
            if page.count < pageSize { return }
        }
    }
}
