/// `ticket_comment_added`: a comment on a ticket committed.
public struct TicketCommentAdded: AnalyticsEvent {
    public var isInternal: Bool
    public var isResolution: Bool
    public var contentLength: Int
    public var hasFormatting: Bool

    public init(isInternal: Bool, isResolution: Bool, contentLength: Int, hasFormatting: Bool) {
        self.isInternal = isInternal
        self.isResolution = isResolution
        self.contentLength = contentLength
        self.hasFormatting = hasFormatting
    }

    public static let definition = EventDefinition(
        name: "ticket_comment_added", category: .tickets,
        trigger: "After a comment commits.",
        properties: [
            .flag("is_internal", \Self.isInternal, "Whether only agents can see the comment."),
            .flag("is_resolution", \Self.isResolution, "Whether the comment records the resolution."),
            .count("content_length", \Self.contentLength, "Characters in the comment; the text is never sent."),
            .flag("has_formatting", \Self.hasFormatting, "Whether the comment uses Markdown or HTML formatting."),
        ])
}
