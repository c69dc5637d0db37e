import Foundation
import HummingbirdTesting
import Testing

@testable import UsageCollector

/// The cohorts page in Debian's Chromium: create a static cohort by pasting ids and a behavioural one through
/// its form, then read the sizes the list shows.
@Suite(
    "Cohorts page in Chromium", .serialized, .timeLimit(.minutes(5)),
    .enabled(if: ChromiumBrowser.isAvailable, "Chromium is not installed (apt-get install chromium fonts-liberation)"))
struct CohortDashboardBrowserTests {
    @Test("paste ids into a static cohort, build a behavioural one from the form, and read their sizes")
    func createInBrowser() async throws {
        try await CohortRoutesTests.withCollector { client in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            let browser = try ChromiumBrowser()
            do {
                let page = try await browser.newPage()
                try await DashboardBrowserTests.signIn(page, base: base)
                try await page.navigate(base + "/cohorts")
                try await page.loading {
                    _ = try await page.evaluate(
                        """
                        document.getElementById("static-name").value = "Pilot tenants";
                        document.getElementById("static-csv").value = "distinct_id\\nu1\\nu3";
                        document.querySelector("form[action='/cohorts/static'] button").click(); true
                        """)
                }
                #expect(try await page.text("document.querySelector('h1').textContent") == "Pilot tenants")
                #expect(try await page.text("document.querySelector('strong.count').textContent") == "2")
                try await page.navigate(base + "/cohorts")
                try await page.loading {
                    _ = try await page.evaluate(
                        """
                        document.getElementById("behavioural-name").value = "Activated";
                        document.getElementById("event").value = "activate";
                        document.getElementById("days").value = "3650";
                        document.querySelector("form[action='/cohorts/behavioural'] button").click(); true
                        """)
                }
                #expect(
                    try await page.text("document.querySelector('span.definition').textContent")
                        == "performed activate in the last 3650 days")
                try await page.navigate(base + "/cohorts")
                let sizes = try await page.text(
                    """
                    JSON.stringify([...document.querySelectorAll("tr[data-cohort]")].map(row =>
                      [row.querySelector("th").textContent, row.querySelector("td.count").textContent]))
                    """)
                #expect(sizes == #"[["Pilot tenants","2"],["Activated","3"]]"#)
                try await page.screenshot(
                    to: DashboardBrowserTests.screenshots.appendingPathComponent("cohorts.png"))
            } catch {
                await browser.close()
                throw error
            }
            await browser.close()
        }
    }
}
