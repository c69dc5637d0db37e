import Testing

@testable import UsageCollector

/// The funnel state machine alone, on hand-made event sequences.
@Suite("Funnel stepper")
struct FunnelStepperTests {
    static let second: Int64 = 1_000_000

    static func event(_ at: Int64, steps: [Int] = [], excluding: [Int] = [], breakdown: UInt32 = 0)
        -> FunnelStepper.Event
    {
        Self.event(at, steps, excluding, breakdown)
    }

    static func event(_ at: Int64, _ steps: [Int], _ excluding: [Int], _ breakdown: UInt32) -> FunnelStepper.Event {
        FunnelStepper.Event(
            timestamp: at * Self.second, id: 0, breakdown: breakdown,
            steps: steps.reduce(0) { $0 | (1 << UInt32($1 - 1)) },
            exclusions: excluding.reduce(0) { $0 | (1 << UInt32($1 - 1)) })
    }

    static func run(
        _ events: [FunnelStepper.Event], steps: Int = 3, window: Int64 = 100, strict: Bool = false
    ) -> (Int, [Int64]) {
        let stepper = FunnelStepper(
            stepCount: steps, window: window * Self.second, strict: strict, attributionStep: nil)
        var events = events
        for index in events.indices { events[index].id = UInt32(index) }
        let reached = events.withUnsafeBufferPointer { stepper.run($0, propValue: 0, onlyMatchingBreakdown: false) }
        return (reached, reached < 1 ? [] : (1...reached).map { stepper.conversionTime(toStep: $0) / Self.second })
    }

    @Test("a complete funnel reports the times between steps")
    func complete() {
        let result = Self.run([Self.event(0, steps: [1]), Self.event(10, steps: [2]), Self.event(40, steps: [3])])
        #expect(result.0 == 2)
        #expect(result.1 == [10, 30])
    }

    @Test("the window is inclusive and measured from the first step")
    func window() {
        #expect(Self.run([Self.event(0, steps: [1]), Self.event(60, steps: [2]), Self.event(100, steps: [3])]).0 == 2)
        #expect(Self.run([Self.event(0, steps: [1]), Self.event(60, steps: [2]), Self.event(101, steps: [3])]).0 == 1)
    }

    @Test("a later step-1 event restarts the chain, so a late conversion still counts")
    func restart() {
        let result = Self.run(
            [Self.event(0, steps: [1]), Self.event(200, steps: [1]), Self.event(250, steps: [2])], steps: 2)
        #expect(result == (1, [50]))
    }

    @Test("an exclusion inside the chain drops the person; a clean chain afterwards brings them back")
    func exclusion() {
        let excluded = [Self.event(0, steps: [1]), Self.event(5, excluding: [2]), Self.event(10, steps: [2])]
        #expect(Self.run(excluded, steps: 2).0 == -1)
        let recovered = excluded + [Self.event(20, steps: [1]), Self.event(30, steps: [2])]
        #expect(Self.run(recovered, steps: 2) == (1, [10]))
    }

    @Test("in a strict funnel any other event in between breaks the chain")
    func strict() {
        let events = [Self.event(0, steps: [1]), Self.event(5), Self.event(10, steps: [2])]
        #expect(Self.run(events, steps: 2, strict: true).0 == 0)
        #expect(Self.run(events, steps: 2, strict: false).0 == 1)
    }

    @Test("one event never fills two steps, but two events at the same instant can")
    func sameInstant() {
        #expect(Self.run([Self.event(0, steps: [1, 2])], steps: 2).0 == 0)
        #expect(Self.run([Self.event(0, steps: [2]), Self.event(0, steps: [1])], steps: 2) == (1, [0]))
    }
}
