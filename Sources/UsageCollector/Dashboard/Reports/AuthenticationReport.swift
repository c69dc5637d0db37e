/// Authentication, from `user_logged_in` (`provider`, `has_two_factor`) and `login_failed` (`reason`).
enum AuthenticationReport {
    static func sections(_ context: ReportContext) throws -> [ReportSection] {
        let logins = InsightRequest.trends(
            [InsightRequest.series("user_logged_in")], range: context.range, breakdown: "provider")
        return [
            SectionBuilder.daily(
                id: "logins-by-provider", title: "Sign-ins by provider",
                explanation:
                    "Successful sign-ins per day, by who verified the identity (credentials, google, keycloak).",
                empty: "Nobody signed in to the PSA in this range.",
                queries: [logins], lines: try context.trend(logins)),
            try Self.failures(context),
            try Self.secondFactor(context),
        ]
    }

    static func failures(_ context: ReportContext) throws -> ReportSection {
        let query = InsightRequest.trends(
            [InsightRequest.series("login_failed")], range: context.range, breakdown: "reason", totals: true)
        let reasons = BreakdownTable(lines: try context.trend(query), seriesCount: 1)
        let ranked = reasons.ranked(bySeries: 0)
        let all = ranked.reduce(0) { $0 + reasons.value($1, 0) }
        return SectionBuilder.bars(
            id: "failures-by-reason", title: "Failed sign-ins by reason",
            explanation: "Why sign-in attempts failed (login_failed), over the whole range.",
            empty: "No sign-in failed in this range.", queries: [query],
            bars: ranked.map { BarChart.Bar(label: TrendLine.displayName($0), value: reasons.value($0, 0)) },
            columns: ["Reason", "Failures", "Share"],
            rows: ranked.map { reason in
                DataTable.Row(
                    header: TrendLine.displayName(reason),
                    cells: [
                        NumberText.exact(reasons.value(reason, 0)), NumberText.percent(reasons.value(reason, 0) / all),
                    ])
            })
    }

    /// Sign-ins split by the user's `has_two_factor` setting. The PSA sends one hashed id per tenant, never per
    /// user, so the share of users is read as the share of sign-ins made by users with a second factor.
    static func secondFactor(_ context: ReportContext) throws -> ReportSection {
        let query = InsightRequest.trends(
            [InsightRequest.series("user_logged_in")], range: context.range, breakdown: "has_two_factor",
            totals: true)
        let settings = BreakdownTable(lines: try context.trend(query), seriesCount: 1)
        let with = settings.keys.contains("true") ? settings.value("true", 0) : 0
        let without = settings.keys.contains("false") ? settings.value("false", 0) : 0
        let share = with + without > 0 ? with / (with + without) : 0
        return SectionBuilder.bars(
            id: "second-factor", title: "Users with a second factor",
            explanation: "Sign-ins in the range by the signing-in user's two-factor setting: "
                + "\(NumberText.percent(share)) were by users with a second factor. Events carry one id per tenant, "
                + "never per user, so this share of sign-ins stands for the share of users.",
            empty: "Nobody signed in to the PSA in this range.", queries: [query],
            bars: [
                BarChart.Bar(label: "With a second factor", value: with),
                BarChart.Bar(label: "Without", value: without),
            ],
            columns: ["Setting", "Sign-ins", "Share"],
            rows: [
                DataTable.Row(
                    header: "With a second factor", cells: [NumberText.exact(with), NumberText.percent(share)]),
                DataTable.Row(
                    header: "Without",
                    cells: [NumberText.exact(without), NumberText.percent(with + without > 0 ? 1 - share : 0)]),
            ])
    }
}
