import Foundation

/// Durable cohorts per project: definitions and the member lists of static cohorts. Two engines conform,
/// ``SQLiteCohortStore`` and ``PostgresCohortStore``, checked by one conformance suite.
///
/// Cohorts live in their own tables (`cohorts`, `cohort_members`), created by ``migrateCohorts()`` after
/// the event store's own migration.
public protocol CohortStore: Sendable {
    /// Creates the cohort tables if they are missing; safe to call on every start.
    func migrateCohorts() async throws
    /// The project's cohorts, oldest first.
    func cohorts(project: String) async throws -> [Cohort]
    /// One cohort of the project, or nil.
    func cohort(id: Int, project: String) async throws -> Cohort?
    /// Stores a new cohort (version 1, no members).
    func create(_ draft: CohortDraft, project: String, at: Date) async throws -> Cohort
    /// Replaces a cohort's name, description and definition; version + 1. A cohort that becomes behavioural
    /// loses its stored members.
    /// - Throws: ``CohortStoreError/notFound(_:)``.
    func update(id: Int, with draft: CohortDraft, project: String, at: Date) async throws -> Cohort
    /// Deletes a cohort and its members; false when the project has no such cohort.
    func delete(id: Int, project: String) async throws -> Bool
    /// Adds distinct ids to a static cohort in one transaction (ids already there are kept once); version + 1.
    /// - Throws: ``CohortStoreError`` when the cohort is missing or behavioural.
    func addMembers(_ distinctIDs: [String], to id: Int, project: String, at: Date) async throws -> Cohort
    /// A page of a static cohort's members in ascending order, after `offset` of them.
    func members(of id: Int, project: String, offset: Int, limit: Int) async throws -> [String]
    /// Which of `ids` (static cohorts of the project) list `distinctID`.
    func staticCohorts(containing distinctID: String, among ids: [Int], project: String) async throws -> Set<Int>
}

/// Why a cohort change was refused.
public enum CohortStoreError: Error, Sendable, Hashable {
    /// The project has no cohort with this id.
    case notFound(Int)
    /// Members can only be uploaded to a static cohort.
    case notStatic(Int)
}
