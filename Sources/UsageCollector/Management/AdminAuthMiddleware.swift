import Hummingbird

/// Requires `Authorization: Bearer <admin token>` (compared in constant time) on the admin API.
/// With no token configured, the admin API refuses every request.
struct AdminAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String?

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let token else {
            return JSONResponses.error(
                IngestError(status: 401, code: "admin_disabled", detail: "no admin token is configured")
            )
        }
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
            SecretComparison.equals(String(header.dropFirst("Bearer ".count)), token)
        else {
            return JSONResponses.error(
                IngestError(status: 401, code: "invalid_admin_token", detail: "a valid admin bearer token is required"),
                headers: [.wwwAuthenticate: "Bearer"]
            )
        }
        return try await next(request, context)
    }
}
