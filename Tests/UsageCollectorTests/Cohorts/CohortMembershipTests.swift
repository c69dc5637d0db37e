import Foundation
import Logging
import Testing

@testable import UsageCollector

/// Membership as the engine computes it: windows counted back from an injected clock, "did not", AND/OR,
/// deletions, and a cache that is refreshed when events arrive or the window slides.
@Suite("Cohort membership", .timeLimit(.minutes(2)))
struct CohortMembershipTests {
    static let day: Int64 = 86_400_000_000
    static let start = Date(timeIntervalSince1970: 1_795_000_000)
    static let project = "phc_members"

    static func record(_ person: String, _ event: String, daysAgo: Double) -> EventRecord {
        let micros = Int64(Self.start.timeIntervalSince1970 * 1_000_000) - Int64(daysAgo * Double(Self.day))
        return EventRecord(
            project: Self.project, uuid: UUID(), event: event, distinctID: person, timestamp: micros,
            properties: "{}", receivedAt: micros)
    }

    static func criterion(
        _ event: String, atLeast count: Int = 1, days: Int, negated: Bool = false
    ) -> CohortCriteria {
        .event(
            EventCriterion(
                event: event, comparison: .atLeast, count: count, timeValue: days, timeInterval: "day",
                negated: negated))
    }

    /// A ready engine over a fresh SQLite store, its projecting writer and a cohort store beside it.
    static func withEngine(
        _ body: @Sendable (InsightsEngine, ProjectingEventStore, any CohortStore) async throws -> Void
    ) async throws {
        try await withStore(.sqlite) { store in
            let engine = InsightsEngine(store: store, logger: Logger(label: "cohort-test"))
            engine.storeIsMigrated()
            try await engine.rebuild()
            let cohorts = try #require(Collector.cohortStore(beside: store, logger: Logger(label: "cohort-test")))
            try await cohorts.migrateCohorts()
            try await body(engine, ProjectingEventStore(base: store, engine: engine), cohorts)
        }
    }

    static func members(_ engine: InsightsEngine, _ criteria: CohortCriteria, now: Int64) throws -> Set<String> {
        let columns = try engine.snapshot(project: Self.project)
        let mask = CohortMembership.members(of: criteria, columns: columns, now: now)
        return Set(mask.members.map { columns.persons[$0] })
    }

