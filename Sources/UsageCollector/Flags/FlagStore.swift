import Foundation
import UsageAnalytics

/// Durable flag definitions per project, with every revision kept. Two engines conform,
/// ``SQLiteFlagStore`` and ``PostgresFlagStore``, checked by one conformance suite.
///
/// Flags live in their own tables (`feature_flags`, `feature_flag_revisions`), created by
/// ``migrateFlags()`` after the event store's own migration.
public protocol FlagStore: Sendable {
    /// Creates the flag tables if they are missing; safe to call on every start.
    func migrateFlags() async throws
    /// The project's flags, oldest first; archived ones only when asked.
    func flags(project: String, includeArchived: Bool) async throws -> [StoredFlag]
    /// Applies `change` to the flag it names (or creates one) in one transaction, recording a revision.
    /// - Throws: ``FlagStoreError`` when the key is taken, the flag is missing or archived.
    func apply(_ change: FlagChange, project: String) async throws -> StoredFlag
    /// Every revision of one flag, oldest first; empty when the project has no such flag.
    func revisions(flagID: Int, project: String) async throws -> [FlagRevision]
}

/// A flag as stored: its definition and whether it was archived.
public struct StoredFlag: Sendable, Hashable {
    /// The definition, with its assigned id and current version.
    public var flag: FeatureFlag
    /// Archived flags are kept with their history but no longer evaluated or served.
    public var archived: Bool
    /// When it last changed.
    public var updatedAt: Date
}

/// One recorded change of a flag.
public struct FlagRevision: Sendable, Hashable {
    /// What was done.
    public enum Action: String, Sendable, Hashable {
        case created, edited, archived
    }

    /// The flag's version after the change.
    public var version: Int
    /// What was done.
    public var action: Action
    /// The definition after the change.
    public var flag: FeatureFlag
    /// When.
    public var changedAt: Date
}

/// Why a flag change was refused.
public enum FlagStoreError: Error, Sendable, Hashable {
    /// Another flag of the project (perhaps archived) has the key.
    case keyTaken(String)
    /// The project has no flag with this id.
    case notFound(Int)
    /// The flag is archived and can no longer be edited.
    case archived(Int)
}
