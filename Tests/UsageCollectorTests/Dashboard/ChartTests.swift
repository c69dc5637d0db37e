import Foundation
import Testing

@testable import UsageCollector

/// The SVG chart code alone: scales, ticks, escaping, and the odd inputs (nothing, one point, huge values).
@Suite("Dashboard charts")
struct ChartTests {
    @Test("a linear scale maps the domain onto the range, inverted for SVG's downward y axis")
    func scale() {
        let x = LinearScale(domain: 0...10, range: 100...200)
        #expect(x.position(0) == 100)
        #expect(x.position(5) == 150)
        #expect(x.position(10) == 200)
        let y = LinearScale(domain: 0...50, range: 16...220, inverted: true)
        #expect(y.position(0) == 220)
        #expect(y.position(50) == 16)
        #expect(LinearScale(domain: 3...3, range: 0...100).position(3) == 50)
        #expect(LinearScale(domain: 0...Double.infinity, range: 0...100).position(7) == 50)
    }

    @Test(
        "ticks are 0 and steps of 1, 2 or 5 × 10ⁿ covering the maximum",
        arguments: [
            (7.0, [0.0, 2, 4, 6, 8]), (10, [0, 2, 4, 6, 8, 10]), (95, [0, 20, 40, 60, 80, 100]),
            (1, [0, 0.2, 0.4, 0.6, 0.8, 1]), (0.03, [0, 0.01, 0.02, 0.03]), (1500, [0, 500, 1000, 1500]),
        ] as [(Double, [Double])])
    func ticks(_ maximum: Double, _ expected: [Double]) {
        let ticks = AxisTicks(maximum: maximum)
        #expect(ticks.values.count == expected.count)
        for (value, wanted) in zip(ticks.values, expected) { #expect(abs(value - wanted) < 1e-9) }
        #expect(ticks.upperBound >= maximum)
    }

    @Test("counts get whole-number ticks; nothing, NaN and infinity get the axis 0…1")
    func wholeAndDegenerateTicks() {
        #expect(AxisTicks(maximum: 1, wholeNumbers: true).values == [0, 1])
        #expect(AxisTicks(maximum: 3, wholeNumbers: true).values == [0, 1, 2, 3])
        for maximum in [0, -5, Double.nan, Double.infinity] { #expect(AxisTicks(maximum: maximum).values == [0, 1]) }
    }

    @Test("huge values keep a handful of ticks and compact labels")
    func hugeValues() {
        let ticks = AxisTicks(maximum: 9.2e18)
        #expect((2...11).contains(ticks.values.count))
        #expect(ticks.upperBound >= 9.2e18)
        #expect(NumberText.compact(1_500) == "1.5k")
        #expect(NumberText.compact(12_000_000) == "12M")
        #expect(NumberText.compact(3.2e12) == "3.2T")
        #expect(NumberText.compact(2e18) == "2.0e+18")
        #expect(NumberText.exact(9_007_199_254_740_992) == "9007199254740992")
        #expect(NumberText.exact(2e18) == "2000000000000000000")
        let svg = LineChart(
            title: "Huge", data: ChartData(labels: ["a", "b"], series: [ChartSeries(name: "n", values: [1e18, 2e18])])
        ).svg()
        #expect(!svg.contains(#"="nan"#) && !svg.contains(#"="inf"#))
        #expect(svg.contains(">2.0e+18</text>"))
        #expect(svg.contains("<title>n, b: 2000000000000000000</title>"))
    }

    @Test("numbers in tables: whole numbers as digits, others to two decimals, shares as percentages")
    func numberText() {
        #expect(NumberText.exact(42) == "42")
        #expect(NumberText.exact(218.5) == "218.5")
        #expect(NumberText.exact(1.239) == "1.24")
        #expect(NumberText.exact(.nan) == "–")
        #expect(NumberText.percent(0.2) == "20%")
        #expect(NumberText.percent(1.0 / 3) == "33.3%")
        #expect(NumberText.percent(.infinity) == "–")
    }

    @Test("a line chart draws a polyline, a circle with a tooltip per point, axes, and a legend for several series")
    func lineChart() {
        let data = ChartData(
            labels: ["2026-11-10", "2026-11-11", "2026-11-12"],
            series: [
                ChartSeries(name: "Created", values: [3, 4, 5]), ChartSeries(name: "Resolved", values: [1, 2, 3]),
            ])
        let svg = LineChart(title: "Tickets", data: data).svg()
        #expect(svg.hasPrefix(#"<svg class="chart line-chart""#))
        #expect(svg.contains("<title>Tickets</title>"))
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
        #expect(svg.components(separatedBy: "<circle").count - 1 == 6)
        #expect(svg.contains("<title>Created, 2026-11-12: 5</title>"))
        #expect(svg.contains(#"class="legend""#))
        #expect(svg.contains(#"text-anchor="end">2026-11-12</text>"#))
    }

    @Test("one point is a dot in the middle, without a line")
    func onePoint() {
        let svg = LineChart(
            title: "One", data: ChartData(labels: ["2026-11-08"], series: [ChartSeries(name: "Users", values: [4])])
        ).svg()
        #expect(!svg.contains("<polyline"))
        #expect(svg.contains(#"<circle cx="380" cy="16" r="3.5">"#))
        #expect(svg.contains("<title>Users, 2026-11-08: 4</title>"))
    }

    @Test("an empty series is empty data; a chart of it still draws a valid axis and no point")
    func emptySeries() {
        let empty = ChartData(labels: [], series: [ChartSeries(name: "n", values: [])])
        #expect(empty.isEmpty)
        #expect(ChartData(labels: ["a"], series: [ChartSeries(name: "n", values: [0])]).isEmpty)
        #expect(!ChartData(labels: ["a"], series: [ChartSeries(name: "n", values: [1])]).isEmpty)
        let svg = LineChart(title: "Nothing", data: empty).svg()
        #expect(!svg.contains("<circle") && !svg.contains("<polyline"))
        #expect(svg.hasSuffix("</svg>"))
        #expect(BarChart(title: "None", bars: []).svg().hasSuffix("</svg>"))
    }

    @Test("labels and titles are escaped, so hostile event names cannot inject markup")
    func escaping() {
        let hostile = #"<script>alert("x")</script>&'"#
        let bar = BarChart(title: hostile, bars: [BarChart.Bar(label: hostile, value: 3)]).svg()
        #expect(!bar.contains("<script>"))
        #expect(bar.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;"))
        let line = LineChart(
            title: "t", data: ChartData(labels: [hostile], series: [ChartSeries(name: hostile, values: [1])])
        ).svg()
        #expect(!line.contains("<script>"))
    }

    @Test("bars start at zero, scale to the largest value, and shorten long labels but keep them in the tooltip")
    func barChart() {
        let long = "/api/tickets/{id}/comments/{comment_id}/attachments"
        let svg = BarChart(
            title: "Routes", bars: [BarChart.Bar(label: long, value: 10), BarChart.Bar(label: "/a", value: 5)],
            unit: " ms"
        ).svg()
        #expect(svg.contains(#"<rect x="200" y="20" width="504" height="20">"#))
        #expect(svg.contains(#"<rect x="200" y="48" width="252" height="20">"#))
        #expect(svg.contains("<title>\(long): 10 ms</title>"))
        #expect(svg.contains(">/api/tickets/{id}/comments/…</text>"))
        let negative = BarChart(title: "n", bars: [BarChart.Bar(label: "x", value: -4)]).svg()
        #expect(negative.contains(#"width="0""#))
    }

    @Test("funnel bars are as wide as their share of the first step")
    func funnel() {
        let chart = FunnelChart(
            title: "Sign-up", steps: [.init(name: "signup", count: 200), .init(name: "activate", count: 50)])
        #expect(chart.conversion(at: 1) == 0.25)
        let svg = chart.svg()
        #expect(svg.contains("<title>2. activate: 50 (25% of step 1)</title>"))
        #expect(svg.contains(">50 · 25%</text>"))
        #expect(FunnelChart(title: "none", steps: [.init(name: "a", count: 0)]).conversion(at: 0) == 0)
    }

    @Test("retention cells are shaded by the share that came back")
    func retention() {
        #expect(RetentionTable.heat(0) == 0)
        #expect(RetentionTable.heat(0.01) == 1)
        #expect(RetentionTable.heat(0.5) == 5)
        #expect(RetentionTable.heat(1) == 10)
        #expect(RetentionTable.heat(.nan) == 0)
        let html = RetentionTable(
            title: "Weekly", periodName: "Week",
            cohorts: [.init(label: "2026-11-01", counts: [10, 4, 1]), .init(label: "2026-11-08", counts: [0])]
        ).html()
        #expect(html.contains(#"<td class="heat-10" title="10 of 10">100%</td>"#))
        #expect(html.contains(#"<td class="heat-4" title="4 of 10">40%</td>"#))
        #expect(
            html.contains(
                #"<th scope="row">2026-11-08</th><td>0</td><td class="heat-0" title="0 of 0">0%</td><td></td>"#))
    }

    @Test(
        "report ranges: yyyy-mm-dd, start before end, at most 731 days; anything else falls back with a notice",
        arguments: [
            ("2026-11-10", "2026-11-14", true), ("2026-02-30", "2026-03-01", false),
            ("2026-11-14", "2026-11-10", false),
            ("2020-01-01", "2026-01-01", false), ("10/11/2026", "2026-11-14", false),
            ("2026-11-1", "2026-11-14", false),
            (String(repeating: "9", count: 10_000), "2026-11-14", false), ("٢٠٢٦-١١-١٠", "2026-11-14", false),
            ("1999-12-31", "2000-01-01", false),
        ])
    func reportRange(_ from: String, _ to: String, _ valid: Bool) {
        let today = UTCCalendar.day(year: 2026, month: 11, day: 30)
        let (range, notice) = ReportRange.parse(from: from, to: to, today: today)
        #expect((notice == nil) == valid)
        if valid {
            #expect(range.fromText == from && range.toText == to)
        } else {
            #expect(range.toText == "2026-11-30" && range.dayCount == 30)
        }
    }
}
