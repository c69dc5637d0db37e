import Foundation

/// The identity of a stored event: its uuid is unique within its project.
struct ProjectUUID: Hashable, Sendable {
    let project: String
    let uuid: UUID
}
