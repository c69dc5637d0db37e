import Foundation
import Hummingbird

/// The admin API for cohorts, under `/api` with the admin token, shaped like PostHog's
/// `/api/projects/{project_id}/cohorts/`:
///
/// - `GET …/cohorts`, `GET …/cohorts/{id}`: definitions with their member `count`
/// - `POST …/cohorts` `{"name", "description", "is_static", "filters"}` → `201`; `PATCH …/cohorts/{id}` → `200`
/// - `DELETE …/cohorts/{id}` → `204`, with its members
/// - `POST …/cohorts/{id}/csv`: a CSV of distinct ids (see ``CohortCSV``) added to a static cohort
/// - `GET …/cohorts/{id}/persons?offset=&limit=`: members, a page at a time, with `count` and `next`
///
/// Bad input gets `400` with `attr` naming the field and changes nothing.
struct CohortAdminController: Sendable {
    static let defaultPageSize = 100
    static let maxPageSize = 1000
    static let maxOffset = 10_000_000

    let memberships: CohortMemberships
    let projects: ProjectDirectory

    var store: any CohortStore { self.memberships.store }

    func addRoutes(to group: RouterGroup<some RequestContext>) {
        group.get("projects/{project_id}/cohorts") { _, context in
            await self.scoped(context) { project, _ in
                var results: [JSONValue] = []
                for cohort in try await self.store.cohorts(project: project) {
                    results.append(await self.json(cohort, project: project))
                }
                return Self.json(.ok, .object(["count": .int(results.count), "results": .array(results)]))
            }
        }
        group.post("projects/{project_id}/cohorts") { request, context in
            await self.scoped(context) { project, _ in
                let draft = try CohortRequest.draft(try await Self.body(request, limit: CohortRequest.maxBodyBytes))
                let cohort = try await self.store.create(draft, project: project, at: self.memberships.now())
                return Self.json(.created, await self.json(cohort, project: project))
            }
        }
        group.get("projects/{project_id}/cohorts/{id}") { _, context in
            await self.scoped(context) { project, id in
                Self.json(.ok, await self.json(try await self.existing(id, project: project), project: project))
            }
        }
        group.patch("projects/{project_id}/cohorts/{id}") { request, context in
            await self.scoped(context) { project, id in
                let current = try await self.existing(id, project: project)
                let body = try await Self.body(request, limit: CohortRequest.maxBodyBytes)
                let draft = try CohortRequest.draft(body, over: current)
                let cohort = try await self.store.update(
                    id: id, with: draft, project: project, at: self.memberships.now())
                self.memberships.forget(id, project: project)
                return Self.json(.ok, await self.json(cohort, project: project))
            }
        }
        group.delete("projects/{project_id}/cohorts/{id}") { _, context in
            await self.scoped(context) { project, id in
                guard try await self.store.delete(id: id, project: project) else { throw CohortStoreError.notFound(id) }
                self.memberships.forget(id, project: project)
                return Response(status: .noContent)
            }
        }
        group.post("projects/{project_id}/cohorts/{id}/csv") { request, context in
            await self.scoped(context) { project, id in
                let current = try await self.existing(id, project: project)
                guard current.isStatic else { throw CohortStoreError.notStatic(id) }
                let ids = try CohortCSV.distinctIDs(try await Self.body(request, limit: CohortCSV.maxBytes))
                let cohort = try await self.store.addMembers(ids, to: id, project: project, at: self.memberships.now())
                return Self.json(.ok, await self.json(cohort, project: project))
            }
        }
        group.get("projects/{project_id}/cohorts/{id}/persons") { request, context in
            await self.scoped(context) { project, id in
                let cohort = try await self.existing(id, project: project)
                let page = try CohortPage(request.uri.queryParameters)
                let (members, count) = try await self.members(of: cohort, project: project, page: page)
                let next = page.offset + members.count < count ? page.next(request.uri.path) : nil
                return Self.json(
                    .ok,
                    .object([
                        "count": .int(count), "next": next.map(JSONValue.string) ?? .null,
                        "results": .array(members.map { .object(["distinct_ids": .array([.string($0)])]) }),
                    ]))
            }
        }
    }

    /// One page of members and the total.
    private func members(of cohort: Cohort, project: String, page: CohortPage) async throws -> ([String], Int) {
        if cohort.isStatic {
            let members = try await self.store.members(
                of: cohort.id, project: project, offset: page.offset, limit: page.limit)
            return (members, cohort.staticCount)
        }
        let all = try await self.memberships.behaviouralMembers(of: cohort, project: project)
        return (Array(all.dropFirst(page.offset).prefix(page.limit)), all.count)
    }

    private func existing(_ id: Int, project: String) async throws -> Cohort {
        guard let cohort = try await self.store.cohort(id: id, project: project) else {
            throw CohortStoreError.notFound(id)
        }
        return cohort
    }

    /// A cohort in PostHog's shape; `count` is null while the engine is still loading.
    func json(_ cohort: Cohort, project: String) async -> JSONValue {
        let count = try? await self.memberships.count(of: cohort, project: project)
        let filters: JSONValue
        if case .behavioural(let criteria) = cohort.definition {
            filters = criteria.filtersJSON
        } else {
            filters = .null
        }
        return .object([
            "id": .int(cohort.id), "name": .string(cohort.name), "description": .string(cohort.description),
            "is_static": .bool(cohort.isStatic), "filters": filters, "count": count.map(JSONValue.int) ?? .null,
            "version": .int(cohort.version), "is_calculating": .bool(false), "deleted": .bool(false),
            "created_at": .string(ISO8601Timestamp.format(CohortRow.micros(cohort.createdAt))),
            "updated_at": .string(ISO8601Timestamp.format(CohortRow.micros(cohort.updatedAt))),
        ])
    }

    /// Resolves the project and the cohort id (0 where the route has none), and maps each failure to its response.
    private func scoped(
        _ context: some RequestContext, _ body: (String, Int) async throws -> Response
    ) async -> Response {
        let reference = context.parameters.get("project_id") ?? ""
        guard let project = self.projects.key(for: reference) else {
            return InsightsController.unknownProject(reference)
        }
        do {
            var id = 0
            if let text = context.parameters.get("id") {
                guard let parsed = Int(text), parsed > 0 else { throw CohortStoreError.notFound(0) }
                id = parsed
            }
            return try await body(project, id)
        } catch let error as InsightQueryError {
            return InsightsController.invalid(error)
        } catch let error as CohortStoreError {
            return Self.refused(error)
        } catch let error as IngestError {
            return JSONResponses.error(error)
        } catch is InsightsEngine.NotReady {
            return InsightsController.loading()
        } catch {
            return JSONResponses.error(.storageUnavailable)
        }
    }

    private static func body(_ request: Request, limit: Int) async throws -> [UInt8] {
        do {
            return Array(buffer: try await request.body.collect(upTo: limit))
        } catch {
            throw IngestError.requestTooLarge(limit: limit)
        }
    }

    static func refused(_ error: CohortStoreError) -> Response {
        switch error {
        case .notFound(let id):
            return Self.json(
                .notFound,
                .object([
                    "type": .string("invalid_request"), "code": .string("not_found"),
                    "detail": .string("no cohort \(id) in this project"),
                ]))
        case .notStatic(let id):
            return InsightsController.invalid(
                InsightQueryError("is_static", "cohort \(id) is behavioural: members are computed, not uploaded"))
        }
    }

    static func json(_ status: HTTPResponse.Status, _ value: JSONValue) -> Response {
        InsightsController.json(status, value)
    }
}
