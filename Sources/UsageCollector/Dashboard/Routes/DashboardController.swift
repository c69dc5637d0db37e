import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The web dashboard: sign-in and sign-out, the stylesheet, and the built-in report pages, which need a session.
struct DashboardController: Sendable {
    static let sessionCookie = "collector_session"

    let adminToken: String?
    let projects: [String]
    let engine: InsightsEngine
    let configuration: DashboardConfiguration
    let sessions: SessionStore
    /// Where saved insights and dashboards are kept; nil for a store of another kind.
    let library: MigratedLibrary?
    /// Where feature flags are kept, the admin API's store; nil for a store of another kind.
    let flags: (any FlagStore)?
    /// Experiments, beside flags in the same database; nil for a store of another kind.
    let experiments: ExperimentCatalog?
    /// Cohorts and their members, for the cohorts pages; nil for a store of another kind.
    var cohorts: CohortMemberships? = nil

    init(
        collector configuration: CollectorConfiguration, engine: InsightsEngine, store: any EventStore, logger: Logger,
        flags: (any FlagStore)? = nil, experiments: ExperimentCatalog? = nil
    ) {
        self.adminToken = configuration.adminToken
        self.projects = configuration.projectKeys
        self.engine = engine
        self.configuration = configuration.dashboard
        self.sessions = SessionStore(
            lifetime: configuration.dashboard.sessionLifetime, now: configuration.dashboard.now)
        self.library = MigratedLibrary.make(for: store, logger: logger)
        self.flags = flags
        self.experiments = experiments
    }

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("/assets/dashboard.css") { _, _ in
            Response(
                status: .ok,
                headers: [
                    .contentType: "text/css; charset=utf-8", .cacheControl: "max-age=300",
                    .xContentTypeOptions: "nosniff",
                ],
                body: .init(byteBuffer: ByteBuffer(string: DashboardStylesheet.text)))
        }
        router.get("/sign-in") { request, _ in self.signInPage(request) }
        router.post("/sign-in") { request, _ in await self.signIn(request) }
        router.post("/sign-out") { request, _ in await self.signOut(request) }
        router.get("/insights") { request, _ in
            await self.withSession(request) { session in await self.builderPage(request, session: session) }
        }
        router.post("/insights") { request, _ in
            await self.withSession(request) { session in await self.builderPage(request, session: session) }
        }
        router.get("/saved") { request, _ in
            await self.withSession(request) { session in await self.savedPage(session: session) }
        }
        router.get("/saved/export") { request, _ in
            await self.withSession(request) { session in await self.exportLibrary(session: session) }
        }
        router.post("/saved/import") { request, _ in
            await self.withSession(request) { session in await self.importLibrary(request, session: session) }
        }
        router.post("/saved/dashboards") { request, _ in
            await self.withLibraryForm(request) { session, fields in
                await self.createDashboard(fields: fields, session: session)
            }
        }
        router.get("/dashboards/{id}") { request, context in
            await self.withSession(request) { session in
                await self.dashboardPage(request, id: context.parameters.get("id") ?? "", session: session)
            }
        }
        self.addLibraryRoutes(to: router)
        self.addFlagRoutes(to: router)
        self.addExperimentRoutes(to: router)
        self.addCohortRoutes(to: router)
        router.get("/events") { request, _ in
            await self.withSession(request) { session in self.explorerPage(request, session: session) }
        }
        for page in ReportPage.allCases {
            router.get(RouterPath(page.path)) { request, _ in
                await self.withSession(request) { session in self.report(page, request: request, session: session) }
            }
        }
    }

    /// Runs `body` for a live session, else sends the browser to the sign-in page (saying when it expired).
    func withSession(_ request: Request, _ body: (DashboardSession) async throws -> Response) async rethrows
        -> Response
    {
        let id = request.cookies[Self.sessionCookie]?.value ?? ""
        switch self.sessions.session(id: id) {
        case .live(let session): return try await body(session)
        case .expired: return Self.redirect("/sign-in?expired=1")
        case .unknown: return Self.redirect("/sign-in")
        }
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    /// Whether cookies must be `Secure`: when configured, or when the request came over TLS (directly or, as a
    /// TLS-terminating proxy reports it, `X-Forwarded-Proto: https`).
    func isSecure(_ request: Request) -> Bool {
        self.configuration.secureCookies || request.uri.scheme == .https
            || request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
    }

    func cookie(_ name: String, value: String, maxAge: Int, path: String = "/", request: Request) -> Cookie {
        Cookie(
            name: name, value: value, maxAge: maxAge, path: path, secure: self.isSecure(request), httpOnly: true,
            sameSite: .strict)
    }
}
