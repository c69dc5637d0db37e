import Foundation
import Synchronization

/// Shows a run's progress as it goes: a bar redrawn in place when stdout is a terminal, a plain
/// line at the end of each day otherwise (logs, CI, pipes). Safe to call from concurrent tenants.
final class ProgressDisplay: Sendable {
    private struct State {
        var completed = 0
        var errors = 0
        var dayRequests = 0
        var dayErrors = 0
        var day = 1
        var lastDrawn = ""
    }

    private let total: Int
    private let days: Int
    private let isTerminal: Bool
    private let write: @Sendable (String) -> Void
    private let state = Mutex(State())

    /// - Parameters:
    ///   - isTerminal: draw the bar (`isatty` on stdout) rather than plain lines.
    ///   - write: where text goes (stdout in the command, a recorder in tests).
    init(totalRequests: Int, days: Int, isTerminal: Bool, write: @escaping @Sendable (String) -> Void) {
        self.total = totalRequests
        self.days = days
        self.isTerminal = isTerminal
        self.write = write
    }

    /// Counts one finished request and redraws the bar when its text changed.
    func record(_ outcome: StepOutcome) {
        let text: String? = state.withLock { state in
            state.completed += 1
            state.dayRequests += outcome.verdict == .skipped ? 0 : 1
            if outcome.isUnexpected {
                state.errors += 1
                state.dayErrors += 1
            }
            return isTerminal ? redraw(&state) : nil
        }
        if let text { write(text) }
    }

    /// Ends a day: a plain line, or a final redraw of the bar for the next day.
    func finishDay(_ number: Int) {
        let text: String? = state.withLock { state in
            defer {
                state.day = min(number + 1, days)
                state.dayRequests = 0
                state.dayErrors = 0
            }
            if isTerminal { return nil }
            return ProgressLine.plain(day: number, days: days, requests: state.dayRequests, errors: state.dayErrors)
                + "\n"
        }
        if let text { write(text) }
    }

    /// A message between progress updates (such as a notice about the server), on its own line.
    func notice(_ message: String) {
        let text = state.withLock { state in
            guard isTerminal else { return message + "\n" }
            let bar = state.lastDrawn
            state.lastDrawn = ""
            return (bar.isEmpty ? "" : "\r\u{1B}[2K") + message + "\n" + (bar.isEmpty ? "" : redraw(&state) ?? "")
        }
        write(text)
    }

    /// Leaves the terminal on a fresh line after the bar.
    func finish() {
        let drawn = state.withLock { !$0.lastDrawn.isEmpty }
        if isTerminal && drawn { write("\n") }
    }

    private func redraw(_ state: inout State) -> String? {
        let line = ProgressLine.bar(
            completed: state.completed, total: total, day: state.day, days: days, errors: state.errors)
        guard line != state.lastDrawn else { return nil }
        state.lastDrawn = line
        return "\r\u{1B}[2K" + line
    }
}
