import Foundation
import HummingbirdTesting
import NIOCore
import Testing

@testable import UsageCollector

/// The experiment pages in Debian's Chromium: create an experiment through the form, then read the results page's
/// DOM against the results API. Screenshots go to `.build/dashboard-screenshots/experiment-*.png`.
@Suite(
    "Experiment pages in Chromium", .serialized, .timeLimit(.minutes(5)),
    .enabled(if: ChromiumBrowser.isAvailable, "Chromium is not installed (apt-get install chromium fonts-liberation)"))
struct ExperimentBrowserTests {
    @Test("create through the form, then the results page shows the API's exposures, rows and lift chart")
    func createAndRead() async throws {
        let collector = try TestCollector()
        try await collector.withLiveServer { client in
            await collector.collector.insights.waitUntilReady()
            _ = try await client.flagAdmin(
                ExperimentFixtures.flagsPath, method: .post, json: ExperimentFixtures.flag())
            try await ExperimentEndToEndTests.send(ExperimentEndToEndTests.events(), to: client)
            let base = "http://127.0.0.1:\(try #require(client.port))"
            let browser = try ChromiumBrowser()
            do {
                let page = try await browser.newPage()
                try await DashboardBrowserTests.signIn(page, base: base)
                try await page.navigate(base + "/experiments")
                try await page.loading {
                    _ = try await page.evaluate(
                        """
                        document.getElementById("experiment-name").value = "Newest tickets first";
                        document.getElementById("metric-events").value = "ticket_opened, ticket_replied";
                        document.querySelector("#create button[type=submit]").click(); true
                        """)
                }
                #expect(try await page.text("location.pathname") == "/experiments/1")
                #expect(try await page.text("document.getElementById('status').textContent") == "draft")

                _ = try await client.flagAdmin(
                    ExperimentFixtures.experimentsPath + "/1", method: .patch,
                    json: #"{"start_date": "2026-11-01T00:00:00Z"}"#)
                try await page.navigate(base + "/experiments/1")
                let results = try #require(
                    try await client.flagAdmin(
                        ExperimentFixtures.experimentsPath + "/1/results", method: .get
                    ).json)
                #expect(
                    try await page.text("document.getElementById('exposure-total').textContent")
                        == results[path: "exposures.total"]?.comparableText)
                #expect(
                    try await page.text(
                        "document.querySelector('tr[data-variant=\"newest-first\"] .exposures').textContent")
                        == results[path: "primary.variants.1.exposures"]?.comparableText)
                #expect(
                    try await page.text("String(document.querySelectorAll('svg.lift-chart .lift-row rect').length)")
                        == "1")
                #expect(try await page.text("String(document.querySelectorAll('.srm-warning').length)") == "0")
                try FileManager.default.createDirectory(
                    at: DashboardBrowserTests.screenshots, withIntermediateDirectories: true)
                for scheme in ["light", "dark"] {
                    try await page.prepare(colorScheme: scheme)
                    try await page.screenshot(
                        to: DashboardBrowserTests.screenshots.appendingPathComponent("experiment-\(scheme).png"))
                }
                try await page.navigate(base + "/experiments")
                try await page.screenshot(
                    to: DashboardBrowserTests.screenshots.appendingPathComponent("experiments-list.png"))
            } catch {
                await browser.close()
                throw error
            }
            await browser.close()
        }
    }
}
