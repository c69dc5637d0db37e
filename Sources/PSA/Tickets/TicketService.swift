import Foundation
import UsageAnalytics
import UsageAnalyticsHummingbird

/// Tickets and their comments: every change in one transaction, and its analytics events after the commit,
/// computed from the stored state before and after.
public struct TicketService: Sendable {
    let database: any SQLDatabase
    let analytics: AnalyticsClient
    /// Times the heavy operations (`slow_operation`, `operation_error`).
    let operations: OperationTimer<ContinuousClock>
    /// The tenant's default orders of the list and of search results.
    let decisions: ProductDecisions
    private let store = TicketStore()
    private let accounts = AccountStore()
    private let clients = ClientStore()

    init(
        database: any SQLDatabase, analytics: AnalyticsClient, operations: OperationTimer<ContinuousClock>,
        decisions: ProductDecisions
    ) {
        self.database = database
        self.analytics = analytics
        self.operations = operations
        self.decisions = decisions
    }

    /// What a new ticket is made of; `nil` fields take their defaults.
    public struct Draft: Sendable {
        public var title: String
        public var description: String?
        public var priority: TicketPriority?
        public var category: String?
        public var subcategory: String?
        public var assigneeID: String?
        public var source: TicketChannel?
        public var clientID: String?
        public var boardID: String?
    }

    /// Creates a ticket; `ticket_created` (and `ticket_assigned` when it starts assigned) follow the commit.
    public func create(_ draft: Draft, by principal: Principal, at time: Date) async throws -> Ticket {
        var draft = draft
        if !principal.isStaff {
            // A client contact opens tickets for their own company, through the portal, unassigned.
            guard draft.assigneeID == nil else { throw RequestError.forbidden("Client users cannot assign tickets.") }
            guard draft.clientID == nil || draft.clientID == principal.clientID else {
                throw RequestError.forbidden("Client users open tickets for their own company only.")
            }
            guard draft.source == nil || draft.source == .clientPortal else {
                throw RequestError.invalid("invalid_field", "'source' of a client user's ticket is client_portal.")
            }
            draft.clientID = principal.clientID
            draft.source = .clientPortal
        }
        let ticket = try await database.transaction { [store, draft] session in
            try await validateReferences(
                assigneeID: draft.assigneeID, clientID: draft.clientID, tenantID: principal.tenantID, in: session)
            guard let boardID = try await store.boardID(draft.boardID, tenantID: principal.tenantID, in: session) else {
                throw RequestError.notFound("board")
            }
            let ticket = Ticket(
                id: UUIDText.make(), tenantID: principal.tenantID,
                number: try await store.nextNumber(tenantID: principal.tenantID, in: session), title: draft.title,
                description: draft.description, status: .new, priority: draft.priority ?? .medium,
                category: draft.category, subcategory: draft.subcategory, boardID: boardID, clientID: draft.clientID,
                assigneeID: draft.assigneeID, source: draft.source ?? .api, enteredBy: principal.userID,
                enteredAt: time, updatedAt: time, assignedAt: draft.assigneeID == nil ? nil : time,
                firstAssignedAt: draft.assigneeID == nil ? nil : time, closedAt: nil)
            try await store.insert(ticket, in: session)
            return ticket
        }
        let actor = principal.analyticsActor
        analytics.capture(
            TicketCreated(
                ticketType: ticket.ticketType, priority: ticket.priority, hasDescription: ticket.description != nil,
                hasCategory: ticket.category != nil, hasSubcategory: ticket.subcategory != nil,
                isAssigned: ticket.assigneeID != nil, hasAsset: false, createdVia: ticket.source),
            actor: actor, at: time)
        if ticket.assigneeID != nil {
            analytics.capture(
                TicketAssigned(wasReassignment: false, timeToFirstAssignmentMinutes: 0), actor: actor, at: time)
        }
        return ticket
    }

    /// The ticket, if the caller may see it (a client user only their company's); 404 otherwise.
    /// `ticket_viewed` follows, saying where the reader opened it from.
    public func ticket(
        id: String, for principal: Principal, openedFrom origin: TicketViewOrigin, at time: Date
    ) async throws -> Ticket {
        let ticket = try await visibleTicket(id: id, for: principal, in: database)
        analytics.capture(
            TicketViewed(
                openedFrom: origin, priority: ticket.priority, isClosed: ticket.status.isClosed,
                isAssigned: ticket.assigneeID != nil,
                ageInDays: Self.wholeDays(from: ticket.enteredAt, to: time)),
            actor: principal.analyticsActor, at: time)
        return ticket
    }

