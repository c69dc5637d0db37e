import Foundation
import HummingbirdTesting
import NIOCore
import Testing

@testable import UsageCollector

/// The dashboard in Debian's Chromium: sign in through the form, then every page's DOM against the query API.
///
/// Screenshots of every page, light and dark, go to `.build/dashboard-screenshots/` in the package.
@Suite(
    "Dashboard in Chromium", .serialized, .timeLimit(.minutes(5)),
    .enabled(if: ChromiumBrowser.isAvailable, "Chromium is not installed (apt-get install chromium fonts-liberation)"))
struct DashboardBrowserTests {
    static let screenshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".build/dashboard-screenshots")

    /// A collector holding the fixture, its clock, and a browser; everything closed afterwards.
    static func withDashboard(
        lifetime: Duration = .seconds(3600),
        _ body: @Sendable (ChromiumBrowser, String, any TestClientProtocol, ManualClock) async throws -> Void
    ) async throws {
        let clock = ManualClock(DashboardFixture.now)
        let collector = try TestCollector {
            $0.dashboard.now = { clock.now }
            $0.dashboard.sessionLifetime = lifetime
        }
        try await collector.withLiveServer { client in
            await collector.collector.insights.waitUntilReady()
            let stored = try await client.post("/batch/", json: Payload.batch(DashboardFixture.events()))
            #expect(stored.status == .ok)
            let browser = try ChromiumBrowser()
            do {
                try await body(browser, "http://127.0.0.1:\(try #require(client.port))", client, clock)
            } catch {
                await browser.close()
                throw error
            }
            await browser.close()
        }
    }

    /// Signs in through the form as a person would: type the token, press the button.
    static func signIn(_ page: BrowserPage, base: String, token: String = TestCollector.adminToken) async throws {
        try await page.navigate(base + "/sign-in")
        try await page.loading {
            _ = try await page.evaluate(
                """
                document.getElementById("token").value = \(JSONText.quoted(token));
                document.querySelector("form button[type=submit]").click(); true
                """)
        }
    }

    static func snapshot(_ page: BrowserPage) async throws -> PageSnapshot {
        try JSONDecoder().decode(PageSnapshot.self, from: Data(try await page.text(PageSnapshot.script).utf8))
    }

    @Test("sign in through the form; every page renders its sections, and its numbers are the query API's")
    func pages() async throws {
        try await Self.withDashboard { browser, base, client, _ in
            let page = try await browser.newPage()
            try await Self.signIn(page, base: base)
            #expect(try await page.text("location.pathname") == "/")
            let cookies = try await page.cookies()
            let session = try #require(cookies.first { $0.field("name") == .string(DashboardController.sessionCookie) })
            #expect(session.field("httpOnly") == .bool(true))
            #expect(session.field("sameSite") == .string("Strict"))

            for report in ReportPage.allCases {
                try await page.navigate(base + report.path + "?" + DashboardFixture.rangeQuery(for: report))
                let snapshot = try await Self.snapshot(page)
                #expect(snapshot.heading == report.title)
                #expect(snapshot.title == "\(report.title) · Usage collector")
                #expect(snapshot.navigation.map(\.text) == PageRenderer.navigation.map(\.title))
                #expect(snapshot.navigation.filter(\.current).map(\.href) == [report.path])
                #expect(snapshot.notice == nil)
                #expect(!snapshot.sections.isEmpty)
                for section in snapshot.sections {
                    #expect(!section.empty, "\(report.path)#\(section.id) is empty")
                    #expect(section.charts == 1, "\(section.id) has \(section.charts) charts")
                    #expect(!section.tooltips.isEmpty)
                    #expect(!section.rows.isEmpty)
                    try await DashboardExpectations.matchQueryAPI(section, client: client)
                }
                try DashboardExpectations.matchFixture(snapshot, page: report)
                for scheme in ["light", "dark"] {
                    _ = try await page.send(
                        "Emulation.setEmulatedMedia",
                        [
                            "features": .array([
                                .object(["name": .string("prefers-color-scheme"), "value": .string(scheme)])
                            ])
                        ])
                    try await page.screenshot(
                        to: Self.screenshots.appendingPathComponent("\(report.rawValue)-\(scheme).png"))
                }
                _ = try await page.send(
                    "Emulation.setEmulatedMedia",
                    [
                        "features": .array([
                            .object(["name": .string("prefers-color-scheme"), "value": .string("light")])
                        ])
                    ])
            }
        }
    }

    @Test("the builder runs a funnel typed into its form and a pasted query; the explorer lists events as stored")
    func builderAndExplorer() async throws {
        try await Self.withDashboard { browser, base, _, _ in
            let page = try await browser.newPage()
            try await Self.signIn(page, base: base)
            try await page.navigate(base + "/insights")
            #expect(
                try await page.text("document.querySelector('nav a[aria-current=page]').textContent")
                    == "Insight builder")
            try await page.loading {
                _ = try await page.evaluate(
                    """
                    document.getElementById("kind").value = "funnels";
                    document.getElementById("events").value = "ticket_created\\nticket_resolved";
                    document.getElementById("from").value = "\(DashboardFixture.firstDay)";
                    document.getElementById("to").value = "\(DashboardFixture.lastDay)";
                    document.querySelector("form.builder button[type=submit]").click(); true
                    """)
            }
            let funnel = try await Self.snapshot(page)
            #expect(funnel.sections.count == 1)
            #expect(
                funnel.sections.first?.rows.map { Array($0.prefix(3)) } == [
                    ["1. ticket_created", "4", "100%"], ["2. ticket_resolved", "4", "100%"],
                ])
            #expect(
                try await page.evaluate("document.querySelectorAll('svg.funnel-chart .funnel-step').length") == .int(2))
            #expect(try await page.text("document.getElementById('json').value").contains("\"FunnelsQuery\""))
            try await page.screenshot(to: Self.screenshots.appendingPathComponent("insights-funnel.png"))

            try await page.loading {
                _ = try await page.evaluate(
                    """
                    document.getElementById("json").value = JSON.stringify({query: {kind: "RetentionQuery",
                      dateRange: {date_from: "2026-11-10", date_to: "2026-11-14"},
                      retentionFilter: {targetEntity: {id: "user_logged_in", type: "events"},
                        returningEntity: {id: "user_logged_in", type: "events"}, period: "Day",
                        totalIntervals: 5}}});
                    document.querySelector("form.builder button[type=submit]").click(); true
                    """)
            }
            #expect(try await page.evaluate("document.querySelectorAll('table.retention tbody tr').length") == .int(5))
            #expect(
                try await page.evaluate("document.querySelectorAll('table.retention td.heat-10').length") != .int(0))
            try await page.screenshot(to: Self.screenshots.appendingPathComponent("insights-retention.png"))

            try await page.navigate(base + "/events?event=slow_operation")
            let rows = try await page.evaluate(
                "[...document.querySelectorAll('table.events tbody tr')].map(r => r.querySelector('pre').textContent)")
            #expect(
                rows
                    == .array(
                        (0..<5).reversed().map { day in
                            .string(
                                #"{"operation": "\#(day % 2 == 0 ? "bcrypt_verify" : "ticket_search")", "#
                                    + #""duration_ms": \#(1200 + 10 * day), "threshold_ms": 1000}"#)
                        }))
            try await page.screenshot(to: Self.screenshots.appendingPathComponent("events.png"))
        }
    }

    @Test("save an insight from the builder, tick it into a dashboard, and read the dashboard's tiles")
    func savedDashboard() async throws {
        try await Self.withDashboard { browser, base, _, _ in
            let page = try await browser.newPage()
            try await Self.signIn(page, base: base)
            try await page.navigate(base + "/insights")
            try await page.loading {
                _ = try await page.evaluate(
                    """
                    document.getElementById("events").value = "ticket_created\\nticket_resolved";
                    document.getElementById("from").value = "\(DashboardFixture.firstDay)";
                    document.getElementById("to").value = "\(DashboardFixture.lastDay)";
                    document.getElementById("name").value = "Ticket flow";
                    document.querySelector("button[name=save]").click(); true
                    """)
            }
            #expect(
                try await page.text("document.querySelector('p.notice').textContent").hasPrefix("Saved as Ticket flow.")
            )
            try await page.navigate(base + "/saved")
            try await page.loading {
                _ = try await page.evaluate(
                    """
                    document.querySelector("input[type=checkbox]").checked = true;
                    document.getElementById("dashboard-name").value = "Support desk";
                    document.querySelector("form[action='/saved/dashboards'] button").click(); true
                    """)
            }
            #expect(try await page.text("location.pathname").hasPrefix("/dashboards/"))
            try await page.navigate(
                base + (try await page.text("location.pathname")) + "?" + DashboardFixture.rangeQuery)
            let snapshot = try await Self.snapshot(page)
            #expect(snapshot.heading == "Support desk")
            #expect(snapshot.sections.map(\.title) == ["Ticket flow"])
            #expect(snapshot.sections.first?.rows.map { $0[1] } == DashboardFixture.createdPerDay.map(String.init))
            #expect(snapshot.sections.first?.rows.map { $0[2] } == DashboardFixture.resolvedPerDay.map(String.init))
            try await page.screenshot(to: Self.screenshots.appendingPathComponent("dashboard.png"))
            try await page.navigate(base + "/saved")
            try await page.screenshot(to: Self.screenshots.appendingPathComponent("saved.png"))
        }
    }

    @Test("compose a dashboard in a chosen order, move a tile down from the keyboard, and read the new order")
    func arrangedDashboard() async throws {
        try await Self.withDashboard { browser, base, _, _ in
            let page = try await browser.newPage()
            try await Self.signIn(page, base: base)
            for (name, event) in [
                ("Created", "ticket_created"), ("Failures", "login_failed"), ("Resolved", "ticket_resolved"),
            ] {
                try await page.navigate(base + "/insights")
                try await page.loading {
                    _ = try await page.evaluate(
                        """
                        document.getElementById("events").value = "\(event)";
                        document.getElementById("name").value = "\(name)";
                        document.querySelector("button[name=save]").click(); true
                        """)
                }
            }
            try await page.navigate(base + "/saved")
            try await page.loading {
                _ = try await page.evaluate(
                    """
                    document.querySelectorAll("input[type=checkbox]").forEach(box => box.checked = true);
                    document.getElementById("position-3").value = "1";
                    document.getElementById("position-1").value = "2";
                    document.getElementById("dashboard-name").value = "Arranged";
                    document.querySelector("form[action='/saved/dashboards'] button").click(); true
                    """)
            }
            let path = try await page.text("location.pathname")
            try await page.navigate(base + path + "?" + DashboardFixture.rangeQuery)
            #expect(try await Self.snapshot(page).sections.map(\.title) == ["Resolved", "Created", "Failures"])

            try await page.navigate(base + path + "/arrange")
            _ = try await page.evaluate(
                #"document.querySelector("button[aria-label='Move Resolved down']").focus(); true"#)
            try await page.loading {
                for type in ["keyDown", "keyUp"] {
                    _ = try await page.send(
                        "Input.dispatchKeyEvent",
                        [
                            "type": .string(type), "key": .string("Enter"), "code": .string("Enter"),
                            "windowsVirtualKeyCode": .int(13), "text": .string("\r"),
                        ])
                }
            }
            #expect(try await page.text(#"document.querySelector("p.notice").textContent"#) == "Moved Resolved down.")
            #expect(
                try await page.evaluate("[...document.querySelectorAll('.tile-name')].map(n => n.textContent)")
                    == .array(["Created", "Resolved", "Failures"].map(JSONValue.string)))
            #expect(
                try await page.evaluate("document.querySelector(\"button[aria-label='Move Created up']\").disabled")
                    == .bool(true))
            try await page.screenshot(to: Self.screenshots.appendingPathComponent("dashboard-arrange.png"))
            try await page.navigate(base + path + "?" + DashboardFixture.rangeQuery)
            let arranged = try await Self.snapshot(page)
            #expect(arranged.sections.map(\.title) == ["Created", "Resolved", "Failures"])
            #expect(arranged.sections.first?.rows.map { $0[1] } == DashboardFixture.createdPerDay.map(String.init))
            try await page.screenshot(to: Self.screenshots.appendingPathComponent("dashboard-arranged.png"))
        }
    }

    @Test("a range without events explains each empty section instead of drawing charts")
    func emptyRange() async throws {
        try await Self.withDashboard { browser, base, _, _ in
            let page = try await browser.newPage()
            try await Self.signIn(page, base: base)
            try await page.navigate(base + "/tickets?from=2025-01-01&to=2025-01-31")
            let snapshot = try await Self.snapshot(page)
            #expect(snapshot.sections.count == 5)
            for section in snapshot.sections {
                #expect(section.empty)
                #expect(section.charts == 0)
                #expect(section.emptyText?.isEmpty == false)
            }
            #expect(
                snapshot.section("created-resolved")?.emptyText == "No ticket was created or resolved in this range.")
            try await page.screenshot(to: Self.screenshots.appendingPathComponent("tickets-empty.png"))
            try await page.navigate(base + "/?from=2026-13-01&to=nonsense")
            #expect(
                try await Self.snapshot(page).notice
                    == "The dates must be given as yyyy-mm-dd; showing the last 30 days.")
        }
    }

    @Test("a wrong token is refused in the browser: the form says so and no session cookie is set")
    func failedSignIn() async throws {
        try await Self.withDashboard { browser, base, _, _ in
            let page = try await browser.newPage()
            try await Self.signIn(page, base: base, token: "not-the-admin-token")
            #expect(try await page.text("location.pathname") == "/sign-in")
            #expect(
                try await page.text(#"document.querySelector("p.error").textContent"#)
                    == "That is not this collector's admin token.")
            #expect(
                try await page.cookies().allSatisfy { $0.field("name") != .string(DashboardController.sessionCookie) })
            try await page.screenshot(to: Self.screenshots.appendingPathComponent("sign-in-refused.png"))
        }
    }

    @Test("an expired session sends the browser back to the sign-in page")
    func expiredSession() async throws {
        try await Self.withDashboard(lifetime: .seconds(900)) { browser, base, _, clock in
            let page = try await browser.newPage()
            try await Self.signIn(page, base: base)
            try await page.navigate(base + "/authentication")
            #expect(try await page.text("location.pathname") == "/authentication")
            clock.advance(by: 901)
            try await page.navigate(base + "/authentication")
            #expect(try await page.text("location.pathname + location.search") == "/sign-in?expired=1")
            #expect(
                try await page.text(#"document.querySelector("p.notice").textContent"#)
                    == "Your session expired; sign in again.")
        }
    }

    @Test("forms without their CSRF token are refused: sign-in stays signed out, sign-out stays signed in")
    func missingCSRF() async throws {
        try await Self.withDashboard { browser, base, _, _ in
            let page = try await browser.newPage()
            try await page.navigate(base + "/sign-in")
            try await page.loading {
                _ = try await page.evaluate(
                    """
                    document.querySelector("input[name=csrf]").remove();
                    document.getElementById("token").value = \(JSONText.quoted(TestCollector.adminToken));
                    document.querySelector("form button[type=submit]").click(); true
                    """)
            }
            #expect(
                try await page.text(#"document.querySelector("p.error").textContent"#).hasPrefix(
                    "The sign-in form expired"))
            #expect(
                try await page.cookies().allSatisfy { $0.field("name") != .string(DashboardController.sessionCookie) })

            try await Self.signIn(page, base: base)
            try await page.loading {
                _ = try await page.evaluate(
                    """
                    document.querySelector("form.sign-out input[name=csrf]").remove();
                    document.querySelector("form.sign-out button").click(); true
                    """)
            }
            #expect(try await page.text("document.querySelector('h1').textContent") == "Not done")
            try await page.navigate(base + "/")
            #expect(try await page.text("location.pathname") == "/")
            try await page.loading {
                _ = try await page.evaluate(#"document.querySelector("form.sign-out button").click(); true"#)
            }
            #expect(try await page.text("location.pathname + location.search") == "/sign-in?signed-out=1")
        }
    }
}
