import Crypto
import Foundation
import Hummingbird
import UsageAnalytics

/// PostHog's flag endpoints for SDKs: evaluation (`POST /flags?v=2`) and the
/// local-evaluation definitions (`GET /api/feature_flag/local_evaluation?token=`, `/flags/definitions?token=`),
/// the latter with an `ETag` so pollers get `304 Not Modified` while nothing changed.
///
/// Group flags (`aggregation_group_type_index` 0) are evaluated on the request's `groups.tenant` key, and the
/// definitions carry `group_type_mapping` `{"0": "tenant"}`. `store` is meant to be a ``CachedFlagStore``, so a
/// request reads the definitions from memory rather than from the database.
struct FlagsController: Sendable {
    let store: any FlagStore
    let projectKeys: ProjectKeys
    let now: @Sendable () -> Date
    /// Decides cohort conditions; without it (or when it fails) flags with cohort conditions are left out.
    var cohorts: CohortMemberships? = nil

    func addRoutes(to router: Router<some RequestContext>) {
        // The router ignores a trailing slash, so `/flags` also serves posthog-python's `/flags/?v=2`.
        router.post("/flags") { request, _ in await self.evaluate(request) }
        for path in ["/api/feature_flag/local_evaluation", "/flags/definitions"] {
            router.get(RouterPath(path)) { request, _ in await self.definitions(request) }
        }
    }

    /// Evaluates the project's active flags for the distinct id and properties in the body.
    func evaluate(_ request: Request) async -> Response {
        let parsed: FlagEvaluationRequest
        do {
            let body = try await request.body.collect(upTo: FlagEvaluationRequest.maximumBodyBytes + 1)
            parsed = try FlagEvaluationRequest(body: Array(buffer: body))
        } catch let error as IngestError {
            return JSONResponses.error(error)
        } catch {
            return JSONResponses.error(.requestTooLarge(limit: FlagEvaluationRequest.maximumBodyBytes))
        }
        guard let project = self.projectKeys.match(parsed.apiKey) else { return JSONResponses.error(.invalidAPIKey) }
        let stored: [StoredFlag]
        do {
            stored = try await self.store.flags(project: project, includeArchived: false)
        } catch {
            return FlagResponses.storageUnavailable()
        }
        let evaluator = FlagEvaluator(mode: .server)
        let instant = self.now()
        let subject = FlagSubject(
            distinctID: parsed.distinctID, personProperties: parsed.personProperties, groups: parsed.groups,
            groupProperties: parsed.groupProperties)
        let wanted = stored.map(\.flag).filter { $0.active && (parsed.flagKeys?.contains($0.key) ?? true) }
        let memberships = await self.memberships(of: parsed.distinctID, in: wanted, project: project)
        var evaluations: [(FeatureFlag, FlagEvaluation)] = []
        for flag in wanted {
            // The server mode always decides: a missing property is a non-match, never inconclusive.
            if let evaluation = evaluator.evaluate(
                flag, for: subject, groupTypeMapping: FlagGroupType.collectorMapping, now: instant,
                cohorts: memberships)
            {
                evaluations.append((flag, evaluation))
            }
        }
        let version = request.uri.queryParameters["v"].flatMap { Int($0) } ?? 1
        return FlagResponses.json(.ok, Self.body(evaluations, version: version))
    }

    /// The cohorts among those `flags` refer to that `distinctID` belongs to; nil when they cannot be known.
    private func memberships(of distinctID: String, in flags: [FeatureFlag], project: String) async -> Set<Int>? {
        let ids = flags.reduce(into: Set<Int>()) { $0.formUnion($1.cohortIDs) }
        guard !ids.isEmpty else { return [] }
        return try? await self.cohorts?.cohorts(containing: distinctID, among: ids, project: project)
    }

    /// `v=2`: `{"flags": {key: …}, "errorsWhileComputingFlags", "requestId"}`; before that PostHog's
    /// `{"featureFlags": {key: value}, "featureFlagPayloads": {key: payload}, "errorsWhileComputingFlags"}`.
    static func body(_ evaluations: [(FeatureFlag, FlagEvaluation)], version: Int) -> PropertyValue {
        guard version >= 2 else {
            return [
                "featureFlags": .object(
                    Dictionary(uniqueKeysWithValues: evaluations.map { ($0.0.key, $0.1.responseValue) })),
                "featureFlagPayloads": .object(
                    Dictionary(
                        uniqueKeysWithValues: evaluations.compactMap { flag, evaluation in
                            evaluation.payload.map { (flag.key, $0) }
                        })),
                "errorsWhileComputingFlags": false,
            ]
        }
        return [
            "flags": .object(
                Dictionary(uniqueKeysWithValues: evaluations.map { ($0.0.key, FlagResponses.v2($0.1, of: $0.0)) })),
            "errorsWhileComputingFlags": false,
            "requestId": .string(UUID().uuidString.lowercased()),
        ]
    }

    /// The project's active flags in PostHog's local-evaluation shape, with a content `ETag`.
    func definitions(_ request: Request) async -> Response {
        guard let token = request.uri.queryParameters["token"].map(String.init), !token.isEmpty else {
            return JSONResponses.error(.missingAPIKey)
        }
        guard let project = self.projectKeys.match(token) else { return JSONResponses.error(.invalidAPIKey) }
        let stored: [StoredFlag]
        do {
            stored = try await self.store.flags(project: project, includeArchived: false)
        } catch {
            return FlagResponses.storageUnavailable()
        }
        let definitions = FlagDefinitions(flags: stored.map(\.flag), groupTypeMapping: FlagGroupType.collectorMapping)
        let body = definitions.json.jsonBytes()
        let digest = SHA256.hash(data: body).prefix(16).map { String(format: "%02x", $0) }.joined()
        let etag = "\"\(digest)\""
        if let ifNoneMatch = request.headers[.ifNoneMatch], Self.matches(ifNoneMatch, etag: etag) {
            return Response(status: .notModified, headers: [.eTag: etag])
        }
        return JSONResponses.json(
            status: .ok, String(decoding: body, as: UTF8.self), headers: [.eTag: etag, .cacheControl: "no-cache"])
    }

    /// Whether an `If-None-Match` list names `etag` (weak or strong, or `*`).
    static func matches(_ header: String, etag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let trimmed = candidate.trimmingCharacters(in: .whitespaces)
            return trimmed == "*" || trimmed == etag || trimmed == "W/" + etag
        }
    }
}
