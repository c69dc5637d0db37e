import Foundation
import Hummingbird

/// The admin API for experiments, under `/api` with the admin token, shaped like PostHog's
/// `/api/projects/{project_id}/experiments/`:
///
/// - `GET …/experiments` (`?archived=true` includes archived ones), `GET …/experiments/{id}`
/// - `POST …/experiments` with an experiment in PostHog's JSON → `201`
/// - `PATCH …/experiments/{id}`: name, description, dates (launch = set `start_date`, stop = set `end_date`);
///   metrics, flag and parameters only while a draft
/// - `DELETE …/experiments/{id}` archives it
/// - `GET …/experiments/{id}/results` → ``ExperimentResults``
///
/// A definition that does not validate gets `400` with `attr` naming the field.
struct ExperimentAdminController: Sendable {
    static let maximumBodyBytes = 256 * 1_024

    let catalog: ExperimentCatalog
    let projects: ProjectDirectory
    let now: @Sendable () -> Date

    func addRoutes(to group: RouterGroup<some RequestContext>) {
        let path = "projects/{project_id}/experiments"
        group.get(RouterPath(path)) { request, context in
            await self.scoped(context.parameters) { project, _ in
                let archived = request.uri.queryParameters["archived"] == "true"
                let experiments = try await self.catalog.list(project: project, includeArchived: archived)
                return Self.json(
                    .ok, .object(["count": .int(experiments.count), "results": .array(experiments.map(\.json))]))
            }
        }
        group.post(RouterPath(path)) { request, context in
            await self.scoped(context.parameters) { project, now in
                let created = try await self.catalog.create(try await Self.body(request), project: project, now: now)
                return Self.json(.created, created.json)
            }
        }
        group.get(RouterPath(path + "/{id}")) { _, context in
            await self.scoped(context.parameters) { project, _ in
                Self.json(
                    .ok, try await self.catalog.experiment(id: try Self.id(context.parameters), project: project).json)
            }
        }
        group.patch(RouterPath(path + "/{id}")) { request, context in
            await self.scoped(context.parameters) { project, now in
                let id = try Self.id(context.parameters)
                let body = try await Self.body(request)
                return Self.json(
                    .ok, try await self.catalog.update(id: id, changes: body, project: project, now: now).json)
            }
        }
        group.delete(RouterPath(path + "/{id}")) { _, context in
            await self.scoped(context.parameters) { project, now in
                Self.json(
                    .ok,
                    try await self.catalog.archive(id: try Self.id(context.parameters), project: project, now: now).json
                )
            }
        }
        group.get(RouterPath(path + "/{id}/results")) { _, context in
            await self.scoped(context.parameters) { project, now in
                let results = try await self.catalog.results(
                    id: try Self.id(context.parameters), project: project, now: now)
                return Self.json(.ok, results.json)
            }
        }
    }

    /// Resolves the project and maps each failure to its response.
    private func scoped(_ parameters: Parameters, _ body: (String, Int64) async throws -> Response) async -> Response {
        let reference = parameters.get("project_id") ?? ""
        guard let project = self.projects.key(for: reference) else {
            return InsightsController.unknownProject(reference)
        }
        do {
            return try await body(project, Int64(self.now().timeIntervalSince1970 * 1_000_000))
        } catch let error as ExperimentDefinitionError {
            return Self.invalid(error)
        } catch ExperimentStoreError.notFound(let id) {
            return Self.json(
                .notFound,
                .object([
                    "type": .string("invalid_request"), "code": .string("not_found"),
                    "detail": .string("no experiment \(id)"),
                ]))
        } catch is InsightsEngine.NotReady {
            return InsightsController.loading()
        } catch let error as IngestError {
            return JSONResponses.error(error)
        } catch {
            return FlagResponses.storageUnavailable()
        }
    }

    private static func id(_ parameters: Parameters) throws(ExperimentStoreError) -> Int {
        guard let text = parameters.get("id"), let id = Int(text), id > 0 else { throw .notFound(0) }
        return id
    }

    private static func body(_ request: Request) async throws -> JSONValue {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: Self.maximumBodyBytes)
        } catch {
            throw IngestError.requestTooLarge(limit: Self.maximumBodyBytes)
        }
        guard let json = JSONValue.parse(buffer.readableBytesView) else {
            throw ExperimentDefinitionError("body", "not JSON")
        }
        return json
    }

    static func json(_ status: HTTPResponse.Status, _ value: JSONValue) -> Response {
        JSONResponses.json(status: status, value.jsonText)
    }

    static func invalid(_ error: ExperimentDefinitionError) -> Response {
        Self.json(
            .badRequest,
            .object([
                "type": .string("validation_error"), "code": .string("invalid_input"), "attr": .string(error.field),
                "detail": .string(error.description),
            ]))
    }
}
