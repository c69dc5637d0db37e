import Foundation
import Synchronization

/// Resolves cohorts to members for insight queries, the members listing and flag evaluation.
///
/// Memberships are computed by the insights engine from its columns and kept per cohort until the cohort
/// changes (its version), the project's events change (the columns' generation: any append or deletion), or,
/// for behavioural cohorts, ``staleAfter`` passes on the injected clock, since "the last D days" slides with
/// time. Recomputing on read rather than counting incrementally keeps one exact definition: a full pass over
/// the window's chunks, which the benchmark measures, against per-person expiry bookkeeping on every insert.
final class CohortMemberships: Sendable {
    /// The most members of a static cohort read into a membership.
    static let maxStaticMembers = 1_000_000

    let store: any CohortStore
    let engine: InsightsEngine
    /// How long a behavioural membership is reused while the events stay the same (microseconds).
    let staleAfter: Int64
    let now: @Sendable () -> Date

    private struct Key: Hashable {
        var project: String
        var cohort: Int
    }

    private struct Entry {
        var version: Int
        var generation: Int
        var computedAt: Int64
        var mask: PersonMask
        /// A static cohort's listed ids, reused while its version stays (new events only change the mask).
        var listed: [String]?
    }

    private let cache = Mutex<[Key: Entry]>([:])

    init(
        store: any CohortStore, engine: InsightsEngine, staleAfter: Duration = .seconds(60),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.engine = engine
        self.staleAfter = staleAfter.components.seconds * 1_000_000
        self.now = now
    }

    /// The current moment of the injected clock, in microseconds since the epoch.
    var nowMicros: Int64 { Int64((self.now().timeIntervalSince1970 * 1_000_000).rounded()) }

    /// The members of each of `ids` over `columns` as of `now`, with the cohorts' names.
    /// - Throws: ``InsightQueryError`` naming a cohort the project does not have.
    func masks(for ids: Set<Int>, project: String, columns: ProjectColumns, now: Int64) async throws -> CohortMasks {
        var masks = CohortMasks()
        for id in ids.sorted() {
            guard let cohort = try await self.store.cohort(id: id, project: project) else {
                throw InsightQueryError("query", "cohort \(id) is not a cohort of this project")
            }
            masks.names[id] = cohort.name
            masks.masks[id] = try await self.mask(of: cohort, project: project, columns: columns, now: now)
        }
        return masks
    }

    /// The members of `cohort`, from the cache when still valid.
    func mask(of cohort: Cohort, project: String, columns: ProjectColumns, now: Int64) async throws -> PersonMask {
        let key = Key(project: project, cohort: cohort.id)
        let cached = self.cache.withLock { $0[key] }
        if let cached, cached.version == cohort.version, cached.generation == columns.generation,
            cohort.isStatic || (now >= cached.computedAt && now - cached.computedAt < self.staleAfter)
        {
            return cached.mask
        }
        let mask: PersonMask
        var listed: [String]?
        switch cohort.definition {
        case .staticList:
            if let cached, cached.version == cohort.version, let members = cached.listed {
                listed = members
            } else {
                listed = try await self.store.members(
                    of: cohort.id, project: project, offset: 0, limit: Self.maxStaticMembers)
            }
            mask = CohortMembership.members(ofStatic: listed ?? [], columns: columns)
        case .behavioural(let criteria):
            mask = CohortMembership.members(of: criteria, columns: columns, now: now)
        }
        self.cache.withLock {
            $0[key] = Entry(
                version: cohort.version, generation: columns.generation, computedAt: now, mask: mask, listed: listed)
        }
        return mask
    }

    /// Which of `ids` list `distinctID` as a member now, for flag conditions; unknown cohorts list nobody.
    /// - Throws: ``InsightsEngine/NotReady`` while the engine rebuilds and a behavioural cohort is asked for.
    func cohorts(containing distinctID: String, among ids: Set<Int>, project: String) async throws -> Set<Int> {
        var found: Set<Int> = []
        var behavioural: [Cohort] = []
        var staticIDs: [Int] = []
        for id in ids.sorted() {
            guard let cohort = try await self.store.cohort(id: id, project: project) else { continue }
            if cohort.isStatic { staticIDs.append(id) } else { behavioural.append(cohort) }
        }
        found.formUnion(try await self.store.staticCohorts(containing: distinctID, among: staticIDs, project: project))
        guard !behavioural.isEmpty else { return found }
        let columns = try self.engine.snapshot(project: project)
        guard let person = columns.persons.existingID(distinctID) else { return found }
        for cohort in behavioural {
            let mask = try await self.mask(of: cohort, project: project, columns: columns, now: self.nowMicros)
            if mask.contains(person) { found.insert(cohort.id) }
        }
        return found
    }

    /// A behavioural cohort's members as distinct ids in ascending order (static members are read from the store).
    func behaviouralMembers(of cohort: Cohort, project: String) async throws -> [String] {
        let columns = try self.engine.snapshot(project: project)
        let mask = try await self.mask(of: cohort, project: project, columns: columns, now: self.nowMicros)
        return mask.members.map { columns.persons[$0] }.sorted()
    }

    /// How many members `cohort` has now.
    func count(of cohort: Cohort, project: String) async throws -> Int {
        if cohort.isStatic { return cohort.staticCount }
        let columns = try self.engine.snapshot(project: project)
        return try await self.mask(of: cohort, project: project, columns: columns, now: self.nowMicros).count
    }

    /// Forgets a deleted or changed cohort's membership at once (the version check would too, on next use).
    func forget(_ id: Int, project: String) {
        _ = self.cache.withLock { $0.removeValue(forKey: Key(project: project, cohort: id)) }
    }
}
