import Hummingbird
import Mustache

/// Renders the dashboard's Mustache templates into HTML responses carrying the security headers.
struct PageRenderer: Sendable {
    /// The templates, parsed once; they are constants of this module, so a parse error is a defect that any
    /// page test reports.
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in [
            (LayoutTemplate.name, LayoutTemplate.text), (SignInTemplate.name, SignInTemplate.text),
            (ReportTemplate.name, ReportTemplate.text), (MessageTemplate.name, MessageTemplate.text),
            (SectionTemplate.name, SectionTemplate.text), (BuilderTemplate.name, BuilderTemplate.text),
            (ExplorerTemplate.name, ExplorerTemplate.text), (SavedTemplate.name, SavedTemplate.text),
            (ArrangeTemplate.name, ArrangeTemplate.text), (FlagListTemplate.name, FlagListTemplate.text),
            (FlagTemplate.name, FlagTemplate.text), (FlagFormTemplate.name, FlagFormTemplate.text),
            (ExperimentListTemplate.name, ExperimentListTemplate.text),
            (ExperimentTemplate.name, ExperimentTemplate.text),
            (CohortsTemplate.name, CohortsTemplate.text), (CohortTemplate.name, CohortTemplate.text),
        ] {
            do {
                try library.register(text, named: name)
            } catch {
                preconditionFailure("dashboard template \(name) does not parse: \(error)")
            }
        }
        return library
    }()

    /// The frame around a page's content.
    struct Layout {
        let title: String
        let page: String
        let signedIn: Bool
        let csrf: String
        let navigation: [NavigationLink]
        let content: String
        let nonce: String
    }

    struct NavigationLink {
        let title: String
        let path: String
        let current: Bool
    }

    /// Every page of the `<nav>`: the built-in reports, then the builder and the explorer.
    static let navigation: [(title: String, path: String, page: String)] =
        ReportPage.allCases.map { ($0.title, $0.path, $0.rawValue) } + [
            ("Insight builder", "/insights", "insights"), ("Saved", "/saved", "saved"),
            ("Event explorer", "/events", "events"), ("Cohorts", "/cohorts", "cohorts"),
            ("Feature flags", "/flags", "flags"), ("Experiments", "/experiments", "experiments"),
        ]

    /// `template` rendered with `view`, inside the layout, as a response with `status`.
    static func page(
        status: HTTPResponse.Status = .ok, title: String, page: String, template: String, view: Any,
        session: DashboardSession?, headers extra: HTTPFields = [:]
    ) -> Response {
        let content = Self.library.render(view, withTemplate: template) ?? ""
        let nonce = RandomToken.make(bytes: 16)
        let layout = Layout(
            title: title, page: page, signedIn: session != nil, csrf: session?.csrfToken ?? "",
            navigation: Self.navigation.map {
                NavigationLink(title: $0.title, path: $0.path, current: $0.page == page)
            },
            content: content, nonce: nonce)
        let html = Self.library.render(layout, withTemplate: LayoutTemplate.name) ?? ""
        var headers = extra
        headers[.contentType] = "text/html; charset=utf-8"
        for (name, value) in SecurityHeaders.fields(scriptNonce: nonce) { headers[name] = value }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
