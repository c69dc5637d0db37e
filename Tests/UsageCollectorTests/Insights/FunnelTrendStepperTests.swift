import Testing

@testable import UsageCollector

/// The funnel-trend state machines alone, on hand-made sequences over three daily periods (times in hours).
@Suite("Funnel trend steppers")
struct FunnelTrendStepperTests {
    static let hour: Int64 = 3_600_000_000
    static let days = TrendBuckets(interval: .day, from: 0, to: 3 * 24 * hour, single: false)

    static func event(_ at: Int64, steps: [Int] = [], excluding: [Int] = []) -> FunnelStepper.Event {
        FunnelStepperTests.event(at * Self.hour / FunnelStepperTests.second, steps, excluding, 0)
    }

    /// (period, converted) pairs the stepper reports, sorted by period.
    static func run(_ stepper: some PersonFunnelTrend, _ events: [FunnelStepper.Event]) -> [[Int]] {
        var events = events
        for index in events.indices { events[index].id = UInt32(index) }
        var reported: [[Int]] = []
        events.withUnsafeBufferPointer { events in
            stepper.run(events, buckets: Self.days, propValue: 0, onlyMatchingBreakdown: false) { period, converted in
                reported.append([period, converted ? 1 : 0])
            }
        }
        return reported.sorted { $0[0] < $1[0] }
    }

    static func ordered(window hours: Int64 = 48) -> FunnelTrendStepper {
        FunnelTrendStepper(
            stepCount: 3, window: hours * Self.hour, strict: false, attributionStep: nil, fromLevel: 1, toLevel: 3)
    }

    @Test("each day a person enters counts once; it converts when that day's chain reaches the last step")
    func periods() {
        let converted = [Self.event(0, steps: [1]), Self.event(1, steps: [2]), Self.event(2, steps: [3])]
        #expect(Self.run(Self.ordered(), converted) == [[0, 1]])
        let twoDays = [Self.event(0, steps: [1]), Self.event(24, steps: [1]), Self.event(25, steps: [2])]
        #expect(Self.run(Self.ordered(), twoDays) == [[0, 0], [1, 0]])
        let late = [Self.event(0, steps: [1]), Self.event(1, steps: [2]), Self.event(50, steps: [3])]
        #expect(Self.run(Self.ordered(), late) == [[0, 0]])
    }

    @Test("a chain completed through an exclusion drops every unconverted period of the person")
    func fullExclusion() {
        let events = [Self.event(0, steps: [1]), Self.event(1, excluding: [2]), Self.event(2, steps: [2])]
        #expect(Self.run(Self.ordered(), events) == [])
        let clean = [Self.event(0, steps: [1]), Self.event(2, steps: [2])]
        #expect(Self.run(Self.ordered(), clean) == [[0, 0]])
    }

    @Test("unordered: each dropped oldest event credits its own day with the steps held then")
    func unordered() {
        let stepper = UnorderedFunnelTrendStepper(
            stepCount: 3, window: 48 * Self.hour, attributionStep: nil, fromLevel: 1, toLevel: 3)
        let events = [Self.event(0, steps: [3]), Self.event(1, steps: [1]), Self.event(2, steps: [2])]
        #expect(Self.run(stepper, events) == [[0, 1]])
        let apart = [Self.event(0, steps: [1]), Self.event(60, steps: [2])]
        #expect(Self.run(stepper, apart) == [[0, 0], [2, 0]])
    }
}
