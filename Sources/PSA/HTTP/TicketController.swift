import Hummingbird
import UsageAnalytics

/// `/api/tickets`: create, read, update, delete, search, and comments.
struct TicketController {
    let tickets: TicketService

    func addRoutes(to router: Router<PSARequestContext>) {
        router.post("/api/tickets", use: create)
        router.get("/api/tickets", use: search)
        router.get("/api/tickets/{id}", use: read)
        router.patch("/api/tickets/{id}", use: update)
        router.delete("/api/tickets/{id}", use: delete)
        router.post("/api/tickets/{id}/comments", use: addComment)
        router.get("/api/tickets/{id}/comments", use: listComments)
    }

    @Sendable func create(_ request: Request, context: PSARequestContext) async throws -> EditedResponse<Ticket> {
        let principal = try context.requirePrincipal()
        let body = try await request.decodeJSON(as: NewTicketBody.self, context: context)
        let ticket = try await tickets.create(try body.draft(), by: principal, at: context.now)
        return EditedResponse(status: .created, response: ticket)
    }

    /// `GET /api/tickets/{id}?from=search|list|link`: `from` says where the reader opened it (`ticket_viewed`).
    @Sendable func read(_ request: Request, context: PSARequestContext) async throws -> Ticket {
        let principal = try context.requirePrincipal()
        let parameters = request.uri.queryParameters
        try QueryRules.refuseUnknown(parameters, accepted: ["from"])
        let origin = try parameters.get("from").map {
            try FieldRules.choice($0, field: "from", of: TicketViewOrigin.self)
        }
        return try await tickets.ticket(
            id: try ticketID(context), for: principal, openedFrom: origin ?? .unspecified, at: context.now)
    }

    @Sendable func update(_ request: Request, context: PSARequestContext) async throws -> Ticket {
        let principal = try context.requirePrincipal()
        let id = try ticketID(context)
        let body = try await request.decodeJSON(as: TicketChangesBody.self, context: context)
        return try await tickets.update(id: id, try body.changes(), by: principal, at: context.now)
    }

    @Sendable func delete(_ request: Request, context: PSARequestContext) async throws -> HTTPResponse.Status {
        try await tickets.delete(id: try ticketID(context), by: try context.requirePrincipal(), at: context.now)
        return .noContent
    }

    @Sendable func search(_ request: Request, context: PSARequestContext) async throws -> ResultList<Ticket> {
        let principal = try context.requirePrincipal()
        let search = try TicketSearchParameters.parse(request.uri.queryParameters, caller: principal)
        let page = try await tickets.search(search, by: principal, at: context.now)
        return ResultList(results: page.tickets, nextCursor: .some(page.nextCursor))
    }

    @Sendable func addComment(_ request: Request, context: PSARequestContext) async throws -> EditedResponse<Comment> {
        let principal = try context.requirePrincipal()
        let id = try ticketID(context)
        let body = try await request.decodeJSON(as: NewCommentBody.self, context: context)
        let comment = TicketService.NewComment(
            body: try FieldRules.text(body.body, field: "body", maximum: 20_000, multiline: true),
            isInternal: body.isInternal ?? false, isResolution: body.resolution ?? false)
        let stored = try await tickets.addComment(comment, toTicket: id, by: principal, at: context.now)
        return EditedResponse(status: .created, response: stored)
    }

    @Sendable func listComments(_ request: Request, context: PSARequestContext) async throws -> ResultList<Comment> {
        let principal = try context.requirePrincipal()
        return ResultList(results: try await tickets.comments(ofTicket: try ticketID(context), for: principal))
    }

    private func ticketID(_ context: PSARequestContext) throws -> String {
        // A malformed id cannot name a ticket: answered like an unknown one.
        guard let id = context.parameters.get("id"), UUIDText.isCanonical(id), id.utf8.count == 36 else {
            throw RequestError.notFound("ticket")
        }
        return id
    }
}

struct NewCommentBody: JSONBody {
    var body: String
    var isInternal: Bool?
    var resolution: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case body, resolution
        case isInternal = "internal"
    }

    init(from decoder: any Decoder) throws {
        try Self.refuseUnknownKeys(in: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        body = try container.decode(String.self, forKey: .body)
        isInternal = try container.decodeIfPresent(Bool.self, forKey: .isInternal)
        resolution = try container.decodeIfPresent(Bool.self, forKey: .resolution)
    }
}
