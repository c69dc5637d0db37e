import Foundation
import HummingbirdTesting
import Testing

@testable import UsageCollector

/// The flag pages in Debian's Chromium, used as a person would: make a multivariate flag in the form, find it in the
/// list, edit its split, and read the history entry. Screenshots go to `.build/dashboard-screenshots/flag-*.png`.
@Suite(
    "Flag pages in Chromium", .serialized, .timeLimit(.minutes(5)),
    .enabled(if: ChromiumBrowser.isAvailable, "Chromium is not installed (apt-get install chromium fonts-liberation)"))
struct FlagPagesBrowserTests {
    static func screenshot(_ page: BrowserPage, _ name: String) async throws {
        for scheme in ["light", "dark"] {
            _ = try await page.send(
                "Emulation.setEmulatedMedia",
                ["features": .array([.object(["name": .string("prefers-color-scheme"), "value": .string(scheme)])])])
            try await page.screenshot(
                to: DashboardBrowserTests.screenshots.appendingPathComponent("flag-\(name)-\(scheme).png"))
        }
        _ = try await page.send(
            "Emulation.setEmulatedMedia",
            ["features": .array([.object(["name": .string("prefers-color-scheme"), "value": .string("light")])])])
    }

    /// Sets the inputs named in `values` (by id), then clicks the button matched by `button`, and waits for the page.
    static func submit(_ page: BrowserPage, _ values: [String: String], button: String) async throws {
        let assignments = values.sorted { $0.key < $1.key }.map { id, value in
            "document.getElementById(\(JSONText.quoted(id))).value = \(JSONText.quoted(value));"
        }
        try await page.loading {
            _ = try await page.evaluate(
                assignments.joined(separator: "\n")
                    + "\ndocument.querySelector(\(JSONText.quoted(button))).click(); true")
        }
    }

    @Test("create a multivariate flag in the form, see it in the list, edit its split, and read the history")
    func createEditHistory() async throws {
        try await DashboardBrowserTests.withDashboard { browser, base, _, _ in
            let page = try await browser.newPage()
            try await DashboardBrowserTests.signIn(page, base: base)
            try await page.navigate(base + "/flags")
            #expect(try await page.text("location.pathname") == FlagPagesHTTP.flags)
            #expect(try await page.text("document.querySelector('p.empty').textContent").hasPrefix("No flag yet"))
            try await page.loading {
                _ = try await page.evaluate("document.querySelector('a.button').click(); true")
            }
            #expect(try await page.text("document.querySelector('h1').textContent") == "New feature flag")
            _ = try await page.evaluate("document.getElementById('type-multivariate').click(); true")
            #expect(
                try await page.text("getComputedStyle(document.querySelector('.boolean-only')).display") == "none")
            #expect(try await page.text("getComputedStyle(document.getElementById('variants')).display") == "block")
            try await Self.submit(
                page, ["key": "checkout-flow", "variant-0-key": "control", "variant-1-key": "one-page"],
                button: "button[name=add][value=variant]")
            #expect(try await page.evaluate("document.querySelectorAll('#variants tbody tr').length") == .int(3))
            #expect(try await page.evaluate("document.getElementById('type-multivariate').checked") == .bool(true))
            try await Self.submit(
                page,
                [
                    "name": "Checkout in one page", "variant-0-rollout": "50", "variant-1-rollout": "30",
                    "variant-2-key": "express", "variant-2-rollout": "10", "variant-1-payload": #"{"steps": 1}"#,
                    "condition-0-property-0": "plan", "condition-0-value-0": "pro, team", "condition-0-rollout": "50",
                ], button: ".form-actions button[type=submit]")
            #expect(
                try await page.text("document.getElementById('problem').textContent").contains("sum to 90, not 100"))
            #expect(
                try await page.text("document.getElementById('variants-error').textContent")
                    == "variant rollout percentages sum to 90, not 100")
            #expect(try await page.text("document.getElementById('variant-2-key').value") == "express")
            try await Self.screenshot(page, "form-refused")

            try await Self.submit(page, ["variant-2-rollout": "20"], button: ".form-actions button[type=submit]")
            #expect(try await page.text("location.pathname") == FlagPagesHTTP.flags + "/1")
            #expect(
                try await page.evaluate("[...document.querySelectorAll('ol.conditions li')].map(li => li.textContent)")
                    == .array([.string("plan is one of pro, team, 50 % of matching users")]))
            #expect(try await page.evaluate("document.querySelectorAll('svg.split g.bar').length") == .int(3))
            #expect(
                try await page.evaluate(
                    "[...document.querySelectorAll('svg.split rect:not(.track)')].map(r => r.getAttribute('width'))")
                    == .array([.string("300"), .string("180"), .string("120")]))
            try await Self.screenshot(page, "page")

            try await page.navigate(base + FlagPagesHTTP.flags)
            #expect(
                try await page.text(
                    "document.querySelector('tr.flag-row[data-key=checkout-flow] td.rollout').textContent")
                    == "plan is one of pro, team, 50 % of matching users")
            try await Self.screenshot(page, "list")
            try await page.loading {
                _ = try await page.evaluate("document.querySelector('tr.flag-row a').click(); true")
            }
            try await page.loading {
                _ = try await page.evaluate("document.querySelector('.flag-actions a.button').click(); true")
            }
            #expect(try await page.text("document.querySelector('h1').textContent") == "Edit checkout-flow")
            try await Self.screenshot(page, "edit")
            try await Self.submit(
                page, ["variant-0-rollout": "40", "variant-2-rollout": "30"],
                button: ".form-actions button[type=submit]")
            #expect(try await page.evaluate("document.querySelectorAll('ol.timeline > li').length") == .int(2))
            #expect(
                try await page.text("document.querySelector('ol.timeline > li strong').textContent") == "v2 edited")
            #expect(
                try await page.text("document.querySelector('ol.timeline > li ul').textContent")
                    == "Split: control 50 %, one-page 30 %, express 20 % → control 40 %, one-page 30 %, express 30 %")
            try await Self.screenshot(page, "history")
        }
    }
}
