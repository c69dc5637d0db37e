import Foundation
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
