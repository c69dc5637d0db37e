import Foundation
import Hummingbird

/// `/insights`: the insight builder. A GET shows the form; a POST (with the session's CSRF token) runs the query
/// the form describes, or the pasted one, and draws the answer under the form.
extension DashboardController {
    struct BuilderView {
        struct Option {
            let value: String
            let selected: Bool
        }

        let csrf: String
        let eventNames: [String]
        let kinds, maths, intervals, orders, periodNames: [Option]
        let from, to, events, mathProperty, breakdown, window, targetEvent, returningEvent, periods: String
        let json, name: String
        let error: String?
        let saved: String?
        let result: ReportSection?
    }

    func builderPage(_ request: Request, session: DashboardSession) async -> Response {
        let today = UTCCalendar.day(of: Int64(self.configuration.now().timeIntervalSince1970 * 1_000_000))
        guard request.method == .post else {
            return self.builder(BuilderForm(), today: today, session: session, query: nil, error: nil, result: nil)
        }
        let form: BuilderForm
        switch await FormBody.decode(BuilderForm.self, from: request) {
        case .success(let decoded): form = decoded
        case .failure(let failure):
            return FormBody.refusal(status: failure.status, session: session, message: failure.message)
        }
        guard let presented = form.csrf, SecretComparison.equals(presented, session.csrfToken) else {
            return FormBody.refusal(
                status: .forbidden, session: session, message: "The form did not carry this session's CSRF token.")
        }
        let query: JSONValue
        do {
            query = try BuilderQuery.query(form, today: today)
        } catch {
            return self.builder(form, today: today, session: session, query: nil, error: error.message, result: nil)
        }
        guard let project = self.projects.first else {
            return self.builder(
                form, today: today, session: session, query: query, error: "No project key is configured.", result: nil)
        }
        do {
            let parsed = try InsightQuery.parse(body: Array(query.jsonText.utf8))
            let now = Int64(self.configuration.now().timeIntervalSince1970 * 1_000_000)
            let answer = try await self.engine.answer(parsed, project: project, now: now, cohorts: self.cohorts)
            let title = (form.name?.isEmpty ?? true) ? "Result" : form.name ?? "Result"
            let result = InsightRendering.section(title: title, query: query, answer: answer)
            let saving = form.save == nil ? (message: nil, error: nil) : await self.saveFromBuilder(form, query: query)
            return self.builder(
                form, today: today, session: session, query: query, error: saving.error, result: result,
                saved: saving.message)
        } catch let error as InsightQueryError {
            return self.builder(
                form, today: today, session: session, query: query,
                error: "The query was refused at \(error.attr): \(error.detail)", result: nil)
        } catch {
            return self.builder(
                form, today: today, session: session, query: query,
                error: "The insights engine is still loading the stored events; run the query again in a few seconds.",
                result: nil)
        }
    }

    func builder(
        _ form: BuilderForm, today: Int64, session: DashboardSession, query: JSONValue?, error: String?,
        result: ReportSection?, saved: String? = nil
    ) -> Response {
        func options(_ values: [String], _ chosen: String?, _ fallback: String) -> [BuilderView.Option] {
            values.map { BuilderView.Option(value: $0, selected: $0 == (chosen ?? fallback)) }
        }
        let names = (try? self.projects.first.map { try EventDefinitionNames.names(self.engine, project: $0) }) ?? nil
        let view = BuilderView(
            csrf: session.csrfToken, eventNames: names ?? [],
            kinds: options(BuilderForm.kinds, form.kind, "trends"),
            maths: options(BuilderForm.maths, form.math, "total"),
            intervals: options(BuilderForm.intervals, form.interval, "day"),
            orders: options(BuilderForm.orders, form.order, "ordered"),
            periodNames: options(BuilderForm.periodNames, form.period, "Week"),
            from: form.from ?? ReportRange.text(today - ReportRange.defaultDays + 1),
            to: form.to ?? ReportRange.text(today),
            events: form.events ?? "", mathProperty: form.mathProperty ?? "", breakdown: form.breakdown ?? "",
            window: form.window ?? "14", targetEvent: form.targetEvent ?? "", returningEvent: form.returningEvent ?? "",
            periods: form.periods ?? "8",
            json: query.map(ReportContext.prettyText) ?? form.json ?? "", name: form.name ?? "", error: error,
            saved: saved, result: result)
        return PageRenderer.page(
            status: error == nil ? .ok : .badRequest, title: "Insight builder", page: "insights",
            template: BuilderTemplate.name, view: view, session: session)
    }
}
