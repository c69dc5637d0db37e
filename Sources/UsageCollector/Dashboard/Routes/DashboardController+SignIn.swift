import Foundation
import Hummingbird

/// Signing in with the admin token and signing out. The sign-in form carries a CSRF token that must equal a
/// short-lived cookie set with the form (no session exists yet); sign-out must return the session's token.
extension DashboardController {
    static let signInCookie = "collector_sign_in"
    static let signInFormLifetime = 3600

    struct SignInView {
        let csrf: String
        let enabled: Bool
        let message: String?
        let error: String?
    }

    func signInPage(_ request: Request) -> Response {
        if case .live = self.sessions.session(id: request.cookies[Self.sessionCookie]?.value ?? "") {
            return Self.redirect("/")
        }
        let query = request.uri.queryParameters
        let message: String? =
            query["expired"] != nil
            ? "Your session expired; sign in again." : query["signed-out"] != nil ? "You signed out." : nil
        return self.signInForm(request, status: .ok, message: message, error: nil)
    }

    func signInForm(_ request: Request, status: HTTPResponse.Status, message: String?, error: String?) -> Response {
        let csrf = RandomToken.make()
        var response = PageRenderer.page(
            status: status, title: "Sign in", page: "sign-in", template: SignInTemplate.name,
            view: SignInView(csrf: csrf, enabled: self.adminToken != nil, message: message, error: error),
            session: nil)
        response.setCookie(
            self.cookie(
                Self.signInCookie, value: csrf, maxAge: Self.signInFormLifetime, path: "/sign-in", request: request))
        return response
    }

    struct SignInForm: Decodable {
        let token: String?
        let csrf: String?
    }

    func signIn(_ request: Request) async -> Response {
        let form: SignInForm
        switch await FormBody.decode(SignInForm.self, from: request) {
        case .success(let decoded): form = decoded
        case .failure(let failure):
            return self.signInForm(request, status: failure.status, message: nil, error: failure.message)
        }
        guard let expected = request.cookies[Self.signInCookie]?.value, RandomToken.isWellFormed(expected),
            let presented = form.csrf, SecretComparison.equals(presented, expected)
        else {
            return self.signInForm(
                request, status: .forbidden, message: nil,
                error: "The sign-in form expired or did not come from this page; it has been reloaded, try again.")
        }
        guard let adminToken = self.adminToken else {
            return self.signInForm(request, status: .forbidden, message: nil, error: "Signing in is disabled.")
        }
        guard let token = form.token, SecretComparison.equals(token, adminToken) else {
            return self.signInForm(
                request, status: .unauthorized, message: nil, error: "That is not this collector's admin token.")
        }
        let session = self.sessions.create()
        var response = Self.redirect("/")
        let lifetime = Int(self.configuration.sessionLifetime.components.seconds)
        response.setCookie(self.cookie(Self.sessionCookie, value: session.id, maxAge: lifetime, request: request))
        response.setCookie(self.cookie(Self.signInCookie, value: "", maxAge: 0, path: "/sign-in", request: request))
        return response
    }

    struct SignOutForm: Decodable {
        let csrf: String?
    }

    func signOut(_ request: Request) async -> Response {
        let id = request.cookies[Self.sessionCookie]?.value ?? ""
        guard case .live(let session) = self.sessions.session(id: id) else { return Self.redirect("/sign-in") }
        guard case .success(let form) = await FormBody.decode(SignOutForm.self, from: request),
            let presented = form.csrf, SecretComparison.equals(presented, session.csrfToken)
        else {
            return FormBody.refusal(
                status: .forbidden, session: session,
                message: "The sign-out form did not carry this session's CSRF token, so you are still signed in.")
        }
        self.sessions.remove(id: session.id)
        var response = Self.redirect("/sign-in?signed-out=1")
        response.setCookie(self.cookie(Self.sessionCookie, value: "", maxAge: 0, request: request))
        return response
    }
}
