/// A horizontal bar chart of labelled values (routes, reasons, providers), as SVG.
///
/// Bars start at zero on a value axis with nice ticks; long labels are shortened on the axis and given in
/// full in each bar's `<title>` tooltip.
struct BarChart: Sendable {
    struct Bar: Sendable, Equatable {
        let label: String
        let value: Double
    }

    static let labelWidth = 200.0
    static let rowHeight = 28.0
    static let maxLabelCharacters = 28

    let title: String
    let bars: [Bar]
    /// Appended to the value in tooltips, such as " ms".
    var unit: String = ""

    func svg() -> String {
        let frame = ChartFrame(height: 56 + Self.rowHeight * Double(max(1, self.bars.count)), left: Self.labelWidth)
        let maximum = self.bars.map(\.value).filter(\.isFinite).max() ?? 0
        let ticks = AxisTicks(
            maximum: maximum,
            wholeNumbers: self.bars.allSatisfy { !$0.value.isFinite || $0.value == $0.value.rounded() })
        let x = LinearScale(domain: 0...ticks.upperBound, range: frame.plotLeft...frame.plotRight)
        var svg = frame.open(kind: "bar-chart", title: self.title)
        svg += #"<g class="axis axis-x">"#
        for tick in ticks.values {
            let position = SVGNumber.text(x.position(tick))
            svg += #"<line class="grid" x1="\#(position)" x2="\#(position)" y1="\#(SVGNumber.text(frame.plotTop))" "#
            svg += #"y2="\#(SVGNumber.text(frame.plotBottom))"/>"#
            svg += #"<text class="tick" x="\#(position)" y="\#(SVGNumber.text(frame.plotBottom + 18))" "#
            svg += #"text-anchor="middle">\#(NumberText.compact(tick))</text>"#
        }
        svg += "</g>"
        for (index, bar) in self.bars.enumerated() {
            let top = frame.plotTop + Double(index) * Self.rowHeight
            let value = bar.value.isFinite ? max(0, bar.value) : 0
            let width = max(0, x.position(value) - frame.plotLeft)
            svg += #"<g class="bar series-0">"#
            svg += #"<text class="category" x="\#(SVGNumber.text(frame.plotLeft - 8))" "#
            svg += #"y="\#(SVGNumber.text(top + Self.rowHeight / 2))" text-anchor="end" dominant-baseline="middle">"#
            svg += HTMLText.escaped(Self.shortened(bar.label)) + "</text>"
            svg += #"<rect x="\#(SVGNumber.text(frame.plotLeft))" y="\#(SVGNumber.text(top + 4))" "#
            svg += #"width="\#(SVGNumber.text(width))" height="\#(SVGNumber.text(Self.rowHeight - 8))">"#
            svg += "<title>" + HTMLText.escaped("\(bar.label): \(NumberText.exact(bar.value))\(self.unit)")
            svg += "</title></rect></g>"
        }
        return svg + "</svg>"
    }

    static func shortened(_ label: String) -> String {
        label.count <= Self.maxLabelCharacters ? label : String(label.prefix(Self.maxLabelCharacters - 1)) + "…"
    }
}
