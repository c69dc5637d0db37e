import Foundation

extension EventCatalogue {
    /// One illustrative instance of every catalogue event, in catalogue order: what `psa privacy --catalogue`
    /// runs through the pipeline, and what tests drive each event with. The values are examples, not
    /// measurements.
    public static let examples: [any AnalyticsEvent] = [
        TicketCreated(
            ticketType: .fromEmail, priority: .urgent, hasDescription: true, hasCategory: true, hasSubcategory: false,
            isAssigned: false, hasAsset: true, createdVia: .email),
        TicketUpdated(fieldsUpdated: [.status, .priority, .assignee, .subcategory]),
        TicketResolved(timeToResolutionMinutes: 95, priority: .high, hasCategory: true, hadAssignment: true),
        TicketAssigned(wasReassignment: false, timeToFirstAssignmentMinutes: 12),
        TicketDeleted(ageInDays: 3, wasResolved: false, hadComments: true),
        TicketSearched(
            queryLength: 7, searchFields: [.title, .description], filtersUsed: [.status, .includeClosed],
            resultCount: 4, limit: 25, durationMilliseconds: 3.5),
        TicketViewed(openedFrom: .search, priority: .high, isClosed: false, isAssigned: true, ageInDays: 2),
        TicketCommentAdded(isInternal: true, isResolution: false, contentLength: 140, hasFormatting: true),
        UserSignedUp(registrationMethod: .selfService, userType: .internal, companyCreated: true),
        AuthValidated(hasTwoFactor: true, isAdmin: false),
        UserLoggedIn(provider: .credentials, userType: .client, hasTwoFactor: true, loginMethod: .passwordAndTOTP),
        LoginFailed(reason: .invalidTwoFactorCode, provider: .credentials, hasTwoFactor: true),
        UserLoggedOut(userType: .internal),
        APIRequest(
            endpoint: "/api/tickets/{id}", method: .patch, status: 200, durationMilliseconds: 12.25, hasAuth: true,
            isSlow: false),
        SlowQuery(endpoint: "/api/tickets", method: .get, durationMilliseconds: 2_300, thresholdExceeded: "2s"),
        APIError(
            endpoint: "/api/tickets/{id}", method: .delete, errorType: "DatabaseError", errorCode: 500,
            durationMilliseconds: 8, hasAuth: true),
        SlowOperation(operation: "ticket.search", durationMilliseconds: 742.5, thresholdMilliseconds: 500),
        OperationError(operation: "ticket.create", errorType: "ValidationError"),
        TimeEntryCreated(
            details: TimeEntryDetails(
                durationMinutes: 45, isBillable: true, hasNotes: true, workItemType: .ticket,
                approvalStatus: .draft)),
        TimeEntryUpdated(
            details: TimeEntryDetails(
                durationMinutes: 30, isBillable: false, hasNotes: false, workItemType: .projectTask,
                approvalStatus: .submitted),
            previousDurationMinutes: 45),
        TimeEntryDeleted(durationMinutes: 60, wasBillable: true, ageInDays: 2),
        TimeSheetSubmitted(
            summary: TimeSheetSummary(
                entryCount: 14, totalHours: Decimal(string: "37.75")!, periodDays: 7,
                approvalType: .manual)),
        TimeSheetApproved(
            summary: TimeSheetSummary(
                entryCount: 14, totalHours: Decimal(string: "37.75")!, periodDays: 7,
                approvalType: .bulk)),
        InvoiceGenerated(lineCount: 6, isManual: false, amountBucket: AmountBucket(amount: 1_250)),
        InvoiceSent(deliveryMethod: .email, daysSinceGenerated: 1),
        PaymentProcessed(method: .bankTransfer, isPartial: true),
        BillingRuleCreated(ruleType: .hourly),
        BillingRuleUpdated(ruleType: .fixed, updatedFields: [.rate, .endDate]),
    ]
}
