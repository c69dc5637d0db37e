import Foundation
import Hummingbird
import UsageAnalytics

/// The admin API for flags, under `/api` with the admin token, shaped like PostHog's
/// `/api/projects/{project_id}/feature_flags/`:
///
/// - `GET …/feature_flags` (`?archived=true` includes archived ones), `GET …/feature_flags/{id}`
/// - `POST …/feature_flags` with a flag in PostHog's definition JSON → `201`
/// - `PATCH …/feature_flags/{id}` with the members to change → `200`, version + 1
/// - `DELETE …/feature_flags/{id}` archives it; `GET …/feature_flags/{id}/history` lists every revision.
///
/// A definition that does not validate gets `400` with `attr` naming the field; so does an
/// `aggregation_group_type_index` other than `null` or `0` (the tenant, the only group type).
struct FlagAdminController: Sendable {
    static let maximumBodyBytes = 256 * 1_024

    let store: any FlagStore
    let projects: ProjectDirectory
    let now: @Sendable () -> Date
    /// Where cohort conditions are checked to name an existing cohort of the project.
    var cohorts: (any CohortStore)? = nil

    func addRoutes(to group: RouterGroup<some RequestContext>) {
        group.get("projects/{project_id}/feature_flags") { request, context in
            await self.scoped(context.parameters) { project in
                let archived = request.uri.queryParameters["archived"] == "true"
                let flags = try await self.store.flags(project: project, includeArchived: archived)
                return FlagResponses.json(.ok, ["count": .int(flags.count), "results": .array(flags.map(Self.json))])
            }
        }
        group.get("projects/{project_id}/feature_flags/{id}") { _, context in
            await self.scoped(context.parameters) { project in
                let stored = try await self.current(id: try Self.flagID(context.parameters), project: project)
                return FlagResponses.json(.ok, Self.json(stored))
            }
        }
        group.get("projects/{project_id}/feature_flags/{id}/history") { _, context in
            await self.scoped(context.parameters) { project in
                let id = try Self.flagID(context.parameters)
                let revisions = try await self.store.revisions(flagID: id, project: project)
                guard !revisions.isEmpty else { throw FlagStoreError.notFound(id) }
                return FlagResponses.json(
                    .ok, ["count": .int(revisions.count), "results": .array(revisions.map(Self.json))])
            }
        }
        group.post("projects/{project_id}/feature_flags") { request, context in
            await self.scoped(context.parameters) { project in
                let flag = try Self.servable(FeatureFlag(json: try await Self.body(request)))
                try await self.checkCohorts(of: flag, project: project)
                let stored = try await self.store.apply(.create(flag, at: self.now()), project: project)
                return FlagResponses.json(.created, Self.json(stored))
            }
        }
        group.patch("projects/{project_id}/feature_flags/{id}") { request, context in
            await self.scoped(context.parameters) { project in
                let current = try await self.current(id: try Self.flagID(context.parameters), project: project)
                guard case .object(let changes) = try await Self.body(request),
                    case .object(var members) = current.flag.json
                else { throw FlagDefinitionError(field: "flag", reason: "must be an object") }
                members.merge(changes.filter { !["id", "version"].contains($0.key) }) { _, new in new }
                var flag = try Self.servable(FeatureFlag(json: .object(members)))
                flag.id = current.flag.id
                try await self.checkCohorts(of: flag, project: project)
                let stored = try await self.store.apply(.edit(flag, at: self.now()), project: project)
                return FlagResponses.json(.ok, Self.json(stored))
            }
        }
        group.delete("projects/{project_id}/feature_flags/{id}") { _, context in
            await self.scoped(context.parameters) { project in
                let id = try Self.flagID(context.parameters)
                let stored = try await self.store.apply(.archive(id: id, at: self.now()), project: project)
                return FlagResponses.json(.ok, Self.json(stored))
            }
        }
    }

    /// Resolves the project and maps each failure to its response.
    private func scoped(
        _ parameters: Parameters, _ body: (String) async throws -> Response
    ) async -> Response {
        let reference = parameters.get("project_id") ?? ""
        guard let project = self.projects.key(for: reference) else {
            return InsightsController.unknownProject(reference)
        }
        do {
            return try await body(project)
        } catch let error as FlagDefinitionError {
            return FlagResponses.invalid(error)
        } catch let error as FlagStoreError {
            return FlagResponses.refused(error)
        } catch let error as IngestError {
            return JSONResponses.error(error)
        } catch {
            return FlagResponses.storageUnavailable()
        }
    }

    /// Refuses a cohort condition naming a cohort the project does not have.
    private func checkCohorts(of flag: FeatureFlag, project: String) async throws {
        guard let cohorts = self.cohorts else {
            guard flag.cohortIDs.isEmpty else {
                throw FlagDefinitionError(field: "filters.groups", reason: "this collector has no cohorts")
            }
            return
        }
        for (index, condition) in flag.conditions.enumerated() {
            for filter in condition.cohorts where try await cohorts.cohort(id: filter.cohortID, project: project) == nil
            {
                throw FlagDefinitionError(
                    field: "filters.groups[\(index)].properties", reason: "cohort \(filter.cohortID) does not exist")
            }
        }
    }

    private func current(id: Int, project: String) async throws -> StoredFlag {
        let flags = try await self.store.flags(project: project, includeArchived: true)
        guard let stored = flags.first(where: { $0.flag.id == id }) else { throw FlagStoreError.notFound(id) }
        return stored
    }

    /// The flag, if this collector can evaluate it: a group flag must aggregate by its only group type, the tenant.
    private static func servable(_ flag: FeatureFlag) throws(FlagDefinitionError) -> FeatureFlag {
        if let index = flag.aggregationGroupTypeIndex, index != FlagGroupType.tenantIndex {
            throw FlagDefinitionError(
                field: "filters.aggregation_group_type_index",
                reason: "must be null (per person) or \(FlagGroupType.tenantIndex) (per tenant, the only group type)")
        }
        return flag
    }

    private static func flagID(_ parameters: Parameters) throws(FlagStoreError) -> Int {
        guard let text = parameters.get("id"), let id = Int(text), id > 0 else { throw .notFound(0) }
        return id
    }

    private static func body(_ request: Request) async throws -> PropertyValue {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: Self.maximumBodyBytes)
        } catch {
            throw IngestError.requestTooLarge(limit: Self.maximumBodyBytes)
        }
        do {
            return try PropertyValue(json: Array(buffer: buffer))
        } catch {
            throw FlagDefinitionError(field: "body", reason: "not JSON: \(error)")
        }
    }

    static func json(_ stored: StoredFlag) -> PropertyValue {
        guard case .object(var members) = stored.flag.json else { return stored.flag.json }
        members["archived"] = .bool(stored.archived)
        members["updated_at"] = .string(stored.updatedAt.formatted(.iso8601))
        return .object(members)
    }

    static func json(_ revision: FlagRevision) -> PropertyValue {
        [
            "version": .int(revision.version), "action": .string(revision.action.rawValue),
            "changed_at": .string(revision.changedAt.formatted(.iso8601)), "flag": revision.flag.json,
        ]
    }
}