    @Test("at least N times within the last D days, its negation, and AND/OR groups")
    func criteria() async throws {
        try await Self.withEngine { engine, writer, _ in
            _ = try await writer.insert([
                Self.record("a", "ticket_created", daysAgo: 1), Self.record("a", "ticket_created", daysAgo: 2),
                Self.record("a", "ticket_created", daysAgo: 40),  // outside 30 days
                Self.record("b", "ticket_created", daysAgo: 3), Self.record("b", "user_logged_in", daysAgo: 0.5),
                Self.record("c", "user_logged_in", daysAgo: 10),
                Self.record("d", "ticket_created", daysAgo: -1),  // in the future: not counted
            ])
            let now = Int64(Self.start.timeIntervalSince1970 * 1_000_000)
            #expect(try Self.members(engine, Self.criterion("ticket_created", atLeast: 2, days: 30), now: now) == ["a"])
            #expect(try Self.members(engine, Self.criterion("ticket_created", days: 30), now: now) == ["a", "b"])
            #expect(try Self.members(engine, Self.criterion("ticket_created", atLeast: 3, days: 60), now: now) == ["a"])
            // "Did not" picks among persons the project has, d included (its only event is in the future).
            #expect(
                try Self.members(engine, Self.criterion("ticket_created", days: 30, negated: true), now: now)
                    == ["c", "d"])
            let both = CohortCriteria.all([
                Self.criterion("ticket_created", days: 30), Self.criterion("user_logged_in", days: 1),
            ])
            #expect(try Self.members(engine, both, now: now) == ["b"])
            let either = CohortCriteria.any([
                Self.criterion("ticket_created", atLeast: 2, days: 30), Self.criterion("user_logged_in", days: 30),
            ])
            #expect(try Self.members(engine, either, now: now) == ["a", "b", "c"])
            // A window is inclusive at both ends: exactly 10 days ago counts for "last 10 days".
            #expect(try Self.members(engine, Self.criterion("user_logged_in", days: 10), now: now) == ["b", "c"])
            // An unknown event: nobody did it, everybody did not.
            #expect(try Self.members(engine, Self.criterion("never", days: 5), now: now).isEmpty)
            #expect(
                try Self.members(engine, Self.criterion("never", days: 5, negated: true), now: now)
                    == ["a", "b", "c", "d"])
            // Deleted events no longer count, and a person with no live event is in no cohort.
            _ = try await writer.delete(EventFilter(project: Self.project, distinctID: "c"))
            #expect(
                try Self.members(engine, Self.criterion("never", days: 5, negated: true), now: now)
                    == ["a", "b", "d"])
        }
    }

    @Test("memberships are recomputed when events arrive and when the window slides past the clock")
    func refresh() async throws {
        try await Self.withEngine { engine, writer, store in
            let clock = ManualClock(Self.start)
            let memberships = CohortMemberships(store: store, engine: engine, now: { clock.now })
            let cohort = try await store.create(
                CohortDraft(name: "Active", definition: .behavioural(Self.criterion("login", days: 7))),
                project: Self.project, at: Self.start)
            _ = try await writer.insert([
                Self.record("a", "login", daysAgo: 6.5), Self.record("b", "other", daysAgo: 1),
            ])
            #expect(try await memberships.behaviouralMembers(of: cohort, project: Self.project) == ["a"])
            // A new event is seen at once: the columns changed since the last computation.
            _ = try await writer.insert([Self.record("b", "login", daysAgo: 0)])
            #expect(try await memberships.behaviouralMembers(of: cohort, project: Self.project) == ["a", "b"])
            #expect(
                try await memberships.cohorts(containing: "a", among: [cohort.id], project: Self.project) == [cohort.id]
            )
            // A day later a's login is 7.5 days old: it leaves once the cached answer is stale.
            clock.advance(by: 86_400)
            #expect(try await memberships.behaviouralMembers(of: cohort, project: Self.project) == ["b"])
            #expect(try await memberships.cohorts(containing: "a", among: [cohort.id], project: Self.project).isEmpty)
            #expect(try await memberships.count(of: cohort, project: Self.project) == 1)
            // Unknown cohorts and unknown people belong to nothing.
            #expect(
                try await memberships.cohorts(containing: "zz", among: [cohort.id, 4242], project: Self.project).isEmpty
            )
        }
    }

    @Test("a static cohort's members are its listed ids; only those with events are seen by insights")
    func staticMembers() async throws {
        try await Self.withEngine { engine, writer, store in
            let memberships = CohortMemberships(store: store, engine: engine, now: { Self.start })
            let cohort = try await store.create(
                CohortDraft(name: "Pilot", definition: .staticList), project: Self.project, at: Self.start)
            let filled = try await store.addMembers(
                ["a", "ghost"], to: cohort.id, project: Self.project, at: Self.start)
            _ = try await writer.insert([Self.record("a", "x", daysAgo: 1), Self.record("b", "x", daysAgo: 1)])
            #expect(try await memberships.count(of: filled, project: Self.project) == 2)
            #expect(
                try await memberships.cohorts(containing: "ghost", among: [cohort.id], project: Self.project) == [
                    cohort.id
                ])
            let columns = try engine.snapshot(project: Self.project)
            let masks = try await memberships.masks(
                for: [cohort.id], project: Self.project, columns: columns, now: 0)
            #expect(masks.masks[cohort.id]?.members.map { columns.persons[$0] } == ["a"])
            #expect(masks.names[cohort.id] == "Pilot")
            await #expect(throws: InsightQueryError("query", "cohort 4242 is not a cohort of this project")) {
                try await memberships.masks(for: [4242], project: Self.project, columns: columns, now: 0)
            }
            // The listed ghost gets an event: the new columns see it. A new upload is read at once.
            _ = try await writer.insert([Self.record("ghost", "x", daysAgo: 1)])
            let later = try engine.snapshot(project: Self.project)
            let seen = try await memberships.masks(for: [cohort.id], project: Self.project, columns: later, now: 0)
            #expect(Set(seen.masks[cohort.id]?.members.map { later.persons[$0] } ?? []) == ["a", "ghost"])
            _ = try await store.addMembers(["b"], to: cohort.id, project: Self.project, at: Self.start)
            let added = try await memberships.masks(for: [cohort.id], project: Self.project, columns: later, now: 0)
            #expect(Set(added.masks[cohort.id]?.members.map { later.persons[$0] } ?? []) == ["a", "b", "ghost"])
        }
    }
}
