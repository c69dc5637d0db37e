import Foundation

/// The simulated days: the most recent `days` working days (08:00–18:00 UTC) ending at the
/// present. Today counts when at least an hour of its working day has passed, and is cut at now,
/// so no simulated time is ever in the future.
struct SimulationCalendar: Sendable, Equatable {
    static let workdayStart: TimeInterval = 8 * 3600
    static let workdayEnd: TimeInterval = 18 * 3600

    /// One simulated day's working hours.
    struct Day: Sendable, Equatable {
        let start: Date
        let end: Date
        let isWeekend: Bool
    }

    let days: [Day]

    init(days count: Int, endingAt now: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let today = calendar.startOfDay(for: now)
        let todayCounts = now.timeIntervalSince(today) >= Self.workdayStart + 3600
        let last = todayCounts ? 0 : 1
        days = (0..<count).reversed().map { offset in
            let midnight = calendar.date(byAdding: .day, value: -(offset + last), to: today)!
            let start = midnight.addingTimeInterval(Self.workdayStart)
            let end = min(midnight.addingTimeInterval(Self.workdayEnd), now)
            return Day(start: start, end: end, isWeekend: calendar.isDateInWeekend(midnight))
        }
    }
}

extension SimulationCalendar.Day {
    /// Spreads `count` requests over the working hours in order, each at a jittered point of its
    /// own slot, so that times only move forward.
    func times(count: Int, using generator: inout SeededGenerator) -> [Date] {
        guard count > 0 else { return [] }
        let slot = end.timeIntervalSince(start) / Double(count)
        return (0..<count).map { index in
            let offset = (Double(index) + Double.random(in: 0.1..<0.9, using: &generator)) * slot
            return start.addingTimeInterval(offset.rounded(.down))
        }
    }
}
