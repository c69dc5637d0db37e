import Foundation
import Logging
import Testing

@testable import UsageCollector

/// One suite, both engines: every `CohortStore` keeps definitions, versions and static members the same way.
@Suite("CohortStore conformance (SQLite and PostgreSQL)", .timeLimit(.minutes(2)))
struct CohortStoreConformanceTests {
    static let start = Date(timeIntervalSince1970: 1_750_000_000)

    static let criteria = CohortCriteria.any([
        .event(
            EventCriterion(
                event: "ticket_created", comparison: .atLeast, count: 3, timeValue: 30, timeInterval: "day",
                negated: false)),
        .all([
            .event(
                EventCriterion(
                    event: "user_logged_in", comparison: .atLeast, count: 1, timeValue: 1, timeInterval: "week",
                    negated: true))
        ]),
    ])

    private func withCohortStore(
        _ engine: Engine, _ body: @Sendable (any CohortStore) async throws -> Void
    ) async throws {
        try await withStore(engine) { events in
            let cohorts = try #require(Collector.cohortStore(beside: events, logger: Logger(label: "cohort-test")))
            try await cohorts.migrateCohorts()
            try await cohorts.migrateCohorts()  // safe to repeat on every start
            try await body(cohorts)
        }
    }

    @Test(
        "create, read, list, update and delete keep the definition; every change bumps the version",
        arguments: Engine.available)
    func lifecycle(_ engine: Engine) async throws {
        try await withCohortStore(engine) { store in
            let draft = CohortDraft(
                name: "Busy tenants", description: "3+ tickets", definition: .behavioural(Self.criteria))
            let created = try await store.create(draft, project: "phc_a", at: Self.start)
            #expect(created.id > 0 && created.version == 1 && created.definition == .behavioural(Self.criteria))
            #expect(created.name == "Busy tenants" && created.description == "3+ tickets")
            #expect(created.createdAt == Self.start && created.staticCount == 0)
            #expect(try await store.cohort(id: created.id, project: "phc_a") == created)
            #expect(try await store.cohort(id: created.id, project: "phc_b") == nil)
            #expect(try await store.cohorts(project: "phc_b").isEmpty)
            let renamed = try await store.update(
                id: created.id, with: CohortDraft(name: "Quiet", definition: .staticList), project: "phc_a",
                at: Self.start.addingTimeInterval(60))
            #expect(renamed.version == 2 && renamed.isStatic && renamed.name == "Quiet")
            #expect(renamed.updatedAt == Self.start.addingTimeInterval(60) && renamed.createdAt == Self.start)
            #expect(try await store.cohorts(project: "phc_a") == [renamed])
            await #expect(throws: CohortStoreError.notFound(created.id)) {
                try await store.update(id: created.id, with: draft, project: "phc_b", at: Self.start)
            }
            #expect(try await store.delete(id: created.id, project: "phc_b") == false)
            #expect(try await store.delete(id: created.id, project: "phc_a"))
            #expect(try await store.cohort(id: created.id, project: "phc_a") == nil)
            #expect(try await store.delete(id: created.id, project: "phc_a") == false)
        }
    }

    @Test(
        "static members: uploads add each id once, page in order, and answer membership",
        arguments: Engine.available)
    func staticMembers(_ engine: Engine) async throws {
        try await withCohortStore(engine) { store in
            let cohort = try await store.create(
                CohortDraft(name: "Pilot", definition: .staticList), project: "phc_a", at: Self.start)
            let other = try await store.create(
                CohortDraft(name: "Other", definition: .staticList), project: "phc_a", at: Self.start)
            let first = try await store.addMembers(["t3", "t1", "t2"], to: cohort.id, project: "phc_a", at: Self.start)
            #expect(first.staticCount == 3 && first.version == 2)
            let second = try await store.addMembers(["t2", "t4"], to: cohort.id, project: "phc_a", at: Self.start)
            #expect(second.staticCount == 4 && second.version == 3)
            #expect(
                try await store.members(of: cohort.id, project: "phc_a", offset: 0, limit: 10) == [
                    "t1", "t2", "t3", "t4",
                ])
            #expect(try await store.members(of: cohort.id, project: "phc_a", offset: 1, limit: 2) == ["t2", "t3"])
            #expect(try await store.members(of: cohort.id, project: "phc_b", offset: 0, limit: 10).isEmpty)
            _ = try await store.addMembers(["t2"], to: other.id, project: "phc_a", at: Self.start)
            #expect(
                try await store.staticCohorts(containing: "t2", among: [cohort.id, other.id], project: "phc_a")
                    == [cohort.id, other.id])
            #expect(try await store.staticCohorts(containing: "t4", among: [other.id], project: "phc_a").isEmpty)
            #expect(try await store.staticCohorts(containing: "t2", among: [cohort.id], project: "phc_b").isEmpty)
            // Turning it behavioural drops the list; a behavioural cohort takes no upload.
            let changed = try await store.update(
                id: cohort.id, with: CohortDraft(name: "Pilot", definition: .behavioural(Self.criteria)),
                project: "phc_a", at: Self.start)
            #expect(changed.staticCount == 0)
            #expect(try await store.members(of: cohort.id, project: "phc_a", offset: 0, limit: 10).isEmpty)
            await #expect(throws: CohortStoreError.notStatic(cohort.id)) {
                try await store.addMembers(["t9"], to: cohort.id, project: "phc_a", at: Self.start)
            }
            await #expect(throws: CohortStoreError.notFound(999_999)) {
                try await store.addMembers(["t9"], to: 999_999, project: "phc_a", at: Self.start)
            }
            // Deleting a cohort deletes its members.
            #expect(try await store.delete(id: other.id, project: "phc_a"))
            #expect(try await store.members(of: other.id, project: "phc_a", offset: 0, limit: 10).isEmpty)
        }
    }
}
