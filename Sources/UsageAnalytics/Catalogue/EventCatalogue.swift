/// Every typed event the product can send, in reference order.
public enum EventCatalogue {
    /// The event types of the catalogue.
    public static let events: [any AnalyticsEvent.Type] = [
        TicketCreated.self, TicketUpdated.self, TicketResolved.self, TicketAssigned.self, TicketDeleted.self,
        TicketSearched.self, TicketViewed.self, TicketCommentAdded.self,
        UserSignedUp.self, AuthValidated.self, UserLoggedIn.self, LoginFailed.self, UserLoggedOut.self,
        APIRequest.self, SlowQuery.self, APIError.self, SlowOperation.self, OperationError.self,
        TimeEntryCreated.self, TimeEntryUpdated.self, TimeEntryDeleted.self, TimeSheetSubmitted.self,
        TimeSheetApproved.self,
        InvoiceGenerated.self, InvoiceSent.self, PaymentProcessed.self, BillingRuleCreated.self,
        BillingRuleUpdated.self,
    ]

    /// The definitions of every catalogue event.
    public static var definitions: [EventDefinition] { events.map { $0.definition } }

    /// The wire names of the catalogue; a generic event may not reuse one.
    public static let names: Set<String> = Set(events.map { $0.definition.name })
}