    /// Changes to a ticket; `.unchanged` fields stay as they are.
    public struct Changes: Sendable {
        public var title: FieldUpdate<String> = .unchanged
        public var description: FieldUpdate<String?> = .unchanged
        public var status: FieldUpdate<TicketStatus> = .unchanged
        public var priority: FieldUpdate<TicketPriority> = .unchanged
        public var category: FieldUpdate<String?> = .unchanged
        public var subcategory: FieldUpdate<String?> = .unchanged
        public var assigneeID: FieldUpdate<String?> = .unchanged
        public var clientID: FieldUpdate<String?> = .unchanged
    }

    /// Applies `changes`; `ticket_updated` lists the fields whose stored value changed, and
    /// `ticket_assigned` and `ticket_resolved` follow when the assignee was set or the ticket closed.
    public func update(id: String, _ changes: Changes, by principal: Principal, at time: Date) async throws -> Ticket {
        guard principal.isStaff else { throw RequestError.forbidden("Client users cannot change tickets.") }
        let (before, after, changed) = try await database.transaction { [store] session in
            let before = try await visibleTicket(id: id, for: principal, in: session, locked: true)
            var after = before
            changes.apply(to: &after, at: time)
            let newAssignee = after.assigneeID != before.assigneeID ? after.assigneeID : nil
            let newClient = after.clientID != before.clientID ? after.clientID : nil
            try await validateReferences(
                assigneeID: newAssignee, clientID: newClient, tenantID: principal.tenantID, in: session)
            let changed = after.fieldsChanged(from: before)
            if !changed.isEmpty { try await store.update(after, in: session) }
            return (before, changed.isEmpty ? before : after, changed)
        }
        guard !changed.isEmpty else { return after }
        let actor = principal.analyticsActor
        analytics.capture(TicketUpdated(fieldsUpdated: changed), actor: actor, at: time)
        if changed.contains(.assignee), after.assigneeID != nil {
            let firstAssignment = before.firstAssignedAt == nil
            analytics.capture(
                TicketAssigned(
                    wasReassignment: !firstAssignment,
                    timeToFirstAssignmentMinutes: firstAssignment ? Self.minutes(from: before.enteredAt, to: time) : nil
                ),
                actor: actor, at: time)
        }
        if !before.status.isClosed, after.status.isClosed {
            analytics.capture(
                TicketResolved(
                    timeToResolutionMinutes: Self.minutes(from: before.enteredAt, to: time), priority: after.priority,
                    hasCategory: after.category != nil, hadAssignment: after.firstAssignedAt != nil),
                actor: actor, at: time)
        }
        return after
    }

    /// Deletes the ticket and its comments; `ticket_deleted` follows the commit.
    public func delete(id: String, by principal: Principal, at time: Date) async throws {
        guard principal.isStaff else { throw RequestError.forbidden("Client users cannot delete tickets.") }
        let (ticket, comments) = try await database.transaction { [store] session in
            let ticket = try await visibleTicket(id: id, for: principal, in: session, locked: true)
            let comments = try await store.commentCount(ticketID: ticket.id, in: session)
            try await store.delete(id: ticket.id, tenantID: ticket.tenantID, in: session)
            return (ticket, comments)
        }
        analytics.capture(
            TicketDeleted(
                ageInDays: Self.wholeDays(from: ticket.enteredAt, to: time),
                wasResolved: ticket.status.isClosed, hadComments: comments > 0),
            actor: principal.analyticsActor, at: time)
    }

