import Foundation
import Hummingbird
import UsageAnalytics

/// Emits `api_request`, `slow_query` and `api_error` for every request that passes through it.
///
/// Each event is labelled with the matched route's template (`/api/tickets/{id}`), never the
/// raw path, so ids in URLs never leave the process; a request that matched no route is
/// labelled ``unmatchedEndpoint``. Durations run from the moment the middleware receives the
/// request until the response head is ready (or the error is thrown).
///
/// - `api_request`: every request, kept at `apiRequestSampleRate`; `is_slow` when it took
///   strictly longer than `slowRequestThreshold`.
/// - `slow_query`: a request strictly longer than `slowQueryThreshold`, whatever the sampling.
/// - `api_error`: the handler or an inner middleware threw (`error_type` is the error's type
///   name, `error_code` the status the client gets: an `HTTPResponseError`'s status, else 500),
///   or it answered with a status of 500 or more (`error_type` is ``serverErrorResponseType``).
///   The error is rethrown unchanged.
///
/// Add it after the host's authenticator, which puts the actor in the context (see
/// ``AnalyticsRequestContext``):
///
/// ```swift
/// router.add(middleware: SessionAuthenticator())
/// router.add(middleware: AnalyticsMiddleware(analytics: analytics, configuration: configuration))
/// ```
public struct AnalyticsMiddleware<Context: AnalyticsRequestContext, TimingClock: Clock<Duration>>: RouterMiddleware {
    private let analytics: AnalyticsClient
    private let clock: TimingClock
    private let sampler: RequestSampler
    private let slowRequestThreshold: Duration
    private let slowQueryThreshold: Duration
    private let slowQueryLabel: String

    /// The `endpoint` of a request that matched no route.
    public static var unmatchedEndpoint: String { "<unmatched>" }

    /// The `error_type` of a response with a status of 500 or more that no error was thrown for.
    public static var serverErrorResponseType: String { "ServerErrorResponse" }

    /// A middleware measuring with `clock` and sampling with `random`.
    /// - Parameters:
    ///   - analytics: Where the events go.
    ///   - configuration: The thresholds and the `api_request` sampling rate.
    ///   - clock: Measures request durations; tests inject a manual one.
    ///   - random: A uniform number in `0..<1` for each sampling decision; tests inject a seeded one.
    public init(
        analytics: AnalyticsClient, configuration: AnalyticsConfiguration, clock: TimingClock,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.analytics = analytics
        self.clock = clock
        self.sampler = RequestSampler(rate: configuration.apiRequestSampleRate, random: random)
        self.slowRequestThreshold = configuration.slowRequestThreshold
        self.slowQueryThreshold = configuration.slowQueryThreshold
        self.slowQueryLabel = configuration.slowQueryThreshold.thresholdLabel
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard analytics.isEnabled else { return try await next(request, context) }
        let start = clock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            let elapsed = start.duration(to: clock.now)
            record(request, context, status: status, elapsed: elapsed, errorType: errorTypeName(of: error))
            throw error
        }
        let status = response.status.code
        let elapsed = start.duration(to: clock.now)
        record(
            request, context, status: status, elapsed: elapsed,
            errorType: status >= 500 ? Self.serverErrorResponseType : nil)
        return response
    }

    /// Captures what the request's outcome calls for; `errorType` names the failure, if any.
    private func record(
        _ request: Request, _ context: Context, status: Int, elapsed: Duration, errorType: String?
    ) {
        let isSampled = sampler.admitsRequest()
        let isSlowQuery = elapsed > slowQueryThreshold
        guard isSampled || isSlowQuery || errorType != nil else { return }
        let endpoint = Self.endpoint(of: context)
        let method = RequestMethod(request.method)
        let milliseconds = elapsed.milliseconds
        let hasAuth = request.headers.contains(.authorization)
        let actor = context.analyticsActor
        let eventTime = context.eventTime
        if isSampled {
            let event = APIRequest(
                endpoint: endpoint, method: method, status: status, durationMilliseconds: milliseconds,
                hasAuth: hasAuth, isSlow: elapsed > slowRequestThreshold)
            analytics.capture(event, actor: actor, eventTime: eventTime)
        }
        if isSlowQuery {
            let event = SlowQuery(
                endpoint: endpoint, method: method, durationMilliseconds: milliseconds,
                thresholdExceeded: slowQueryLabel)
            analytics.capture(event, actor: actor, eventTime: eventTime)
        }
        if let errorType {
            let event = APIError(
                endpoint: endpoint, method: method, errorType: errorType, errorCode: status,
                durationMilliseconds: milliseconds, hasAuth: hasAuth)
            analytics.capture(event, actor: actor, eventTime: eventTime)
        }
    }

    /// The route template, or the placeholder. Hummingbird's not-found responder writes
    /// `NotFound`, which is never a template: templates start with `/`.
    private static func endpoint(of context: Context) -> String {
        guard let path = context.endpointPath, path.hasPrefix("/") else { return unmatchedEndpoint }
        return path
    }
}

extension AnalyticsMiddleware where TimingClock == ContinuousClock {
    /// A middleware measuring with the continuous clock and sampling at random.
    /// - Parameters:
    ///   - analytics: Where the events go.
    ///   - configuration: The thresholds and the `api_request` sampling rate.
    public init(analytics: AnalyticsClient, configuration: AnalyticsConfiguration) {
        self.init(analytics: analytics, configuration: configuration, clock: ContinuousClock())
    }
}
