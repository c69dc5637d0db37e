import Foundation
import UsageAnalytics

/// Experiments of the projects, with the rules every change follows, shared by the admin API and the dashboard:
/// the flag must exist and be multivariate with a `control` variant; metrics, flag and parameters change only
/// while the experiment is a draft; deleting archives.
struct ExperimentCatalog: Sendable {
    /// Members a change may carry; others (`id`, `status`, dates of record) are read past.
    static let editableWhileDraft: Set<String> = ["feature_flag_key", "metrics", "metrics_secondary", "parameters"]
    static let editableAlways: Set<String> = ["name", "description", "start_date", "end_date"]

    let store: any ExperimentStore
    let flags: any FlagStore
    let engine: InsightsEngine

    func list(project: String, includeArchived: Bool) async throws -> [Experiment] {
        try await self.store.experiments(project: project, includeArchived: includeArchived)
    }

    func experiment(id: Int, project: String) async throws -> Experiment {
        guard let experiment = try await self.store.experiment(id: id, project: project) else {
            throw ExperimentStoreError.notFound(id)
        }
        return experiment
    }

    func create(_ json: JSONValue, project: String, now: Int64) async throws -> Experiment {
        guard case .object(var members) = json else {
            throw ExperimentDefinitionError("body", "expected a JSON object")
        }
        for key in ["id", "archived", "created_at", "updated_at"] { members[key] = nil }
        let experiment = try Experiment(json: .object(members), now: now)
        try ExperimentRunner.check(
            flag: try await self.flag(experiment.featureFlagKey, project: project), key: experiment.featureFlagKey)
        return try await self.store.create(experiment, project: project)
    }

    /// Applies a PATCH body: the members it names replace the stored ones.
    func update(id: Int, changes json: JSONValue, project: String, now: Int64) async throws -> Experiment {
        let current = try await self.experiment(id: id, project: project)
        guard !current.archived else { throw ExperimentDefinitionError("archived", "the experiment is archived") }
        guard case .object(let changes) = json, case .object(var members) = current.json else {
            throw ExperimentDefinitionError("body", "expected a JSON object")
        }
        for key in changes.keys.sorted() where Self.editableWhileDraft.contains(key) {
            guard current.status == .draft else {
                throw ExperimentDefinitionError(key, "can only change while the experiment is a draft (not launched)")
            }
        }
        for (key, value) in changes where Self.editableWhileDraft.contains(key) || Self.editableAlways.contains(key) {
            members[key] = value
        }
        var experiment = try Experiment(json: .object(members), now: now)
        experiment.id = current.id
        experiment.createdAt = current.createdAt
        experiment.updatedAt = now
        if experiment.featureFlagKey != current.featureFlagKey {
            try ExperimentRunner.check(
                flag: try await self.flag(experiment.featureFlagKey, project: project), key: experiment.featureFlagKey)
        }
        return try await self.store.update(experiment, project: project)
    }

    /// Launch: sets the start date (now unless given) of a draft.
    func launch(id: Int, project: String, now: Int64) async throws -> Experiment {
        try await self.update(
            id: id, changes: .object(["start_date": .string(ISO8601Timestamp.format(now))]), project: project,
            now: now)
    }

    /// Stop: sets the end date of a running experiment.
    func stop(id: Int, project: String, now: Int64) async throws -> Experiment {
        try await self.update(
            id: id, changes: .object(["end_date": .string(ISO8601Timestamp.format(now))]), project: project, now: now)
    }

    func archive(id: Int, project: String, now: Int64) async throws -> Experiment {
        var experiment = try await self.experiment(id: id, project: project)
        experiment.archived = true
        experiment.updatedAt = now
        return try await self.store.update(experiment, project: project)
    }

    func results(id: Int, project: String, now: Int64) async throws -> ExperimentResults {
        let experiment = try await self.experiment(id: id, project: project)
        let flag = try await self.flag(experiment.featureFlagKey, project: project)
        try ExperimentRunner.check(flag: flag, key: experiment.featureFlagKey)
        guard let flag else { throw ExperimentStoreError.notFound(id) }
        return try ExperimentRunner(engine: self.engine).results(
            of: experiment, flag: flag, unit: try ExperimentUnit(flagDefinition: flag.json), project: project, now: now)
    }

    /// The project's flag with `key`, archived ones included (an experiment outlives its flag's archival).
    func flag(_ key: String, project: String) async throws -> FeatureFlag? {
        try await self.flags.flags(project: project, includeArchived: true).first { $0.flag.key == key }?.flag
    }

    /// The project's multivariate flags with a control variant: those an experiment can use.
    func eligibleFlags(project: String) async throws -> [FeatureFlag] {
        try await self.flags.flags(project: project, includeArchived: false).map(\.flag).filter {
            $0.isMultivariate && $0.variants.contains { $0.key == "control" }
        }
    }
}
