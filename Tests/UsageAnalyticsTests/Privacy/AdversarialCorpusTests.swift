import Foundation
import Testing
import UsageAnalytics
import UsageAnalyticsTesting

/// Runs the ``AdversarialCorpus`` through the real pipeline in both deployment modes and counts,
/// per category, the cases whose personal data reached the wire and the controls that did not
/// survive unchanged.
@Suite("Adversarial corpus", .timeLimit(.minutes(5)))
struct AdversarialCorpusTests {
    typealias Corpus = AdversarialCorpus

    struct Tally: Sendable {
        var leakCases = 0
        var leaked = 0
        /// Leaks the corpus marks as documented limits of the sanitizer.
        var knownLimits = 0
        var controls = 0
        var overRedacted = 0
        var examples: [String] = []
    }

    static let actor = AnalyticsActor(tenant: "acme", user: "7")

    static func send(
        _ event: String, _ properties: [String: PropertyValue], deployment: DeploymentType
    ) async throws -> CapturedEvent? {
        var configuration = AnalyticsConfiguration()
        configuration.deploymentType = deployment
        configuration.flushAt = 1_000
        let recorder = RecordingDestination()
        let analytics = try AnalyticsClient.recording(into: recorder, configuration: configuration)
        analytics.capture(event: event, properties: properties, actor: actor)
        await analytics.flush()
        return try recorder.events.first
    }

    static func tally(deployment: DeploymentType) async throws -> [Corpus.Category: Tally] {
        let baseline = try #require(try await send("corpus_event", [:], deployment: deployment))
        var tallies: [Corpus.Category: Tally] = [:]
        for leak in Corpus.leaks {
            var tally = tallies[leak.category, default: Tally()]
            tally.leakCases += 1
            if let event = try await send(leak.event, leak.properties, deployment: deployment) {
                let sent = Self.searchableText(of: event)
                let found = leak.needles.filter { sent.contains(Self.normalized($0)) }
                if !found.isEmpty || event.distinctID != baseline.distinctID {
                    tally.leaked += 1
                    if leak.knownLimit != nil {
                        tally.knownLimits += 1
                    } else {
                        tally.examples.append("\(event.name) \(PrivacyFixtures.serialized(event.eventProperties))")
                    }
                }
            }
            tallies[leak.category] = tally
        }
        for control in Corpus.controls {
            var tally = tallies[control.category, default: Tally()]
            tally.controls += 1
            let expected = deployment == .hosted ? control.properties : control.properties.filter(Self.leavesOnPremise)
            let event = try await send("corpus_control", control.properties, deployment: deployment)
            let sent = event?.eventProperties ?? [:]
            if expected.contains(where: { sent[$0.key] != $0.value }) {
                tally.overRedacted += 1
                tally.examples.append(
                    "control \(PrivacyFixtures.serialized(control.properties)) -> "
                        + (event.map { PrivacyFixtures.serialized($0.eventProperties) } ?? "refused"))
            }
            tallies[control.category] = tally
        }
        return tallies
    }

    /// On-premise, a generic event keeps its bools and numbers (and lists of them) only.
    static func leavesOnPremise(_ property: (key: String, value: PropertyValue)) -> Bool {
        func scalar(_ value: PropertyValue) -> Bool {
            switch value {
            case .bool, .int, .double, .null: true
            default: false
            }
        }
        if case .array(let elements) = property.value { return elements.allSatisfy(scalar) }
        return scalar(property.value)
    }

    /// The event name and every key and value sent, normalised like the needles.
    static func searchableText(of event: CapturedEvent) -> String {
        normalized(event.name + " " + PrivacyFixtures.serialized(event.eventProperties))
    }

    /// NFKC, Unicode decimal digits as ASCII, lowercase, and nothing but letters and digits.
    static func normalized(_ text: String) -> String {
        var result = ""
        for scalar in text.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars {
            if scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue {
                result.append(String(Int(value)))
            } else if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func table(_ tallies: [DeploymentType: [Corpus.Category: Tally]]) -> String {
        var lines = [
            "| category | mode | leaked / cases (documented limits) | over-redacted / controls |", "|---|---|---|---|",
        ]
        for category in Corpus.Category.allCases {
            for deployment in DeploymentType.allCases {
                let tally = tallies[deployment]?[category] ?? Tally()
                lines.append(
                    "| \(category.rawValue) | \(deployment.rawValue) | \(tally.leaked) / \(tally.leakCases) "
                        + "(\(tally.knownLimits)) | "
                        + "\(tally.overRedacted) / \(tally.controls) |")
            }
        }
        return lines.joined(separator: "\n")
    }

    @Test("no personal data of the corpus reaches the wire and every control survives, in both modes")
    func corpus() async throws {
        var tallies: [DeploymentType: [Corpus.Category: Tally]] = [:]
        for deployment in DeploymentType.allCases {
            tallies[deployment] = try await Self.tally(deployment: deployment)
        }
        print(Self.table(tallies))
        for deployment in DeploymentType.allCases {
            for (category, tally) in tallies[deployment] ?? [:] {
                #expect(
                    tally.leaked == tally.knownLimits && tally.overRedacted == 0,
                    "\(category.rawValue), \(deployment.rawValue): \(tally.examples.joined(separator: "\n"))")
            }
        }
    }
}
