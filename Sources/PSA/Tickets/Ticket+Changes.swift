import Foundation
import UsageAnalytics

extension TicketService.Changes {
    /// Applies the changes to `ticket` at `time`, keeping the timestamps consistent: closing stamps
    /// `closed_at` and reopening clears it; a new assignee stamps `assigned_at` (and `first_assigned_at`
    /// the first time); unassigning clears `assigned_at`.
    func apply(to ticket: inout Ticket, at time: Date) {
        let before = ticket
        if case .set(let value) = title { ticket.title = value }
        if case .set(let value) = description { ticket.description = value }
        if case .set(let value) = status { ticket.status = value }
        if case .set(let value) = priority { ticket.priority = value }
        if case .set(let value) = category { ticket.category = value }
        if case .set(let value) = subcategory { ticket.subcategory = value }
        if case .set(let value) = assigneeID { ticket.assigneeID = value }
        if case .set(let value) = clientID { ticket.clientID = value }
        if ticket.status.isClosed != before.status.isClosed {
            ticket.closedAt = ticket.status.isClosed ? time : nil
        }
        if ticket.assigneeID != before.assigneeID {
            ticket.assignedAt = ticket.assigneeID == nil ? nil : time
            if ticket.assigneeID != nil, ticket.firstAssignedAt == nil { ticket.firstAssignedAt = time }
        }
        if ticket != before { ticket.updatedAt = time }
    }
}

extension Ticket {
    /// The fields whose value differs from `other`'s, in the catalogue's order.
    func fieldsChanged(from other: Ticket) -> [TicketField] {
        var changed: [TicketField] = []
        if title != other.title { changed.append(.title) }
        if description != other.description { changed.append(.description) }
        if status != other.status { changed.append(.status) }
        if priority != other.priority { changed.append(.priority) }
        if category != other.category { changed.append(.category) }
        if subcategory != other.subcategory { changed.append(.subcategory) }
        if assigneeID != other.assigneeID { changed.append(.assignee) }
        if clientID != other.clientID { changed.append(.client) }
        return changed
    }
}
