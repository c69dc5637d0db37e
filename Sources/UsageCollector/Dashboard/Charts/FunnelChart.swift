/// Funnel steps as horizontal bars, each as wide as its share of the first step, as SVG.
struct FunnelChart: Sendable {
    struct Step: Sendable, Equatable {
        let name: String
        let count: Int
    }

    let title: String
    let steps: [Step]

    /// The share of the first step's count that reached `index` (1 for the first step; 0 when nobody entered).
    func conversion(at index: Int) -> Double {
        guard let first = self.steps.first, first.count > 0 else { return 0 }
        return Double(self.steps[index].count) / Double(first.count)
    }

    func svg() -> String {
        let rowHeight = 44.0
        let frame = ChartFrame(height: 32 + rowHeight * Double(max(1, self.steps.count)), left: BarChart.labelWidth)
        let x = LinearScale(domain: 0...1, range: frame.plotLeft...frame.plotRight)
        var svg = frame.open(kind: "funnel-chart", title: self.title)
        for (index, step) in self.steps.enumerated() {
            let top = frame.plotTop + Double(index) * rowHeight
            let share = self.conversion(at: index)
            let label = "\(index + 1). \(step.name)"
            svg += #"<g class="funnel-step series-\#(index % ChartPalette.count)">"#
            svg += #"<text class="category" x="\#(SVGNumber.text(frame.plotLeft - 8))" "#
            svg += #"y="\#(SVGNumber.text(top + rowHeight / 2))" text-anchor="end" dominant-baseline="middle">"#
            svg += HTMLText.escaped(BarChart.shortened(label)) + "</text>"
            svg += #"<rect class="track" x="\#(SVGNumber.text(frame.plotLeft))" y="\#(SVGNumber.text(top + 6))" "#
            svg +=
                #"width="\#(SVGNumber.text(frame.plotRight - frame.plotLeft))" height="\#(SVGNumber.text(rowHeight - 12))"/>"#
            svg += #"<rect x="\#(SVGNumber.text(frame.plotLeft))" y="\#(SVGNumber.text(top + 6))" "#
            svg += #"width="\#(SVGNumber.text(x.position(share) - frame.plotLeft))" "#
            svg += #"height="\#(SVGNumber.text(rowHeight - 12))">"#
            svg += "<title>" + HTMLText.escaped("\(label): \(step.count) (\(NumberText.percent(share)) of step 1)")
            svg += "</title></rect>"
            svg += #"<text class="value" x="\#(SVGNumber.text(frame.plotLeft + 8))" "#
            svg += #"y="\#(SVGNumber.text(top + rowHeight / 2))" dominant-baseline="middle">"#
            svg += "\(step.count) · \(NumberText.percent(share))</text></g>"
        }
        return svg + "</svg>"
    }
}
