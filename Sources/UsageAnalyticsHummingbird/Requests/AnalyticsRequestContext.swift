import Foundation
import Hummingbird
import UsageAnalytics

/// A request context that tells ``AnalyticsMiddleware`` who made the request and when.
///
/// The host decides identity; the adapter never reads tokens or cookies. Hummingbird passes
/// contexts down the middleware chain by value, so the actor must already be in the context
/// when ``AnalyticsMiddleware`` receives it: add the host's authenticator *before* the analytics
/// middleware, and make it identify without rejecting (an authenticator that answers 401 itself
/// hides those requests from analytics; leave rejection to a later middleware or the route).
///
/// ```swift
/// struct AppRequestContext: AnalyticsRequestContext {
///     var coreContext: CoreRequestContextStorage
///     var session: Session?
///     init(source: Source) { coreContext = .init(source: source) }
///
///     var analyticsActor: AnalyticsActor? {
///         session.map { AnalyticsActor(tenant: $0.tenantID, user: $0.userID, userType: $0.userType) }
///     }
/// }
///
/// router.add(middleware: SessionAuthenticator())  // identifies, never rejects
/// router.add(middleware: AnalyticsMiddleware(analytics: analytics, configuration: configuration))
/// ```
public protocol AnalyticsRequestContext: RequestContext {
    /// Who made the request; `nil` when unauthenticated, and the events then carry the
    /// installation-level id.
    var analyticsActor: AnalyticsActor? { get }

    /// When the request happened, for hosts that replay or simulate traffic; `nil` (the default)
    /// means now.
    var eventTime: Date? { get }
}

extension AnalyticsRequestContext {
    /// Requests happen now unless the host says otherwise.
    public var eventTime: Date? { nil }
}
