import Hummingbird

/// Resolves `Authorization: Bearer <token>` into the context's principal without refusing anything:
/// routes that need a caller call `requirePrincipal()`. It runs before the analytics middleware, which then
/// knows the actor.
struct AuthenticatorMiddleware: RouterMiddleware {
    let auth: AuthService

    func handle(
        _ request: Request, context: PSARequestContext, next: (Request, PSARequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer",
                let principal = try await auth.authenticate(bearer: parts[1])
            {
                context.principal = principal
            } else {
                context.credentialsRejected = true
            }
        }
        return try await next(request, context)
    }
}
