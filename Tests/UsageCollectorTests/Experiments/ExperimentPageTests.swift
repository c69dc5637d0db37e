import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import UsageCollector

/// The experiment pages over HTTP, as a signed-in browser uses them: the list and its form, launch and stop,
/// the results with their chart, the "not enough data" state and the sample-ratio warning.
@Suite("Experiment dashboard pages", .timeLimit(.minutes(2)))
struct ExperimentPageTests {
    @Test("create from the form, launch, see results that agree with the reference, stop")
    func createLaunchAndRead() async throws {
        let collector = try TestCollector()
        try await collector.withLiveServer { client in
            await collector.collector.insights.waitUntilReady()
            let cookie = try await DashboardHTTP.session(client)
            let empty = try await DashboardHTTP.get(client, "/experiments", cookie: cookie)
            #expect(empty.status == .ok)
            #expect(
                empty.text.contains("No experiment yet") && empty.text.contains("No flag can run an experiment yet"))
            #expect(empty.text.contains(#"<a href="/experiments" aria-current="page">Experiments</a>"#))

            _ = try await client.flagAdmin(
                ExperimentFixtures.flagsPath, method: .post, json: ExperimentFixtures.flag())
            let list = try await DashboardHTTP.get(client, "/experiments", cookie: cookie)
            #expect(
                list.text.contains(
                    #"<option value="ticket-ordering">ticket-ordering (control 50%, newest-first 50%)</option>"#))
            let csrf = try #require(DashboardHTTP.csrfField(list.text))

            let created = try await SavedDashboardTests.post(
                client, "/experiments", cookie: cookie,
                [
                    ("csrf", csrf), ("name", "Newest first"), ("flag", "ticket-ordering"), ("metric_type", "funnel"),
                    ("events", "ticket_opened, ticket_replied"), ("goal", "increase"),
                ])
            #expect(created.status == .seeOther)
            #expect(created.headers[.location] == "/experiments/1")
            let draft = try await DashboardHTTP.get(client, "/experiments/1", cookie: cookie)
            #expect(
                draft.text.contains("This experiment is a draft")
                    && draft.text.contains(#"action="/experiments/1/launch""#))

            let launch = try await SavedDashboardTests.post(
                client, "/experiments/1/launch", cookie: cookie, [("csrf", csrf)])
            #expect(launch.status == .seeOther)
            let launched = try await DashboardHTTP.get(client, "/experiments/1", cookie: cookie)
            #expect(launched.text.contains(#"<span class="status-running" id="status">running</span>"#))
            #expect(launched.text.contains(#"action="/experiments/1/stop""#))

            let events = ExperimentEndToEndTests.events()
            try await ExperimentEndToEndTests.send(events, to: client)
            // Launched now, the experiment starts after the synthetic events; the admin API moves the start back.
            _ = try await client.flagAdmin(
                ExperimentFixtures.experimentsPath + "/1", method: .patch,
                json: #"{"start_date": "2026-11-01T00:00:00Z"}"#)
            let page = try await DashboardHTTP.get(client, "/experiments/1", cookie: cookie)
            #expect(page.status == .ok)
            let reference = ReferenceExperiment(
                flagKey: "ticket-ordering", variants: ["control", "newest-first"], groupType: nil,
                from: ExperimentEndToEndTests.start, to: Int64(Date().timeIntervalSince1970 * 1_000_000))
            let funnel = reference.funnel(
                events, steps: ["ticket_opened", "ticket_replied"], window: ExperimentMetric.defaultConversionWindow)
            let control = try #require(funnel["control"])
            let test = try #require(funnel["newest-first"])
            #expect(page.text.contains(#"<span id="exposure-total">\#(control.exposures + test.exposures)</span>"#))
            #expect(page.text.contains("3 saw more than\none variant"))
            #expect(
                page.text.contains(
                    #"<tr data-variant="control"><th scope="row">control</th><td class="exposures">\#(control.exposures)</td>"#
                ))
            #expect(page.text.contains("(\(test.conversions))</td>"))
            #expect(page.text.contains(#"<svg class="chart lift-chart""#))
            #expect(page.text.contains(#"data-variant="newest-first"><text"#))
            #expect(!page.text.contains("Not enough data yet") && !page.text.contains("srm-warning"))

            let stop = try await SavedDashboardTests.post(
                client, "/experiments/1/stop", cookie: cookie, [("csrf", csrf)])
            #expect(stop.status == .seeOther)
            let stopped = try await DashboardHTTP.get(client, "/experiments/1", cookie: cookie)
            #expect(stopped.text.contains(#"<span class="status-complete" id="status">complete</span>"#))
        }
    }

    @Test("a skewed split shows the SRM banner; a small sample shows the not-enough-data state")
    func warnings() async throws {
        let collector = try TestCollector()
        try await collector.withLiveServer { client in
            await collector.collector.insights.waitUntilReady()
            let cookie = try await DashboardHTTP.session(client)
            _ = try await client.flagAdmin(
                ExperimentFixtures.flagsPath, method: .post, json: ExperimentFixtures.flag())
            _ = try await client.flagAdmin(
                ExperimentFixtures.experimentsPath, method: .post,
                json: ExperimentFixtures.experiment(start: "2026-11-01T00:00:00Z", minimumSample: 500))
            // 150 exposures to control and 60 to newest-first under a promised 50/50 split.
            let events = (0..<210).map { index in
                ReferenceExperiment.RawEvent(
                    distinctID: "p\(index)", event: "$feature_flag_called",
                    timestamp: ExperimentEndToEndTests.start + Int64(index) * ExperimentEndToEndTests.minute,
                    properties: [
                        "$feature_flag": .string("ticket-ordering"),
                        "$feature_flag_response": .string(index < 150 ? "control" : "newest-first"),
                    ])
            }
            try await ExperimentEndToEndTests.send(events, to: client)
            let page = try await DashboardHTTP.get(client, "/experiments/1", cookie: cookie)
            #expect(
                page.text.contains(
                    #"<p class="error srm-warning" role="alert">Sample ratio mismatch: the exposures (150 / 60)"#))
            #expect(page.text.contains("Not enough data yet: every variant needs\n500 exposures"))
            #expect(page.text.contains("Not enough data to declare a winner."))
            let results = try await client.flagAdmin(
                ExperimentFixtures.experimentsPath + "/1/results", method: .get)
            #expect(results.json?[path: "srm.warning"] == .bool(true))
            #expect(results.json?[path: "primary.winner"] == .null)
        }
    }

    @Test("forms without the session's CSRF token, malformed forms and unknown experiments are refused")
    func refusals() async throws {
        let collector = try TestCollector()
        try await collector.withLiveServer { client in
            let cookie = try await DashboardHTTP.session(client)
            _ = try await client.flagAdmin(
                ExperimentFixtures.flagsPath, method: .post, json: ExperimentFixtures.flag())
            let forged = try await SavedDashboardTests.post(
                client, "/experiments", cookie: cookie,
                [("csrf", "forged"), ("name", "x"), ("flag", "ticket-ordering")])
            #expect(forged.status == .forbidden)
            let csrf = try #require(
                DashboardHTTP.csrfField(try await DashboardHTTP.get(client, "/experiments", cookie: cookie).text))
            let noEvents = try await SavedDashboardTests.post(
                client, "/experiments", cookie: cookie,
                [
                    ("csrf", csrf), ("name", "x"), ("flag", "ticket-ordering"), ("metric_type", "funnel"),
                    ("events", " , "),
                ])
            #expect(noEvents.status == .badRequest)
            #expect(noEvents.text.contains("Not created: metrics.0.series"))
            let hostile = try await SavedDashboardTests.post(
                client, "/experiments", cookie: cookie,
                [("csrf", csrf), ("name", "<script>alert(1)</script>"), ("flag", "<b>nope</b>"), ("events", "a")])
            #expect(hostile.status == .badRequest && !hostile.text.contains("<b>nope</b>"))
            var headers = DashboardHTTP.formType
            headers[.cookie] = cookie
            let oversized = try await client.execute(
                uri: "/experiments", method: .post, headers: headers,
                body: ByteBuffer(string: "name=" + String(repeating: "a", count: 70_000)))
            #expect(oversized.status == .contentTooLarge)
            let missing = try await DashboardHTTP.get(client, "/experiments/42", cookie: cookie)
            #expect(missing.status == .notFound)
            let anonymous = try await client.execute(uri: "/experiments", method: .get)
            #expect(anonymous.status == .seeOther)
            let list = try await client.flagAdmin(ExperimentFixtures.experimentsPath, method: .get)
            #expect(list.json?[path: "count"] == .int(0))
        }
    }
}
