import Foundation
import Hummingbird

/// `/cohorts` and `/cohorts/{id}`: the first project's cohorts with their sizes, a cohort's definition and
/// members, and CSRF-protected forms that create (static from CSV, behavioural from a criterion) and delete.
extension DashboardController {
    struct CohortsView {
        struct Row {
            let id: Int
            let name: String
            let kind: String
            let count: String
        }

        let csrf: String
        let message: String?
        let error: String?
        let cohorts: [Row]
        let hasCohorts: Bool
        let events: [String]
    }

    struct CohortView {
        let id: Int
        let name: String
        let description: String?
        let kind: String
        let definition: String
        let count: Int
        let members: [String]
        let shown: Int
        let more: Bool
        let error: String?
    }

    static let shownMembers = 100

    func addCohortRoutes(to router: Router<BasicRequestContext>) {
        router.get("/cohorts") { request, _ in
            await self.withSession(request) { session in await self.cohortsPage(session: session) }
        }
        router.get("/cohorts/{id}") { request, context in
            await self.withSession(request) { session in
                await self.cohortPage(id: context.parameters.get("id") ?? "", session: session)
            }
        }
        router.post("/cohorts/static") { request, _ in
            await self.withCohortForm(request) { session, fields, cohorts, project in
                let (draft, members) = try CohortForm.staticDraft(fields)
                let cohort = try await cohorts.store.create(draft, project: project, at: cohorts.now())
                _ = try await cohorts.store.addMembers(members, to: cohort.id, project: project, at: cohorts.now())
                return Self.redirect("/cohorts/\(cohort.id)")
            }
        }
        router.post("/cohorts/behavioural") { request, _ in
            await self.withCohortForm(request) { session, fields, cohorts, project in
                let cohort = try await cohorts.store.create(
                    try CohortForm.behaviouralDraft(fields), project: project, at: cohorts.now())
                return Self.redirect("/cohorts/\(cohort.id)")
            }
        }
        router.post("/cohorts/{id}/delete") { request, context in
            await self.withCohortForm(request) { session, _, cohorts, project in
                guard let id = Int(context.parameters.get("id") ?? ""),
                    let cohort = try await cohorts.store.cohort(id: id, project: project),
                    try await cohorts.store.delete(id: id, project: project)
                else {
                    return await self.cohortsPage(
                        session: session, status: .notFound, error: "There is no such cohort.")
                }
                cohorts.forget(id, project: project)
                return await self.cohortsPage(session: session, message: "Deleted \(cohort.name).")
            }
        }
    }

    func cohortsPage(
        session: DashboardSession, status: HTTPResponse.Status = .ok, message: String? = nil, error: String? = nil
    ) async -> Response {
        var rows: [CohortsView.Row] = []
        var events: [String] = []
        var problem = error
        if let cohorts = self.cohorts, let project = self.projects.first {
            do {
                for cohort in try await cohorts.store.cohorts(project: project) {
                    let count = try? await cohorts.count(of: cohort, project: project)
                    rows.append(
                        CohortsView.Row(
                            id: cohort.id, name: cohort.name, kind: cohort.isStatic ? "static" : "behavioural",
                            count: count.map(String.init) ?? "loading"))
                }
                events = (try? self.engine.snapshot(project: project)).map { $0.eventNames.values.sorted() } ?? []
            } catch {
                problem = "The cohorts could not be read: \(error)"
            }
        } else {
            problem = problem ?? "This collector's store cannot keep cohorts."
        }
        let view = CohortsView(
            csrf: session.csrfToken, message: message, error: problem, cohorts: rows, hasCohorts: !rows.isEmpty,
            events: events)
        return PageRenderer.page(
            status: status, title: "Cohorts", page: "cohorts", template: CohortsTemplate.name, view: view,
            session: session)
    }

    func cohortPage(id: String, session: DashboardSession) async -> Response {
        guard let cohorts = self.cohorts, let project = self.projects.first, let number = Int(id),
            let cohort = try? await cohorts.store.cohort(id: number, project: project)
        else {
            return await self.cohortsPage(
                session: session, status: .notFound, error: "There is no cohort \(id.prefix(20)).")
        }
        do {
            let count = try await cohorts.count(of: cohort, project: project)
            let members =
                cohort.isStatic
                ? try await cohorts.store.members(of: cohort.id, project: project, offset: 0, limit: Self.shownMembers)
                : Array(try await cohorts.behaviouralMembers(of: cohort, project: project).prefix(Self.shownMembers))
            let view = CohortView(
                id: cohort.id, name: cohort.name, description: cohort.description.isEmpty ? nil : cohort.description,
                kind: cohort.isStatic ? "static" : "behavioural", definition: CohortWording.describe(cohort.definition),
                count: count, members: members, shown: members.count, more: count > members.count, error: nil)
            return PageRenderer.page(
                title: cohort.name, page: "cohorts", template: CohortTemplate.name, view: view, session: session)
        } catch {
            return await self.cohortsPage(
                session: session, status: .serviceUnavailable,
                error: "The members of \(cohort.name) cannot be worked out yet: \(error)")
        }
    }

    /// Runs `body` with a form posted in a live session with its CSRF token, and answers its refusals on the page.
    private func withCohortForm(
        _ request: Request,
        _ body: (DashboardSession, [String: String], CohortMemberships, String) async throws -> Response
    ) async -> Response {
        await self.withSession(request) { session in
            switch await FormBody.decode([String: String].self, from: request, maximumBytes: CohortForm.maximumBytes) {
            case .failure(let failure):
                return await self.cohortsPage(session: session, status: failure.status, error: failure.message)
            case .success(let fields):
                guard let presented = fields["csrf"], SecretComparison.equals(presented, session.csrfToken) else {
                    return FormBody.refusal(
                        status: .forbidden, session: session,
                        message: "The form did not carry this session's CSRF token.")
                }
                guard let cohorts = self.cohorts, let project = self.projects.first else {
                    return await self.cohortsPage(session: session, status: .notFound)
                }
                do {
                    return try await body(session, fields, cohorts, project)
                } catch let error as InsightQueryError {
                    return await self.cohortsPage(
                        session: session, status: .badRequest, error: "Not created: \(error.detail)")
                } catch {
                    return await self.cohortsPage(
                        session: session, status: .serviceUnavailable, error: "Not done: the store failed.")
                }
            }
        }
    }
}
