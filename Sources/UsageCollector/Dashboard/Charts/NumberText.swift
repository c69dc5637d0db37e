import Foundation

/// How the dashboard writes numbers: exact in tables, short on axes.
enum NumberText {
    /// Whole numbers as digits; others with up to two decimals, trailing zeros dropped.
    static func exact(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let text = String(format: "%.2f", value)
        var trimmed = Substring(text)
        while trimmed.hasSuffix("0") { trimmed = trimmed.dropLast() }
        if trimmed.hasSuffix(".") { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }

    /// A compact label for an axis tick: 950, 1.5k, 12M, 3.2G, 4T, or scientific beyond.
    static func compact(_ value: Double) -> String {
        let magnitude = abs(value)
        let units: [(Double, String)] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
        if magnitude >= 1e15 { return String(format: "%.1e", value) }
        for (size, suffix) in units where magnitude >= size {
            return Self.exact((value / size * 10).rounded() / 10) + suffix
        }
        return Self.exact((value * 100).rounded() / 100)
    }

    /// A share in [0, 1] as a percentage with one decimal: `12.5%`.
    static func percent(_ share: Double) -> String {
        guard share.isFinite else { return "–" }
        return Self.exact((share * 1000).rounded() / 10) + "%"
    }
}
