extension Duration {
    /// The duration in milliseconds, as the `duration_ms` properties carry it.
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1_000 + Double(attoseconds) / 1e15
    }

    /// The duration as `slow_query`'s `threshold_exceeded` spells it, in Go's duration notation
    /// to the microsecond: `2s`, `1.5s`, `250ms`, `1m30s`, `1h0m0s`.
    ///
    /// Not `1500ms`: the privacy policy refuses labels with a run of four digits (a raw id), and
    /// this notation keeps every configurable threshold (whole milliseconds, at most an hour)
    /// within three.
    var thresholdLabel: String {
        let microseconds = Int64((milliseconds * 1_000).rounded())
        if microseconds == 0 { return "0s" }
        if microseconds < 1_000_000 { return Self.decimal(microseconds, unit: 1_000) + "ms" }
        let hours = microseconds / 3_600_000_000
        let minutes = microseconds / 60_000_000 % 60
        var label = ""
        if hours > 0 { label += "\(hours)h" }
        if hours > 0 || minutes > 0 { label += "\(minutes)m" }
        return label + Self.decimal(microseconds % 60_000_000, unit: 1_000_000) + "s"
    }

    /// `value / unit` written with only the fraction digits it needs: `1`, `1.5`, `0.25`.
    private static func decimal(_ value: Int64, unit: Int64) -> String {
        let whole = value / unit
        var fraction = value % unit
        guard fraction > 0 else { return "\(whole)" }
        var width = String(unit).count - 1
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        let digits = String(fraction)
        return "\(whole)." + String(repeating: "0", count: width - digits.count) + digits
    }
}
