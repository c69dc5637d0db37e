/// A horizontal interval chart of an experiment metric: one row per test variant with the 95 % credible
/// interval of its relative lift against control as a bar, the point estimate as a dot, and a zero line, so a bar
/// clear of zero reads as a difference at a glance.
struct LiftIntervalChart: Sendable {
    struct Row: Sendable {
        let label: String
        /// `nil` when the control has no conversions to compare with.
        let interval: ClosedRange<Double>?
        let estimate: Double?
    }

    static let rowHeight = 36.0

    let title: String
    let rows: [Row]

    /// The SVG, or a sentence when no row has an interval.
    var svg: String {
        let drawn = self.rows.compactMap { row in row.interval.map { (row, $0) } }
        guard !drawn.isEmpty else { return "" }
        let frame = ChartFrame(height: 40 + Self.rowHeight * Double(self.rows.count), left: 140)
        let low = min(0, drawn.map(\.1.lowerBound).min()!)
        let high = max(0, drawn.map(\.1.upperBound).max()!)
        let step = AxisTicks.niceStep(max(high - low, 0.01) / 5)
        let domain = (low / step).rounded(.down) * step...(high / step).rounded(.up) * step
        let scale = LinearScale(domain: domain, range: frame.plotLeft...frame.plotRight)
        var svg = frame.open(kind: "lift-chart", title: self.title)
        svg += #"<g class="axis axis-x">"#
        let count = Int(((domain.upperBound - domain.lowerBound) / step).rounded()) + 1
        for index in 0..<count {
            let tick = domain.lowerBound + Double(index) * step
            let x = SVGNumber.text(scale.position(tick))
            svg += #"<line class="grid" x1="\#(x)" x2="\#(x)" y1="\#(SVGNumber.text(frame.plotTop))" "#
            svg += #"y2="\#(SVGNumber.text(frame.plotBottom))"/>"#
            svg += #"<text class="tick" x="\#(x)" y="\#(SVGNumber.text(frame.plotBottom + 16))" "#
            svg += #"text-anchor="\#(ChartFrame.labelAnchor(index: index, count: count))">"#
            svg += "\(HTMLText.escaped(Self.percent(tick)))</text>"
        }
        svg += "</g>"
        let zero = SVGNumber.text(scale.position(0))
        svg += #"<line class="zero" x1="\#(zero)" x2="\#(zero)" y1="\#(SVGNumber.text(frame.plotTop))" "#
        svg += #"y2="\#(SVGNumber.text(frame.plotBottom))" stroke="currentColor" stroke-width="2"/>"#
        for (index, row) in self.rows.enumerated() {
            let y = frame.plotTop + Self.rowHeight * (Double(index) + 0.5)
            svg +=
                #"<g class="lift-row bar series-\#((index + 1) % 6)" data-variant="\#(HTMLText.escaped(row.label))">"#
            svg += #"<text x="\#(SVGNumber.text(frame.plotLeft - 8))" y="\#(SVGNumber.text(y))" text-anchor="end" "#
            svg += #"dominant-baseline="middle">\#(HTMLText.escaped(row.label))</text>"#
            if let interval = row.interval {
                let from = scale.position(interval.lowerBound)
                let to = scale.position(interval.upperBound)
                svg += #"<rect x="\#(SVGNumber.text(from))" y="\#(SVGNumber.text(y - 7))" "#
                svg += #"width="\#(SVGNumber.text(max(to - from, 1)))" height="14" rx="3" "#
                svg += #"fill-opacity="0.5">"#
                svg += "<title>\(HTMLText.escaped(row.label)): \(Self.percent(interval.lowerBound)) to "
                svg += "\(Self.percent(interval.upperBound))</title></rect>"
            }
            if let estimate = row.estimate {
                svg += #"<circle cx="\#(SVGNumber.text(scale.position(estimate)))" cy="\#(SVGNumber.text(y))" r="5" "#
                svg += #"stroke="currentColor" stroke-width="2"/>"#
            }
            svg += "</g>"
        }
        return svg + "</svg>"
    }

    /// A signed percentage such as `+12.5%`.
    static func percent(_ share: Double) -> String {
        let text = NumberText.percent(abs(share))
        return share > 0 ? "+" + text : share < 0 ? "−" + text : text
    }
}
