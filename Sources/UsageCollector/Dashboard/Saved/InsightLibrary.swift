/// Saved insights and dashboards, kept in the collector's database beside the events. Two engines conform:
/// ``SQLiteInsightLibrary`` and ``PostgresInsightLibrary``, checked by one conformance suite.
protocol InsightLibrary: Sendable {
    /// Creates the tables when missing; safe to call on every start.
    func migrate() async throws
    /// Stores an insight and returns its id.
    func saveInsight(project: String, name: String, query: String) async throws -> Int64
    /// The project's insights, oldest first.
    func insights(project: String) async throws -> [SavedInsight]
    /// Stores a dashboard of insights (tiles in this order) and returns its id.
    func saveDashboard(project: String, name: String, insightIDs: [Int64]) async throws -> Int64
    /// The project's dashboards, oldest first.
    func dashboards(project: String) async throws -> [SavedDashboard]
    /// Renames the project's insight; false when the project has no insight `id`.
    func renameInsight(project: String, id: Int64, name: String) async throws -> Bool
    /// Deletes the project's insight and, in the same transaction, its tiles from every dashboard of the project
    /// (a dashboard keeps its other tiles; one left without tiles stays, saying so). False when there is no `id`.
    func deleteInsight(project: String, id: Int64) async throws -> Bool
    /// Renames the project's dashboard; false when the project has no dashboard `id`.
    func renameDashboard(project: String, id: Int64, name: String) async throws -> Bool
    /// Replaces the tiles of the project's dashboard (this order); false when the project has no dashboard `id`.
    func arrangeDashboard(project: String, id: Int64, insightIDs: [Int64]) async throws -> Bool
    /// Deletes the project's dashboard (its insights stay); false when the project has no dashboard `id`.
    func deleteDashboard(project: String, id: Int64) async throws -> Bool
}

/// An insight saved from the builder: a name and the query JSON it runs.
struct SavedInsight: Sendable, Equatable {
    let id: Int64
    let name: String
    let query: String
}

/// A dashboard: a name and its tiles, saved insights in order.
struct SavedDashboard: Sendable, Equatable {
    let id: Int64
    let name: String
    let insightIDs: [Int64]
}

/// Why something cannot be saved.
struct LibraryError: Error, Equatable, CustomStringConvertible {
    let description: String

    static let maximumNameLength = 200
    static let maximumTiles = 24

    /// Checks a name: not blank, at most 200 characters, no control characters.
    static func check(name: String) throws(LibraryError) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw LibraryError(description: "A name is needed.") }
        guard trimmed.count <= Self.maximumNameLength else {
            throw LibraryError(description: "A name has at most \(Self.maximumNameLength) characters.")
        }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw LibraryError(description: "A name cannot contain control characters.")
        }
        return trimmed
    }
}
