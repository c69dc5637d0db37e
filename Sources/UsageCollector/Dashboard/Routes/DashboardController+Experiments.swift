import Foundation
import Hummingbird

/// The experiment pages: the list with the creation form, one experiment's results, launch and stop.
extension DashboardController {
    func addExperimentRoutes(to router: Router<BasicRequestContext>) {
        guard let catalog = self.experiments else { return }
        router.get("/experiments") { request, _ in
            await self.withSession(request) { session in
                await self.experimentList(catalog, session: session, project: self.project(of: request))
            }
        }
        router.post("/experiments") { request, _ in
            await self.withExperimentForm(request, catalog) { session, fields, project in
                await self.createExperiment(catalog, fields: fields, session: session, project: project)
            }
        }
        router.get("/experiments/{id}") { request, context in
            await self.withSession(request) { session in
                await self.experimentPage(
                    catalog, id: context.parameters.get("id") ?? "", session: session,
                    project: self.project(of: request))
            }
        }
        for action in ["launch", "stop"] {
            router.post(RouterPath("/experiments/{id}/\(action)")) { request, context in
                await self.withExperimentForm(request, catalog) { session, _, project in
                    let id = Int(context.parameters.get("id") ?? "") ?? 0
                    let now = self.nowMicros
                    do {
                        _ =
                            action == "launch"
                            ? try await catalog.launch(id: id, project: project, now: now)
                            : try await catalog.stop(id: id, project: project, now: now)
                        return Self.redirect("/experiments/\(id)")
                    } catch {
                        return FormBody.refusal(
                            status: .badRequest, session: session, message: "Not done: \(Self.describe(error))")
                    }
                }
            }
        }
    }

    var nowMicros: Int64 { Int64(self.configuration.now().timeIntervalSince1970 * 1_000_000) }

    /// The project named by `?project=`, else the first one.
    func project(of request: Request) -> String {
        let requested = request.uri.queryParameters["project"].map(String.init)
        return requested.flatMap { self.projects.contains($0) ? $0 : nil } ?? self.projects.first ?? ""
    }

    /// A signed-in form post carrying this session's CSRF token.
    private func withExperimentForm(
        _ request: Request, _ catalog: ExperimentCatalog,
        _ body: (DashboardSession, [String: String], String) async -> Response
    ) async -> Response {
        await self.withSession(request) { session in
            switch await FormBody.decode([String: String].self, from: request) {
            case .failure(let failure):
                return FormBody.refusal(status: failure.status, session: session, message: failure.message)
            case .success(let fields):
                guard let presented = fields["csrf"], SecretComparison.equals(presented, session.csrfToken) else {
                    return FormBody.refusal(
                        status: .forbidden, session: session,
                        message: "The form did not carry this session's CSRF token.")
                }
                return await body(session, fields, self.project(of: request))
            }
        }
    }

    private func createExperiment(
        _ catalog: ExperimentCatalog, fields: [String: String], session: DashboardSession, project: String
    ) async -> Response {
        let events = (fields["events"] ?? "").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
        let type = fields["metric_type"] == "mean" ? "mean" : "funnel"
        var metric: [String: JSONValue] = [
            "kind": .string("ExperimentMetric"), "metric_type": .string(type),
            "goal": .string(fields["goal"] == "decrease" ? "decrease" : "increase"),
        ]
        let nodes = events.map { JSONValue.object(["kind": .string("EventsNode"), "event": .string($0)]) }
        if type == "funnel" { metric["series"] = .array(nodes) } else { metric["source"] = nodes.first ?? .null }
        var body: [String: JSONValue] = [
            "name": .string(fields["name"] ?? ""), "feature_flag_key": .string(fields["flag"] ?? ""),
            "metrics": .array([.object(metric)]),
        ]
        let now = self.nowMicros
        if fields["launch"] == "on" { body["start_date"] = .string(ISO8601Timestamp.format(now)) }
        do {
            let created = try await catalog.create(.object(body), project: project, now: now)
            return Self.redirect("/experiments/\(created.id)")
        } catch {
            return await self.experimentList(
                catalog, session: session, project: project, status: .badRequest,
                error: "Not created: \(Self.describe(error))")
        }
    }

    private func experimentList(
        _ catalog: ExperimentCatalog, session: DashboardSession, project: String, status: HTTPResponse.Status = .ok,
        error: String? = nil
    ) async -> Response {
        var view = ExperimentListView(csrf: session.csrfToken, error: error)
        do {
            view.experiments = try await catalog.list(project: project, includeArchived: false).map(
                ExperimentListView.Row.init)
            view.flags = try await catalog.eligibleFlags(project: project).map(ExperimentListView.Flag.init)
            view.eventNames = (try? EventDefinitionNames.names(self.engine, project: project)) ?? []
        } catch {
            view.notice = "The experiments could not be read: \(Self.describe(error))"
        }
        return PageRenderer.page(
            status: status, title: "Experiments", page: "experiments", template: ExperimentListTemplate.name,
            view: view, session: session)
    }

    private func experimentPage(
        _ catalog: ExperimentCatalog, id: String, session: DashboardSession, project: String
    ) async -> Response {
        let experiment: Experiment
        do {
            experiment = try await catalog.experiment(id: Int(id) ?? 0, project: project)
        } catch {
            return FormBody.refusal(
                status: .notFound, session: session, message: "There is no experiment \(id.prefix(20)).")
        }
        var view = ExperimentPageView(experiment, csrf: session.csrfToken)
        if experiment.status == .draft {
            view.notice = "This experiment is a draft: launch it to start counting exposures."
        } else {
            do {
                view.show(try await catalog.results(id: experiment.id, project: project, now: self.nowMicros))
            } catch is InsightsEngine.NotReady {
                view.notice =
                    "The insights engine is still loading the stored events; reload this page in a few seconds."
            } catch {
                view.notice = "The results could not be computed: \(Self.describe(error))"
            }
        }
        return PageRenderer.page(
            title: experiment.name, page: "experiments", template: ExperimentTemplate.name, view: view, session: session
        )
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as ExperimentDefinitionError: error.description
        case ExperimentStoreError.notFound(let id): "there is no experiment \(id)"
        default: "the database is unavailable"
        }
    }
}
