import UsageAnalytics

/// A multivariate flag's split as one horizontal SVG bar: a segment per variant, as wide as its share, in the
/// chart series colours, each with a tooltip; the accessible name spells the split out.
enum FlagSplitBar {
    static func svg(_ variants: [FlagVariant], width: Double = 600, height: Double = 24) -> String {
        let label = HTMLText.escaped("Variant split: " + FlagWording.split(variants))
        var svg =
            #"<svg class="chart split" viewBox="0 0 \#(SVGNumber.text(width)) \#(SVGNumber.text(height))" "#
            + #"role="img" aria-label="\#(label)"><rect class="track" width="\#(SVGNumber.text(width))" "#
            + #"height="\#(SVGNumber.text(height))" rx="4"/>"#
        var x = 0.0
        for (index, variant) in variants.enumerated() {
            let segment = width * min(max(variant.rolloutPercentage, 0), 100) / 100
            let tooltip = HTMLText.escaped("\(variant.key): \(FlagWording.percent(variant.rolloutPercentage))")
            svg +=
                #"<g class="bar series-\#(index % ChartPalette.count)" data-variant="\#(HTMLText.escaped(variant.key))">"#
            svg += #"<rect x="\#(SVGNumber.text(x))" width="\#(SVGNumber.text(segment))" "#
            svg += #"height="\#(SVGNumber.text(height))"><title>\#(tooltip)</title></rect></g>"#
            x += segment
        }
        return svg + "</svg>"
    }

    /// A small square in a variant's series colour, for the legend beside the bar.
    static func swatch(index: Int) -> String {
        #"<svg class="swatch series-\#(index % ChartPalette.count)" viewBox="0 0 10 10" aria-hidden="true">"#
            + #"<rect width="10" height="10" rx="2"/></svg>"#
    }
}
