import Foundation
import UsageAnalytics

/// A change to a project's flags, and the pure rule for applying it to what is stored.
public enum FlagChange: Sendable, Hashable {
    /// A new flag; its id and version are assigned by the store.
    case create(FeatureFlag, at: Date)
    /// A new definition for the flag with the same id; the version goes up by one.
    case edit(FeatureFlag, at: Date)
    /// Archives the flag with this id.
    case archive(id: Int, at: Date)

    /// The id of the flag the change is about, `nil` for a creation.
    var flagID: Int? {
        switch self {
        case .create: nil
        case .edit(let flag, _): flag.id
        case .archive(let id, _): id
        }
    }

    /// The key a creation or edit wants, which must not belong to another flag of the project.
    var requestedKey: String? {
        switch self {
        case .create(let flag, _), .edit(let flag, _): flag.key
        case .archive: nil
        }
    }

    /// The stored flag after the change, given the current one (`nil` for a creation) and a new id.
    func applied(to current: StoredFlag?, newID: Int) throws(FlagStoreError) -> (StoredFlag, FlagRevision) {
        let stored: StoredFlag
        let action: FlagRevision.Action
        let date: Date
        switch self {
        case .create(var flag, let at):
            flag.id = newID
            flag.version = 1
            (stored, action, date) = (StoredFlag(flag: flag, archived: false, updatedAt: at), .created, at)
        case .edit(var flag, let at):
            guard let current else { throw .notFound(flag.id) }
            guard !current.archived else { throw .archived(flag.id) }
            flag.version = current.flag.version + 1
            (stored, action, date) = (StoredFlag(flag: flag, archived: false, updatedAt: at), .edited, at)
        case .archive(let id, let at):
            guard let current else { throw .notFound(id) }
            guard !current.archived else { throw .archived(id) }
            var flag = current.flag
            flag.version += 1
            flag.active = false
            (stored, action, date) = (StoredFlag(flag: flag, archived: true, updatedAt: at), .archived, at)
        }
        return (stored, FlagRevision(version: stored.flag.version, action: action, flag: stored.flag, changedAt: date))
    }
}
