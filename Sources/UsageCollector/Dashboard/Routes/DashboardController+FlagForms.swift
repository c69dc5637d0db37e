import Foundation
import Hummingbird
import UsageAnalytics

/// Creating, editing, switching and archiving flags from the dashboard: CSRF-protected form posts that build PostHog's
/// definition JSON and hand it to `FeatureFlag(json:)` and the flag store, as the admin API does, so the page never
/// writes around the validation. A refused form comes back with the input kept and the error next to its field.
extension DashboardController {
    func addFlagFormRoutes(to router: Router<BasicRequestContext>) {
        router.get("/projects/{project_id}/flags/new") { request, context in
            await self.withFlags(request, context.parameters) { scope in
                self.flagFormPage(scope, form: FlagForm(), editing: nil)
            }
        }
        router.post("/projects/{project_id}/flags") { request, context in
            await self.withFlagForm(request, context.parameters) { scope, fields in
                try await self.saveFlag(scope, fields: fields, editing: nil)
            }
        }
        router.get("/projects/{project_id}/flags/{id}/edit") { request, context in
            await self.withFlags(request, context.parameters) { scope in
                let stored = try await scope.flag(context.parameters.get("id") ?? "")
                guard !stored.archived else { return try await self.refuseArchived(scope, stored) }
                return self.flagFormPage(scope, form: FlagForm(flag: stored.flag), editing: stored)
            }
        }
        router.post("/projects/{project_id}/flags/{id}") { request, context in
            await self.withFlagForm(request, context.parameters) { scope, fields in
                let stored = try await scope.flag(context.parameters.get("id") ?? "")
                return try await self.saveFlag(scope, fields: fields, editing: stored)
            }
        }
        router.post("/projects/{project_id}/flags/{id}/active") { request, context in
            await self.withFlagForm(request, context.parameters) { scope, fields in
                try await self.switchFlag(
                    scope, stored: try await scope.flag(context.parameters.get("id") ?? ""), fields)
            }
        }
        router.post("/projects/{project_id}/flags/{id}/archive") { request, context in
            await self.withFlagForm(request, context.parameters) { scope, _ in
                let stored = try await scope.flag(context.parameters.get("id") ?? "")
                guard !stored.archived else { return try await self.refuseArchived(scope, stored) }
                _ = try await scope.store.apply(
                    .archive(id: stored.flag.id, at: self.configuration.now()), project: scope.project)
                return Self.redirect(scope.path(of: stored.flag.id))
            }
        }
    }

    /// Runs `body` with the fields of a form posted in a live session with its CSRF token; otherwise says why not.
    func withFlagForm(
        _ request: Request, _ parameters: Parameters, _ body: (FlagScope, [String: String]) async throws -> Response
    ) async -> Response {
        await self.withFlags(request, parameters) { scope in
            let decoded = await FormBody.decode(
                [String: String].self, from: request, maximumBytes: FlagAdminController.maximumBodyBytes)
            switch decoded {
            case .failure(let failure):
                return Self.flagMessage(failure.status, "Not done", failure.message, session: scope.session)
            case .success(let fields):
                guard let presented = fields["csrf"], SecretComparison.equals(presented, scope.session.csrfToken) else {
                    return FormBody.refusal(
                        status: .forbidden, session: scope.session,
                        message: "The form did not carry this session's CSRF token.")
                }
                return try await body(scope, fields)
            }
        }
    }

    /// Creates (`editing` nil) or edits a flag from the posted form; an "Add …" button only shows the form again.
    func saveFlag(_ scope: FlagScope, fields: [String: String], editing stored: StoredFlag?) async throws -> Response {
        let version = stored.map { _ in Int(fields["version"] ?? "") ?? 0 }
        let form = FlagForm(fields: fields)
        if fields["add"] != nil {
            return self.flagFormPage(scope, form: form, editing: stored, version: version)
        }
        if let stored {
            guard !stored.archived else { return try await self.refuseArchived(scope, stored) }
            guard version == stored.flag.version else {
                return self.flagFormPage(
                    scope, form: form, editing: stored, version: version, status: .conflict,
                    error: FlagDefinitionError(
                        field: "flag",
                        reason: "it was changed (now version \(stored.flag.version)) after this form was opened; "
                            + "open the flag again to see the change"))
            }
        }
        do {
            var flag = try FeatureFlag(json: try form.definition(over: stored?.flag.json))
            let change: FlagChange
            if let stored {
                flag.id = stored.flag.id
                change = .edit(flag, at: self.configuration.now())
            } else {
                change = .create(flag, at: self.configuration.now())
            }
            let saved = try await scope.store.apply(change, project: scope.project)
            return Self.redirect(scope.path(of: saved.flag.id))
        } catch let error as FlagDefinitionError {
            return self.flagFormPage(scope, form: form, editing: stored, version: version, error: error)
        } catch FlagStoreError.keyTaken(let key) {
            let error = FlagDefinitionError(
                field: "key", reason: "another flag of this project (perhaps archived) already has the key \(key)")
            return self.flagFormPage(scope, form: form, editing: stored, version: version, error: error)
        }
    }

    /// Turns a flag on (`active=on`) or off (`active=off`), recorded as an edit.
    func switchFlag(_ scope: FlagScope, stored: StoredFlag, _ fields: [String: String]) async throws -> Response {
        guard !stored.archived else { return try await self.refuseArchived(scope, stored) }
        guard let wanted = ["on": true, "off": false][fields["active"] ?? ""] else {
            return try await self.flagPage(
                scope, stored: stored, status: .badRequest, message: "Say whether to turn the flag on or off.")
        }
        guard case .object(var members) = stored.flag.json else { throw FlagStoreError.notFound(stored.flag.id) }
        members["active"] = .bool(wanted)
        var flag = try FeatureFlag(json: .object(members))
        flag.id = stored.flag.id
        _ = try await scope.store.apply(.edit(flag, at: self.configuration.now()), project: scope.project)
        return Self.redirect(scope.path(of: stored.flag.id))
    }

    func refuseArchived(_ scope: FlagScope, _ stored: StoredFlag) async throws -> Response {
        try await self.flagPage(
            scope, stored: stored, status: .conflict,
            message: "This flag is archived: it is kept with its history, but can no longer be changed.")
    }

    func flagFormPage(
        _ scope: FlagScope, form: FlagForm, editing stored: StoredFlag?, version: Int? = nil,
        status: HTTPResponse.Status? = nil, error: FlagDefinitionError? = nil
    ) -> Response {
        let view = FlagFormView(
            form: form, error: error, heading: stored.map { "Edit \($0.flag.key)" } ?? "New feature flag",
            action: stored.map { scope.path(of: $0.flag.id) } ?? scope.path,
            cancel: stored.map { scope.path(of: $0.flag.id) } ?? scope.path,
            submit: stored == nil ? "Create the flag" : "Save changes", csrf: scope.session.csrfToken,
            version: version ?? stored?.flag.version)
        return PageRenderer.page(
            status: status ?? (error == nil ? .ok : .badRequest), title: view.heading, page: "flags",
            template: FlagFormTemplate.name, view: view, session: scope.session)
    }
}
