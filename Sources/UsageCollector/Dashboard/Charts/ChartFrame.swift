/// The plotting area of an SVG chart inside its view box, and the value axis drawn on its left.
struct ChartFrame: Sendable {
    static let width = 720.0
    let height: Double
    let left: Double
    let right = 16.0
    let top = 16.0
    let bottom: Double

    /// - Parameters:
    ///   - height: the view box's height
    ///   - left: room for the value axis or the category labels
    ///   - legend: whether a legend line goes under the x axis labels
    init(height: Double = 260, left: Double = 56, legend: Bool = false) {
        self.height = height + (legend ? 20 : 0)
        self.left = left
        self.bottom = legend ? 60 : 40
    }

    var plotLeft: Double { self.left }
    var plotRight: Double { Self.width - self.right }
    var plotTop: Double { self.top }
    var plotBottom: Double { self.height - self.bottom }

    /// `<svg …><title>…</title>` opening a chart; `kind` becomes a class (`line-chart`, `bar-chart`).
    func open(kind: String, title: String) -> String {
        let escaped = HTMLText.escaped(title)
        return #"<svg class="chart \#(kind)" viewBox="0 0 \#(Int(Self.width)) \#(Int(self.height))" "#
            + #"role="img" aria-label="\#(escaped)" xmlns="http://www.w3.org/2000/svg"><title>\#(escaped)</title>"#
    }

    /// Grid lines and labels of a vertical value axis from the ticks.
    func valueAxis(_ ticks: AxisTicks, scale: LinearScale) -> String {
        var svg = #"<g class="axis axis-y">"#
        for tick in ticks.values {
            let y = SVGNumber.text(scale.position(tick))
            svg +=
                #"<line class="grid" x1="\#(SVGNumber.text(self.plotLeft))" x2="\#(SVGNumber.text(self.plotRight))" "#
            svg += #"y1="\#(y)" y2="\#(y)"/>"#
            svg += #"<text class="tick" x="\#(SVGNumber.text(self.plotLeft - 6))" y="\#(y)" text-anchor="end" "#
            svg += #"dominant-baseline="middle">\#(NumberText.compact(tick))</text>"#
        }
        return svg + "</g>"
    }

    /// How an x label at `index` of `count` is anchored: the first to its start, the last to its end, so
    /// neither runs out of the view box.
    static func labelAnchor(index: Int, count: Int) -> String {
        guard count > 1 else { return "middle" }
        return index == 0 ? "start" : index == count - 1 ? "end" : "middle"
    }

    /// Indexes of the x labels to print: all of them when few, else evenly spaced ones including the last.
    static func labelIndexes(count: Int, maximum: Int = 8) -> [Int] {
        guard count > maximum else { return Array(0..<count) }
        let stride = Int((Double(count - 1) / Double(maximum - 1)).rounded(.up))
        var indexes = Array(Swift.stride(from: 0, to: count, by: stride))
        if let last = indexes.last, last != count - 1 {
            if count - 1 - last < stride / 2 { indexes.removeLast() }
            indexes.append(count - 1)
        }
        return indexes
    }
}

/// Coordinates written into SVG: at most one decimal, no exponent.
enum SVGNumber {
    static func text(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
