import Foundation
import HTTPTypes
import Hummingbird
import UsageAnalytics

/// Stands in for a host's non-rejecting authenticator: reads who and when from test headers.
struct HeaderAuthenticator: RouterMiddleware {
    static let tenant = HTTPField.Name("x-test-tenant")!
    static let user = HTTPField.Name("x-test-user")!
    static let time = HTTPField.Name("x-test-time")!

    func handle(
        _ request: Request, context: TestRequestContext,
        next: (Request, TestRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        if let tenant = request.headers[Self.tenant] {
            context.analyticsActor = AnalyticsActor(tenant: tenant, user: request.headers[Self.user])
        }
        if let seconds = request.headers[Self.time].flatMap(TimeInterval.init) {
            context.eventTime = Date(timeIntervalSince1970: seconds)
        }
        return try await next(request, context)
    }
}

/// Throws for one path, standing in for a host middleware inside the analytics middleware.
struct FailingInnerMiddleware: RouterMiddleware {
    func handle(
        _ request: Request, context: TestRequestContext,
        next: (Request, TestRequestContext) async throws -> Response
    ) async throws -> Response {
        if request.uri.path == "/api/inner-failure" { throw LedgerUnavailable() }
        return try await next(request, context)
    }
}

/// Answers 418 when the error it catches is the very instance the route threw.
struct CatchingMiddleware<Expected: AnyObject & Error & Sendable>: RouterMiddleware {
    let expected: Expected

    func handle(
        _ request: Request, context: TestRequestContext,
        next: (Request, TestRequestContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as Expected where error === expected {
            return Response(status: .init(code: 418))
        }
    }
}
