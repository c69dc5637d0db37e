/// Durable experiment definitions per project. Two engines conform, ``SQLiteExperimentStore`` and
/// ``PostgresExperimentStore``, checked by one conformance suite. Each experiment is kept as its API JSON in
/// the `experiments` table, created by ``migrateExperiments()`` after the event store's own migration.
public protocol ExperimentStore: Sendable {
    /// Creates the table if it is missing; safe to call on every start.
    func migrateExperiments() async throws
    /// The project's experiments, oldest first; archived ones only when asked.
    func experiments(project: String, includeArchived: Bool) async throws -> [Experiment]
    /// One experiment of the project (archived or not), or `nil`.
    func experiment(id: Int, project: String) async throws -> Experiment?
    /// Stores a new experiment and returns it with its assigned id.
    func create(_ experiment: Experiment, project: String) async throws -> Experiment
    /// Replaces the stored experiment with the same id.
    /// - Throws: ``ExperimentStoreError/notFound(_:)`` when the project has none.
    func update(_ experiment: Experiment, project: String) async throws -> Experiment
}

/// Why a store refused a change.
public enum ExperimentStoreError: Error, Sendable, Equatable {
    /// The project has no experiment with this id.
    case notFound(Int)
    /// A stored definition no longer parses (written by a newer version, or edited by hand).
    case unreadable(id: Int, ExperimentDefinitionError)
}

extension Experiment {
    /// The stored text of a definition.
    var storedText: String { self.json.jsonText }

    /// A definition read back from its stored text.
    static func stored(_ text: String, id: Int) throws -> Experiment {
        guard let json = JSONValue.parse(Array(text.utf8)) else {
            throw ExperimentStoreError.unreadable(id: id, ExperimentDefinitionError("definition", "not JSON"))
        }
        do {
            var experiment = try Experiment(json: json, now: 0)
            experiment.id = id
            return experiment
        } catch {
            throw ExperimentStoreError.unreadable(id: id, error)
        }
    }
}
