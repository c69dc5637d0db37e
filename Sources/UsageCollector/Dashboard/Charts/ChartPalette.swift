/// Series colours are CSS classes (`series-0` … `series-5`), so light and dark mode each pick readable ones.
enum ChartPalette {
    static let count = 6

    /// A one-line legend under the plot: a swatch and the name of each series.
    static func legend(_ names: [String], frame: ChartFrame) -> String {
        var svg = #"<g class="legend">"#
        var x = frame.plotLeft
        let y = frame.height - 14
        for (index, name) in names.enumerated() {
            svg += #"<g class="series-\#(index % Self.count)"><rect x="\#(SVGNumber.text(x))" "#
            svg += #"y="\#(SVGNumber.text(y - 9))" width="10" height="10"/>"#
            svg +=
                #"<text x="\#(SVGNumber.text(x + 14))" y="\#(SVGNumber.text(y))">\#(HTMLText.escaped(name))</text></g>"#
            x += 24 + Double(min(name.count, 40)) * 7
        }
        return svg + "</g>"
    }
}
