import Foundation

/// PostHog's experiment JSON, as the admin API takes and returns it and as the stores keep it:
///
/// ```json
/// {"id": 1, "name": "Newest tickets first", "description": "", "feature_flag_key": "ticket-ordering",
///  "start_date": "2026-11-01T00:00:00Z", "end_date": null,
///  "metrics": [ExperimentMetric], "metrics_secondary": [ExperimentMetric],
///  "parameters": {"minimum_sample_size": 100}, "archived": false, "status": "running",
///  "created_at": "…", "updated_at": "…"}
/// ```
///
/// Keys this collector does not use (PostHog sends many, such as `filters` or `type`) are read past.
extension Experiment {
    /// Parses a creation body (or a stored definition); dates are ISO 8601, `null` or absent.
    init(json: JSONValue, now: Int64) throws(ExperimentDefinitionError) {
        let object: QueryObject
        do {
            object = try QueryObject(json, path: "")
        } catch {
            throw ExperimentDefinitionError("body", "expected a JSON object")
        }
        self.id =
            try Self.read { () throws(InsightQueryError) in try object.integer("id", in: 0...Int(Int32.max)) } ?? 0
        self.name = try Self.text(object, "name", required: true, limit: Self.maximumNameLength)
        self.description = try Self.text(object, "description", required: false, limit: Self.maximumDescriptionLength)
        self.featureFlagKey = try Self.text(object, "feature_flag_key", required: true, limit: 400)
        self.startDate = try Self.date(object, "start_date")
        self.endDate = try Self.date(object, "end_date")
        self.metrics = try Self.metrics(object, "metrics", maximum: 1)
        guard self.metrics.count == 1 else {
            throw ExperimentDefinitionError("metrics", "exactly one primary metric is required")
        }
        self.secondaryMetrics = try Self.metrics(object, "metrics_secondary", maximum: Self.maximumSecondaryMetrics)
        let parameters = try Self.read { () throws(InsightQueryError) in try object.object("parameters") }
        self.minimumSampleSize =
            try Self.read { () throws(InsightQueryError) in
                try parameters?.integer("minimum_sample_size", in: 1...10_000_000)
            } ?? Self.defaultMinimumSampleSize
        self.archived = try Self.read { () throws(InsightQueryError) in try object.bool("archived") } ?? false
        self.createdAt = try Self.date(object, "created_at") ?? now
        self.updatedAt = try Self.date(object, "updated_at") ?? now
        try self.checkDates()
    }

    /// Refuses an end without a start or before it.
    func checkDates() throws(ExperimentDefinitionError) {
        if let end = self.endDate {
            guard let start = self.startDate else {
                throw ExperimentDefinitionError("end_date", "an experiment needs a start_date before an end_date")
            }
            guard end > start else { throw ExperimentDefinitionError("end_date", "must be after start_date") }
        }
    }

    /// The experiment as the API returns it (and the stores keep it).
    var json: JSONValue {
        func date(_ micros: Int64?) -> JSONValue { micros.map { .string(ISO8601Timestamp.format($0)) } ?? .null }
        return .object([
            "id": .int(self.id), "name": .string(self.name), "description": .string(self.description),
            "feature_flag_key": .string(self.featureFlagKey), "start_date": date(self.startDate),
            "end_date": date(self.endDate), "metrics": .array(self.metrics.map(\.json)),
            "metrics_secondary": .array(self.secondaryMetrics.map(\.json)),
            "parameters": .object(["minimum_sample_size": .int(self.minimumSampleSize)]),
            "archived": .bool(self.archived), "status": .string(self.status.rawValue),
            "created_at": date(self.createdAt), "updated_at": date(self.updatedAt),
        ])
    }

    static func read<Value>(_ body: () throws(InsightQueryError) -> Value) throws(ExperimentDefinitionError) -> Value {
        do {
            return try body()
        } catch {
            throw ExperimentDefinitionError(error)
        }
    }

    static func text(_ object: QueryObject, _ key: String, required: Bool, limit: Int)
        throws(ExperimentDefinitionError) -> String
    {
        let value = try Self.read { () throws(InsightQueryError) in try object.string(key) } ?? ""
        if required && value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ExperimentDefinitionError(key, "required")
        }
        guard value.count <= limit else { throw ExperimentDefinitionError(key, "longer than \(limit) characters") }
        return value
    }

    static func date(_ object: QueryObject, _ key: String) throws(ExperimentDefinitionError) -> Int64? {
        guard let text = try Self.read({ () throws(InsightQueryError) in try object.string(key) }) else { return nil }
        guard text.utf8.count <= 64, let micros = ISO8601Timestamp.parse(text) else {
            throw ExperimentDefinitionError(key, "expected an ISO 8601 date and time")
        }
        return micros
    }

    static func metrics(_ object: QueryObject, _ key: String, maximum: Int) throws(ExperimentDefinitionError)
        -> [ExperimentMetric]
    {
        let items: [JSONValue]
        do {
            items = try object.array(key, maxCount: maximum) ?? []
        } catch {
            throw ExperimentDefinitionError(key, maximum == 1 ? "exactly one primary metric is required" : error.detail)
        }
        return try items.enumerated().map { index, item throws(ExperimentDefinitionError) in
            try ExperimentMetric(json: item, path: "\(key).\(index)")
        }
    }
}
