import Foundation
import Logging
import ServiceLifecycle
import Testing
import UsageCollector

@testable import UsageAnalytics

/// The SDK's flag client against the real collector over loopback: local evaluation from polled
/// definitions with `ETag`, the remote fallback, and the safe default when nothing answers.
@Suite("Feature flag client to collector", .timeLimit(.minutes(2)))
struct FeatureFlagClientTests {
    static let projectKey = "phc_flags_end_to_end"
    static let logger = Logger(label: "flags") { _ in SwiftLogNoOpLogHandler() }

    /// Runs a collector on a free port with `flags` stored, until `body` returns.
    func withCollector(
        flags: [FeatureFlag], _ body: @Sendable (_ url: String, _ store: any FlagStore) async throws -> Void
    ) async throws {
        let directory = NSTemporaryDirectory() + "flags-end-to-end-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let collector = try Collector.open(
            configuration: CollectorConfiguration(port: 0, dataDirectory: directory, projectKeys: [Self.projectKey]),
            logger: Self.logger)
        let store = try #require(collector.flags)
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = collector.buildApplication(onServerRunning: { port in portContinuation.yield(port) })
        let group = ServiceGroup(configuration: .init(services: [app], logger: Self.logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            let port = await iterator.next() ?? 0
            for flag in flags { _ = try await store.apply(.create(flag, at: Date()), project: Self.projectKey) }
            try await body("http://127.0.0.1:\(port)", store)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    /// A request timeout far above any healthy answer: under a full parallel test run on two cores a loopback
    /// request has taken over 3 s (the default), and these tests are about the answers, not the deadline.
    static let patientTimeout: Duration = .seconds(60)

    static let proOnly = FeatureFlag(
        id: 0, key: "ticket-ordering",
        conditions: [FlagCondition(properties: [PropertyFilter(key: "plan", value: "pro")])],
        variants: [
            FlagVariant(key: "oldest-first", rolloutPercentage: 50),
            FlagVariant(key: "newest-first", rolloutPercentage: 50),
        ])

    @Test("definitions load, a second poll is 304, an edit reloads, and local answers match the collector's")
    func localEvaluationWithETag() async throws {
        try await withCollector(flags: [Self.proOnly]) { url, store in
            let client = FeatureFlagClient(
                host: url, apiKey: Self.projectKey, timeout: Self.patientTimeout, logger: Self.logger)
            #expect(await client.refresh() == .updated)
            #expect(await client.refresh() == .notModified)
            let local = await client.evaluate("ticket-ordering", distinctID: "tenant-9", properties: ["plan": "pro"])
            let expected = FlagBucketing.variant(of: Self.proOnly, bucketingValue: "tenant-9")
            #expect(local?.variant == expected && expected != nil)
            var edited = try #require(try await store.flags(project: Self.projectKey, includeArchived: false).first)
                .flag
            edited.active = false
            _ = try await store.apply(.edit(edited, at: Date()), project: Self.projectKey)
            #expect(await client.refresh() == .updated)
            let off = await client.evaluate("ticket-ordering", distinctID: "tenant-9", properties: ["plan": "pro"])
            #expect(off?.isEnabled == false)
        }
    }

    @Test("when a property is missing locally the collector decides, through POST /flags?v=2")
    func remoteFallback() async throws {
        try await withCollector(flags: [Self.proOnly]) { url, _ in
            let client = FeatureFlagClient(
                host: url, apiKey: Self.projectKey, timeout: Self.patientTimeout, logger: Self.logger)
            #expect(await client.refresh() == .updated)
            let answer = await client.evaluate("ticket-ordering", distinctID: "tenant-9")
            #expect(answer?.isEnabled == false)
            #expect(answer?.reason.code == .noConditionMatch)
            let unknown = await client.evaluate("no-such-flag", distinctID: "tenant-9", properties: ["plan": "pro"])
            #expect(unknown == nil)
        }
    }

    static let perTenant = FeatureFlag(
        id: 0, key: "tenant-ordering",
        conditions: [FlagCondition(properties: [PropertyFilter(key: "seats", operator: .greaterThan, value: 5)])],
        variants: [
            FlagVariant(key: "control", rolloutPercentage: 50), FlagVariant(key: "test", rolloutPercentage: 50),
        ],
        aggregationGroupTypeIndex: FlagGroupType.tenantIndex)

    @Test("a tenant flag answers the same locally (polled definitions) and remotely (POST /flags) for every tenant")
    func groupFlagLocalEqualsRemote() async throws {
        try await withCollector(flags: [Self.perTenant]) { url, _ in
            let local = FeatureFlagClient(
                host: url, apiKey: Self.projectKey, timeout: Self.patientTimeout, logger: Self.logger)
            let remote = FeatureFlagClient(
                host: url, apiKey: Self.projectKey, timeout: Self.patientTimeout, logger: Self.logger)
            #expect(await local.refresh() == .updated)
            var variants: Set<String> = []
            for index in 0..<30 {
                for seats in [3, 12] {
                    let subject = FlagSubject(
                        distinctID: "u_\(index)", groups: [FlagGroupType.tenant: "tenant-\(index)"],
                        groupProperties: [FlagGroupType.tenant: ["seats": .int(seats)]])
                    let resolved = await local.resolve("tenant-ordering", subject: subject)
                    let here = resolved?.evaluation
                    let there = await remote.evaluate("tenant-ordering", for: subject)
                    #expect(resolved?.isLocal == true)
                    #expect(here?.value == there?.value && here != nil, "tenant-\(index), \(seats) seats")
                    #expect(here?.isEnabled == (seats > 5))
                    if let variant = here?.variant { variants.insert(variant) }
                }
            }
            #expect(variants == ["control", "test"])
            // Without the tenant group the collector says so; the local client asks it rather than guessing.
            let noGroup = await local.evaluate("tenant-ordering", for: FlagSubject(distinctID: "u_1"))
            #expect(noGroup?.isEnabled == false && noGroup?.reason.code == .noGroupType)
        }
    }

    @Test("an unreachable collector gives nil (the caller's default) once the bounded timeout passes")
    func unreachable() async throws {
        let client = FeatureFlagClient(
            host: "http://127.0.0.1:1", apiKey: Self.projectKey, timeout: .seconds(2), logger: Self.logger)
        #expect(await client.refresh() == .failed)
        #expect(await client.evaluate("ticket-ordering", distinctID: "t", properties: ["plan": "pro"]) == nil)
    }
}