    /// Runs `search` in the caller's tenant (a client user sees only their company's tickets), in the order
    /// it asks for, its cursor's, or else the one the tenant's product decision picks (``ProductFlag``);
    /// `ticket_searched` follows, with the query's length but never its text.
    public func search(_ search: TicketSearch, by principal: Principal, at time: Date) async throws -> TicketPage {
        let actor = principal.analyticsActor
        let order: TicketOrder
        if let asked = search.order ?? search.after?.order {
            order = asked
        } else {
            order = await decisions.variant(of: ProductFlag.deciding(search), for: actor, at: time).order
        }
        let clock = ContinuousClock()
        let started = clock.now
        var rows = try await operations.measure("ticket.search", actor: actor, at: time) {
            try await store.search(
                search, order: order, tenantID: principal.tenantID,
                onlyClient: principal.isStaff ? nil : principal.clientID, in: database)
        }
        let elapsed = clock.now - started
        let hasMore = rows.count > search.limit
        if hasMore { rows.removeLast() }
        analytics.capture(
            TicketSearched(
                queryLength: search.text?.count ?? 0, searchFields: search.text == nil ? [] : [.title, .description],
                filtersUsed: search.filtersUsed, resultCount: rows.count, limit: search.limit,
                durationMilliseconds: Double(elapsed.components.attoseconds) / 1e15
                    + Double(elapsed.components.seconds) * 1_000),
            actor: actor, at: time)
        let next = hasMore ? rows.last.map { SearchCursor(order: order, rank: $0.rank, number: $0.ticket.number) } : nil
        return TicketPage(tickets: rows.map(\.ticket), order: order, nextCursor: next?.text)
    }

    /// What a new comment says.
    public struct NewComment: Sendable {
        public var body: String
        public var isInternal: Bool
        public var isResolution: Bool
    }

    /// Adds a comment; `ticket_comment_added` follows the commit.
    public func addComment(
        _ draft: NewComment, toTicket ticketID: String, by principal: Principal, at time: Date
    ) async throws -> Comment {
        if !principal.isStaff, draft.isInternal || draft.isResolution {
            throw RequestError.forbidden("Client users cannot add internal or resolution comments.")
        }
        let comment = try await database.transaction { [store] session in
            let ticket = try await visibleTicket(id: ticketID, for: principal, in: session)
            let comment = Comment(
                id: UUIDText.make(), ticketID: ticket.id, authorID: principal.userID, body: draft.body,
                isInternal: draft.isInternal, isResolution: draft.isResolution, createdAt: time)
            try await store.insert(comment, tenantID: ticket.tenantID, in: session)
            try await store.touch(ticketID: ticket.id, tenantID: ticket.tenantID, at: time, in: session)
            return comment
        }
        analytics.capture(
            TicketCommentAdded(
                isInternal: comment.isInternal, isResolution: comment.isResolution, contentLength: comment.body.count,
                hasFormatting: Comment.hasFormatting(comment.body)),
            actor: principal.analyticsActor, at: time)
        return comment
    }

    /// The ticket's comments, oldest first; a client user does not see internal ones.
    public func comments(ofTicket ticketID: String, for principal: Principal) async throws -> [Comment] {
        let ticket = try await visibleTicket(id: ticketID, for: principal, in: database)
        return try await store.comments(ticketID: ticket.id, includeInternal: principal.isStaff, in: database)
    }

    /// The ticket if the caller may see it, locked for the transaction when `locked`; 404 otherwise.
    private func visibleTicket(
        id: String, for principal: Principal, in session: any SQLSession, locked: Bool = false
    ) async throws -> Ticket {
        let stored =
            locked
            ? try await store.lockedTicket(id: id, tenantID: principal.tenantID, in: session)
            : try await store.ticket(id: id, tenantID: principal.tenantID, in: session)
        guard let ticket = stored,
            principal.isStaff || ticket.clientID == principal.clientID
        else { throw RequestError.notFound("ticket") }
        return ticket
    }

    /// The assignee must be an active agent or admin of the tenant, the client one of its companies.
    private func validateReferences(
        assigneeID: String?, clientID: String?, tenantID: String, in session: any SQLSession
    ) async throws {
        if let assigneeID {
            guard let user = try await accounts.user(id: assigneeID, tenantID: tenantID, in: session), user.isActive,
                user.role != .client
            else {
                throw RequestError.invalid("invalid_field", "'assignee_id' is not an active agent of this tenant.")
            }
        }
        if let clientID, try await clients.client(id: clientID, tenantID: tenantID, in: session) == nil {
            throw RequestError.invalid("invalid_field", "'client_id' is not a client of this tenant.")
        }
    }

    static func minutes(from start: Date, to end: Date) -> Int {
        max(0, Int(end.timeIntervalSince(start) / 60))
    }

    static func wholeDays(from start: Date, to end: Date) -> Int {
        max(0, Int(end.timeIntervalSince(start) / 86_400))
    }
}
