import Foundation
import HTTPTypes
import Hummingbird

/// Reads `X-Simulated-Time` (ISO 8601) into the context, for `psa serve --simulation` only: `psa simulate`
/// then spreads a history over past days. Data and analytics events take that time; sessions and throttling
/// keep real time.
struct SimulatedTimeMiddleware: RouterMiddleware {
    static let header = HTTPField.Name("X-Simulated-Time")!

    func handle(
        _ request: Request, context: PSARequestContext, next: (Request, PSARequestContext) async throws -> Response
    ) async throws -> Response {
        guard let value = request.headers[Self.header] else { return try await next(request, context) }
        guard value.utf8.count <= 40, let time = try? Date(value, strategy: .iso8601),
            time.timeIntervalSince1970 > 0, time <= Date().addingTimeInterval(60)
        else {
            throw RequestError.invalid(
                "invalid_header", "'X-Simulated-Time' must be an ISO 8601 UTC time after 1970 and not in the future.")
        }
        var context = context
        context.simulatedTime = time
        return try await next(request, context)
    }
}
