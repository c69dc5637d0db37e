import Foundation
import Logging
import UsageAnalytics
import UsageAnalyticsTesting

/// Times `capture` of a typed `TicketCreated` for a hosted, anonymized actor.
///
/// The figure is the median, over chunks of 1,000 calls, of the caller's cost per call: what a
/// request handler pays. Between chunks (outside the timing) the buffer is drained, so memory
/// stays flat. A second figure times the background work per event (identity HMAC, policy,
/// encoding) so the whole cost is visible too.
struct CaptureBenchmark {
    var calls = 2_000_000
    let chunk = 1_000

    init(arguments: [String]) {
        calls = BenchmarkArguments(arguments: arguments).integer("--calls", minimum: chunk) ?? calls
    }

    func run() async {
        var configuration = AnalyticsConfiguration()
        configuration.deploymentType = .hosted
        configuration.anonymizeUserIDs = true
        configuration.environment = .test
        configuration.bufferCapacity = chunk * 2
        configuration.flushAt = chunk * 4
        let recorder = RecordingDestination()
        let analytics: AnalyticsClient
        do {
            analytics = try AnalyticsClient(
                configuration: configuration, installationStore: EphemeralInstallationStore(),
                destinations: [recorder], logger: Logger(label: "bench"), noticeOutput: NoticeOutput { _ in },
                delivery: .memoryOnly)
        } catch {
            print("cannot start the client: \(error)")
            exit(1)
        }
        let actor = AnalyticsActor(tenant: "tenant-4711", user: "user-42", userType: .internal)
        let event = TicketCreated(
            ticketType: .manual, priority: .high, hasDescription: true, hasCategory: true, hasSubcategory: false,
            isAssigned: true, hasAsset: false, createdVia: .webApp)

        // Warm-up: fill caches and the buffer's storage.
        for _ in 0..<(chunk * 50) { analytics.capture(event, actor: actor) }
        await analytics.flush()
        recorder.reset()

        var perCall: [Double] = []
        perCall.reserveCapacity(calls / chunk)
        let clock = ContinuousClock()
        for _ in 0..<(calls / chunk) {
            let start = clock.now
            for _ in 0..<chunk { analytics.capture(event, actor: actor) }
            let elapsed = clock.now - start
            perCall.append(Double(elapsed.nanoseconds) / Double(chunk))
            await analytics.flush()
            recorder.reset()
        }
        perCall.sort()
        let median = perCall[perCall.count / 2]
        let p99 = perCall[perCall.count * 99 / 100]

        // Background cost: drain and encode the same event, delivered to an in-memory recorder.
        let encodeCalls = 200_000
        var encodeTotal = Duration.zero
        for _ in 0..<(encodeCalls / chunk) {
            for _ in 0..<chunk { analytics.capture(event, actor: actor) }
            let start = clock.now
            await analytics.flush()
            encodeTotal += clock.now - start
            recorder.reset()
        }
        let encodePerEvent = Double(encodeTotal.nanoseconds) / Double(encodeCalls)

        print("capture TicketCreated (hosted, anonymized): \(calls) calls in chunks of \(chunk)")
        print(String(format: "caller cost: median %.1f ns/call, p99 chunk %.1f ns/call", median, p99))
        print(String(format: "background cost (HMAC, policy, encoding): %.1f ns/event", encodePerEvent))
        print(String(format: "ns_per_event=%.1f", median))
    }
}

extension Duration {
    var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
