// The closed sets that ticket events draw their values from.

/// How a ticket came into the system.
public enum TicketType: String, PropertyEnumeration {
    case manual
    case fromEmail = "from_email"
    case fromAsset = "from_asset"
    case fromPortal = "from_portal"
}

/// A ticket's priority.
public enum TicketPriority: String, PropertyEnumeration {
    case low, medium, high, urgent
}

/// The surface a ticket was created through.
public enum TicketChannel: String, PropertyEnumeration {
    case webApp = "web_app"
    case api
    case clientPortal = "client_portal"
    case email
    case assetPage = "asset_page"
}

/// A ticket field an update can change.
public enum TicketField: String, PropertyEnumeration {
    case title, description, status, priority, category, subcategory, assignee, client
}

/// A ticket field a search can match its query against.
public enum TicketSearchField: String, PropertyEnumeration {
    case title, description, comments
}

/// A filter a ticket search can apply.
public enum TicketSearchFilter: String, PropertyEnumeration {
    case status, priority, client
    case assignedTo = "assigned_to"
    case includeClosed = "include_closed"
}
