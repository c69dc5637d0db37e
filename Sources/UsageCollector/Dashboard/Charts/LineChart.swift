/// A line chart of one or more series over labelled positions (days, weeks), as SVG.
///
/// Every point is a circle with a `<title>` tooltip naming the series, the position and the exact value; a
/// single position draws a dot in the middle; a legend names the series when there are several.
struct LineChart: Sendable {
    let title: String
    let data: ChartData

    func svg() -> String {
        let frame = ChartFrame(legend: self.data.series.count > 1)
        let ticks = AxisTicks(maximum: self.data.maximum, wholeNumbers: self.data.isWholeNumbers)
        let y = LinearScale(
            domain: 0...ticks.upperBound, range: frame.plotTop...frame.plotBottom, inverted: true)
        let x = LinearScale(
            domain: 0...Double(max(0, self.data.labels.count - 1)), range: frame.plotLeft + 8...frame.plotRight - 8)
        var svg = frame.open(kind: "line-chart", title: self.title)
        svg += frame.valueAxis(ticks, scale: y)
        svg += #"<g class="axis axis-x">"#
        for index in ChartFrame.labelIndexes(count: self.data.labels.count) {
            svg += #"<text class="tick" x="\#(SVGNumber.text(x.position(Double(index))))" "#
            let anchor = ChartFrame.labelAnchor(index: index, count: self.data.labels.count)
            svg += #"y="\#(SVGNumber.text(frame.plotBottom + 18))" text-anchor="\#(anchor)">"#
            svg += HTMLText.escaped(self.data.labels[index]) + "</text>"
        }
        svg += "</g>"
        for (number, series) in self.data.series.enumerated() {
            let points = series.values.prefix(self.data.labels.count).enumerated().map { index, value in
                (x: x.position(Double(index)), y: y.position(value.isFinite ? value : 0), value: value, index: index)
            }
            svg += #"<g class="series series-\#(number % ChartPalette.count)">"#
            if points.count > 1 {
                let path = points.map { "\(SVGNumber.text($0.x)),\(SVGNumber.text($0.y))" }.joined(separator: " ")
                svg += #"<polyline points="\#(path)"/>"#
            }
            for point in points {
                svg += #"<circle cx="\#(SVGNumber.text(point.x))" cy="\#(SVGNumber.text(point.y))" r="3.5">"#
                svg +=
                    "<title>"
                    + HTMLText.escaped(
                        "\(series.name), \(self.data.labels[point.index]): \(NumberText.exact(point.value))")
                svg += "</title></circle>"
            }
            svg += "</g>"
        }
        if self.data.series.count > 1 { svg += ChartPalette.legend(self.data.series.map(\.name), frame: frame) }
        return svg + "</svg>"
    }
}
