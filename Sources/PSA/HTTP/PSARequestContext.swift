import Foundation
import Hummingbird
import NIOCore
import UsageAnalytics
import UsageAnalyticsHummingbird

/// The PSA's request context: who is calling (set by ``AuthenticatorMiddleware``), the time the request
/// acts at, and the client's address.
public struct PSARequestContext: AnalyticsRequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The authenticated caller, when the request carried a live session token.
    public var principal: Principal?
    /// Why a request that carried credentials is not authenticated.
    var credentialsRejected = false
    /// The instant the request acts at, when the server accepts simulated time and the request set it.
    public var simulatedTime: Date?
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// Request bodies are small JSON objects: 1 MiB is far above any valid one.
    public var maxUploadSize: Int { 1 << 20 }

    /// Who the request's analytics events are about: the signed-in caller, or the installation.
    public var analyticsActor: AnalyticsActor? { principal?.analyticsActor }

    /// Simulated requests stamp their `api_request` events with their simulated time.
    public var eventTime: Date? { simulatedTime }

    /// The moment this request's changes and analytics events are stamped with.
    var now: Date { simulatedTime ?? Date() }

    /// The caller's address, the key of per-address sign-in throttling.
    var clientAddress: String? {
        remoteAddress?.ipAddress
    }

    /// The authenticated caller, or the 401 the client gets.
    func requirePrincipal() throws -> Principal {
        if let principal { return principal }
        throw credentialsRejected ? RequestError.invalidToken : RequestError.notAuthenticated
    }
}
