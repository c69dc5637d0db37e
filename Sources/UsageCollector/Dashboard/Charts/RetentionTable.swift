/// A retention cohort table in HTML: a row per cohort, a column per period, each cell shaded by the share
/// of the cohort that came back (`heat-0` … `heat-10` classes, so the shades follow light and dark mode).
struct RetentionTable: Sendable {
    struct Cohort: Sendable, Equatable {
        let label: String
        /// People returning in each period; the first entry is the cohort's size.
        let counts: [Int]
    }

    let title: String
    let periodName: String
    let cohorts: [Cohort]

    /// The heat class of a share in [0, 1]: 0 for nobody, 10 for everyone.
    static func heat(_ share: Double) -> Int {
        guard share.isFinite, share > 0 else { return 0 }
        return min(10, max(1, Int((share * 10).rounded(.up))))
    }

    func html() -> String {
        let periods = self.cohorts.map(\.counts.count).max() ?? 0
        var html = #"<table class="retention"><caption>\#(HTMLText.escaped(self.title))</caption><thead><tr>"#
        html += #"<th scope="col">Cohort</th><th scope="col">People</th>"#
        for period in 0..<periods { html += #"<th scope="col">\#(HTMLText.escaped(self.periodName)) \#(period)</th>"# }
        html += "</tr></thead><tbody>"
        for cohort in self.cohorts {
            let size = cohort.counts.first ?? 0
            html += #"<tr><th scope="row">\#(HTMLText.escaped(cohort.label))</th><td>\#(size)</td>"#
            for period in 0..<periods {
                guard period < cohort.counts.count else {
                    html += "<td></td>"
                    continue
                }
                let count = cohort.counts[period]
                let share = size > 0 ? Double(count) / Double(size) : 0
                html += #"<td class="heat-\#(Self.heat(share))" title="\#(count) of \#(size)">"#
                html += "\(NumberText.percent(share))</td>"
            }
            html += "</tr>"
        }
        return html + "</tbody></table>"
    }
}
