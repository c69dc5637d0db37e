import Synchronization
import Testing

@testable import psa

/// The progress display: a bar redrawn in place on a terminal, plain day lines elsewhere.
@Suite("psa simulate: progress")
struct ProgressDisplayTests {
    final class Output: Sendable {
        let text = Mutex("")
        var write: @Sendable (String) -> Void { { piece in self.text.withLock { $0 += piece } } }
        var value: String { text.withLock { $0 } }
    }

    static func outcome(_ verdict: StepOutcome.Verdict) -> StepOutcome {
        StepOutcome(kind: .search, expectedStatus: 200, verdict: verdict, route: "GET /api/tickets", day: 1, tenant: 0)
    }

    @Test("the bar shows the share done, the day, the requests and the errors")
    func bar() {
        #expect(
            ProgressLine.bar(completed: 640, total: 2110, day: 5, days: 14, errors: 0, width: 20)
                == "[██████░░░░░░░░░░░░░░]  30%  day 5/14  640/2110 requests  0 errors")
        #expect(
            ProgressLine.bar(completed: 10, total: 10, day: 1, days: 1, errors: 1, width: 4)
                == "[████] 100%  day 1/1  10/10 requests  1 error")
        #expect(ProgressLine.bar(completed: 0, total: 0, day: 1, days: 1, errors: 0, width: 2).hasPrefix("[██] 100%"))
    }

    @Test("plain lines name the day, its requests and its errors")
    func plain() {
        #expect(ProgressLine.plain(day: 3, days: 14, requests: 212, errors: 0) == "day 3/14: 212 requests, 0 errors")
        #expect(ProgressLine.plain(day: 1, days: 1, requests: 1, errors: 1) == "day 1/1: 1 request, 1 error")
    }

    @Test("without a terminal: one line per day with that day's counts, skipped requests not counted")
    func plainDisplay() {
        let output = Output()
        let display = ProgressDisplay(totalRequests: 4, days: 2, isTerminal: false, write: output.write)
        display.record(Self.outcome(.asPlanned))
        display.record(Self.outcome(.unexpected(status: 500, detail: "")))
        display.finishDay(1)
        display.record(Self.outcome(.asPlanned))
        display.record(Self.outcome(.skipped))
        display.notice("note: something")
        display.finishDay(2)
        display.finish()
        #expect(output.value == "day 1/2: 2 requests, 1 error\nnote: something\nday 2/2: 1 request, 0 errors\n")
    }

    @Test("on a terminal: the bar is redrawn in place, a notice gets its own line, the end a newline")
    func terminalDisplay() {
        let output = Output()
        let display = ProgressDisplay(totalRequests: 2, days: 1, isTerminal: true, write: output.write)
        display.record(Self.outcome(.asPlanned))
        display.notice("note: time ignored")
        display.record(Self.outcome(.unexpected(status: 0, detail: "refused")))
        display.finishDay(1)
        display.finish()
        let clear = "\r\u{1B}[2K"
        let half = ProgressLine.bar(completed: 1, total: 2, day: 1, days: 1, errors: 0)
        let full = ProgressLine.bar(completed: 2, total: 2, day: 1, days: 1, errors: 1)
        #expect(output.value == clear + half + clear + "note: time ignored\n" + clear + half + clear + full + "\n")
    }
}
