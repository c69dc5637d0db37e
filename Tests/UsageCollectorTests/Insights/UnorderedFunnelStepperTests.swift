import Testing

@testable import UsageCollector

/// The unordered funnel state machine alone, on hand-made event sequences (times in seconds).
@Suite("Unordered funnel stepper")
struct UnorderedFunnelStepperTests {
    static func run(
        _ events: [FunnelStepper.Event], steps: Int = 3, window: Int64 = 100,
        attribution: (step: Int, value: UInt32)? = nil
    ) -> (Int, [Int64]) {
        let stepper = UnorderedFunnelStepper(
            stepCount: steps, window: window * FunnelStepperTests.second, attributionStep: attribution?.step)
        let reached = events.withUnsafeBufferPointer {
            stepper.run($0, propValue: attribution?.value ?? 0, onlyMatchingBreakdown: false)
        }
        return (
            reached,
            reached < 1 ? [] : (1...reached).map { stepper.conversionTime(toStep: $0) / FunnelStepperTests.second }
        )
    }

    static func event(_ at: Int64, _ steps: [Int], _ excluding: [Int], _ breakdown: UInt32) -> FunnelStepper.Event {
        FunnelStepperTests.event(at, steps, excluding, breakdown)
    }

    @Test("steps done in any order complete the funnel; times run between the sorted step times")
    func anyOrder() {
        let result = Self.run([Self.event(0, [3], [], 0), Self.event(10, [1], [], 0), Self.event(40, [2], [], 0)])
        #expect(result.0 == 2)
        #expect(result.1 == [10, 30])
    }

    @Test("a step outside the window of the oldest one starts over from the steps still inside it")
    func window() {
        let events = [Self.event(0, [1], [], 0), Self.event(60, [2], [], 0), Self.event(101, [3], [], 0)]
        #expect(Self.run(events) == (1, [60]))
        #expect(Self.run(events, window: 101) == (2, [60, 41]))
    }

    @Test("an exclusion empties every step before the furthest was recorded")
    func exclusion() {
        let events = [Self.event(0, [1], [], 0), Self.event(5, [], [2, 3], 0), Self.event(10, [2], [], 0)]
        #expect(Self.run(events).0 == 0)
        let without = [Self.event(0, [1], [], 0), Self.event(10, [2], [], 0)]
        #expect(Self.run(without) == (1, [10]))
    }

    @Test("an event matching several steps fills the one waiting longest, so repeats can complete the funnel")
    func repeatedStep() {
        #expect(Self.run([Self.event(1, [1, 2], [], 0)], steps: 2).0 == 0)
        #expect(Self.run([Self.event(1, [1, 2], [], 0), Self.event(6, [1, 2], [], 0)], steps: 2) == (1, [5]))
    }

    @Test("first-step attribution: only an event with the value may open the funnel")
    func attribution() {
        let events = [Self.event(0, [1], [], 2), Self.event(10, [2], [], 1), Self.event(20, [1], [], 2)]
        #expect(Self.run(events, steps: 2, attribution: (0, 1)) == (1, [10]))
        #expect(Self.run(events, steps: 2, attribution: (0, 3)).0 == -1)
    }
}
