import Foundation
import Hummingbird

/// The insight routes: PostHog's query endpoint and its aliases, projects, and discovery.
struct InsightsController: Sendable {
    let engine: InsightsEngine
    let projects: ProjectDirectory
    /// The moment a query is answered as of; injectable for tests of relative dates.
    let now: @Sendable () -> Date
    /// Resolves the cohorts a query names; without it such queries are refused.
    var cohorts: CohortMemberships? = nil

    static let retryAfterSeconds = 2

    func addRoutes(to group: RouterGroup<some RequestContext>) {
        group.get("projects") { _, _ in Self.json(.ok, self.projects.listing) }
        group.post("projects/{project_id}/query") { request, context in
            await self.query(request, project: context.parameters.get("project_id") ?? "", kind: nil)
        }
        for (path, kind) in [("trends", "TrendsQuery"), ("funnel", "FunnelsQuery"), ("retention", "RetentionQuery")] {
            group.post("query/\(path)") { request, _ in
                await self.query(
                    request, project: request.uri.queryParameters["project_id"].map(String.init) ?? "@current",
                    kind: kind)
            }
        }
        group.get("projects/{project_id}/event_definitions") { _, context in
            self.definitions(project: context.parameters.get("project_id") ?? "") { EventDefinitions.events($0) }
        }
        group.get("projects/{project_id}/property_definitions") { request, context in
            let names = Self.eventNames(request.uri.queryParameters["event_names"].map(String.init))
            return self.definitions(project: context.parameters.get("project_id") ?? "") {
                EventDefinitions.properties($0, eventNames: names)
            }
        }
    }

    func query(_ request: Request, project reference: String, kind: String?) async -> Response {
        guard let project = self.projects.key(for: reference) else { return Self.unknownProject(reference) }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: InsightQuery.maxBodyBytes)
        } catch {
            return Self.invalid(
                InsightQueryError("query", "the request body is larger than \(InsightQuery.maxBodyBytes) bytes"))
        }
        do {
            let query = try InsightQuery.parse(body: body.readableBytesView, expectedKind: kind)
            let now = Int64(self.now().timeIntervalSince1970 * 1_000_000)
            let results = try await self.engine.answer(query, project: project, now: now, cohorts: self.cohorts)
            return Self.json(
                .ok,
                .object([
                    "results": results, "hasMore": .bool(false), "is_cached": .bool(false), "timezone": .string("UTC"),
                    "last_refresh": .string(ISO8601Timestamp.format(now)),
                ]))
        } catch let error as InsightQueryError {
            return Self.invalid(error)
        } catch {
            return Self.loading()
        }
    }

    private func definitions(project reference: String, _ answer: (ProjectColumns) -> JSONValue) -> Response {
        guard let project = self.projects.key(for: reference) else { return Self.unknownProject(reference) }
        do {
            return Self.json(.ok, answer(try self.engine.snapshot(project: project)))
        } catch {
            return Self.loading()
        }
    }

    /// `event_names` as PostHog sends it (a JSON array) or comma-separated.
    static func eventNames(_ parameter: String?) -> [String] {
        guard let parameter, !parameter.isEmpty else { return [] }
        if case .array(let items)? = JSONValue.parse(Array(parameter.utf8)) {
            return items.compactMap { if case .string(let name) = $0 { name } else { nil } }
        }
        return parameter.split(separator: ",").map(String.init)
    }

    static func json(_ status: HTTPResponse.Status, _ value: JSONValue, headers: HTTPFields = [:]) -> Response {
        JSONResponses.json(status: status, value.jsonText, headers: headers)
    }

    static func invalid(_ error: InsightQueryError) -> Response {
        Self.json(
            .badRequest,
            .object([
                "type": .string("validation_error"), "code": .string("invalid_input"),
                "detail": .string(error.detail), "attr": .string(error.attr),
            ]))
    }

    static func loading() -> Response {
        Self.json(
            .serviceUnavailable,
            .object([
                "type": .string("server_error"), "code": .string("insights_loading"),
                "detail": .string("the insights engine is loading the stored events; retry shortly"),
            ]),
            headers: [.retryAfter: String(Self.retryAfterSeconds)])
    }

    static func unknownProject(_ reference: String) -> Response {
        Self.json(
            .notFound,
            .object([
                "type": .string("invalid_request"), "code": .string("not_found"),
                "detail": .string("project \(String(reference.prefix(40))) is not a project of this collector"),
            ]))
    }
}
