/// The text of the progress display: a bar redrawn in place on a terminal, one line per day otherwise.
enum ProgressLine {
    /// `[██████░░░░░░░░░░░░░░]  30%  day 5/14  640/2110 requests  0 errors`
    static func bar(completed: Int, total: Int, day: Int, days: Int, errors: Int, width: Int = 24) -> String {
        let fraction = total == 0 ? 1 : min(1, Double(completed) / Double(total))
        let filled = Int((fraction * Double(width)).rounded(.down))
        let percent = Int((fraction * 100).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let padded = String(repeating: " ", count: max(0, 3 - String(percent).count)) + "\(percent)%"
        return
            "[\(bar)] \(padded)  day \(day)/\(days)  \(completed)/\(total) requests  \(counted(errors, "error"))"
    }

    /// `day 3/14: 212 requests, 0 errors`
    static func plain(day: Int, days: Int, requests: Int, errors: Int) -> String {
        "day \(day)/\(days): \(counted(requests, "request")), \(counted(errors, "error"))"
    }

    /// `1 error`, `2 errors`.
    static func counted(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
}
