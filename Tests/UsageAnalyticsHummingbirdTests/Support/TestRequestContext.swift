import Foundation
import HTTPTypes
import Hummingbird
import UsageAnalytics
import UsageAnalyticsHummingbird

/// A host's context: the actor and, in simulation, the event time, set by ``HeaderAuthenticator``.
struct TestRequestContext: AnalyticsRequestContext {
    var coreContext: CoreRequestContextStorage
    var analyticsActor: AnalyticsActor?
    var eventTime: Date?

    init(source: Source) {
        coreContext = .init(source: source)
    }
}

/// A context that relies on the protocol's default `eventTime`.
struct PlainRequestContext: AnalyticsRequestContext {
    var coreContext: CoreRequestContextStorage
    var analyticsActor: AnalyticsActor? { AnalyticsActor(tenant: "acme", user: "7") }

    init(source: Source) {
        coreContext = .init(source: source)
    }
}

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
