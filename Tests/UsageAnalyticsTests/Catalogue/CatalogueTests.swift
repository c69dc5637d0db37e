import Foundation
import Testing
import UsageAnalytics
import UsageAnalyticsTesting

@Suite("Typed catalogue")
struct CatalogueTests {
    @Test("every EVENTS.md event is in the catalogue, once")
    func catalogueMatchesSpecification() {
        let specified = [
            "ticket_created", "ticket_updated", "ticket_resolved", "ticket_assigned", "ticket_deleted",
            "ticket_searched", "ticket_viewed", "ticket_comment_added", "user_signed_up", "auth_validated",
            "user_logged_in",
            "login_failed", "user_logged_out", "api_request", "slow_query", "api_error", "slow_operation",
            "operation_error", "time_entry_created", "time_entry_updated", "time_entry_deleted", "time_sheet_submitted",
            "time_sheet_approved", "invoice_generated", "invoice_sent", "payment_processed", "billing_rule_created",
            "billing_rule_updated",
        ]
        #expect(EventCatalogue.definitions.map(\.name) == specified)
        #expect(Set(EventCatalogue.examples.map { type(of: $0).definition.name }) == Set(specified))
    }

    @Test("declared property names are unique snake_case words the sanitizer would keep")
    func declaredNamesAreHarmless() {
        for definition in EventCatalogue.definitions {
            let names = definition.properties.map(\.wireName)
            #expect(Set(names).count == names.count, "\(definition.name) declares a property twice")
            for name in names {
                #expect(name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" }, "\(definition.name).\(name)")
                #expect(!KeyClassifier.isSensitive(name), "\(definition.name).\(name) looks like personal data")
            }
        }
    }

    @Test(
        "each example sends exactly its declared properties, with the declared kinds",
        arguments: EventCatalogue.examples)
    func sampleSendsDeclaredProperties(_ event: any AnalyticsEvent) async throws {
        let recorder = RecordingDestination()
        var configuration = AnalyticsConfiguration()
        configuration.deploymentType = .hosted
        let analytics = try AnalyticsClient.recording(into: recorder, configuration: configuration)
        analytics.capture(event, actor: AnalyticsActor(tenant: "t1", user: "u1"))
        await analytics.flush()
        let definition = type(of: event).definition
        let sent = try recorder.single(named: definition.name).eventProperties
        let required = Set(definition.properties.filter { !$0.isOptional }.map(\.wireName))
        let declared = Set(definition.properties.map(\.wireName))
        #expect(Set(sent.keys).isSuperset(of: required))
        #expect(Set(sent.keys).isSubset(of: declared))
        for declaration in definition.properties {
            guard let value = sent[declaration.wireName] else { continue }
            switch (declaration.privacyClass, value) {
            case (.bool, .bool), (.bool, .object), (.count, .int), (.count, .double), (.duration, .int),
                (.duration, .double), (.enumeration, .string), (.enumeration, .array):
                break
            default:
                Issue.record("\(definition.name).\(declaration.wireName) sent \(value) for \(declaration.privacyClass)")
            }
        }
    }

    @Test("ticket_updated derives its flags from the changed fields")
    func ticketUpdatedFlags() async throws {
        let recorder = RecordingDestination()
        let analytics = try AnalyticsClient.recording(into: recorder)
        analytics.capture(TicketUpdated(fieldsUpdated: [.subcategory, .title]), actor: AnalyticsActor(tenant: "t"))
        await analytics.flush()
        let sent = try recorder.single(named: "ticket_updated").eventProperties
        #expect(
            sent == [
                "fields_updated": ["title", "subcategory"], "updated_priority": false, "updated_status": false,
                "updated_assignment": false, "updated_category": true,
            ])
    }

    @Test("time sheets send total_hours as the exact decimal")
    func exactDecimal() async throws {
        let recorder = RecordingDestination()
        let analytics = try AnalyticsClient.recording(into: recorder)
        let summary = TimeSheetSummary(
            entryCount: 3, totalHours: Decimal(string: "7.1")!, periodDays: 1, approvalType: .automatic)
        analytics.capture(TimeSheetApproved(summary: summary), actor: AnalyticsActor(tenant: "t"))
        await analytics.flush()
        let json = String(decoding: try #require(recorder.batches.first?.first).json, as: UTF8.self)
        #expect(json.contains(#""total_hours":7.1,"#))
    }

    @Test(
        "amount buckets never reveal the amount",
        arguments: [
            (Decimal(-5), AmountBucket.credit), (0, .zero), (99.99, .under100), (100, .from100To1k),
            (9_999, .from1kTo10k), (10_000, .from10kTo100k), (250_000, .atLeast100k),
        ])
    func amountBuckets(amount: Decimal, bucket: AmountBucket) {
        #expect(AmountBucket(amount: amount) == bucket)
    }

    @Test("docs/EVENTS.md is the output of `psa events`")
    func referenceIsCurrent() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let committed = try String(contentsOf: root.appendingPathComponent("docs/EVENTS.md"), encoding: .utf8)
        #expect(committed == EventReference.markdown(), "regenerate with: swift run psa events > docs/EVENTS.md")
    }

    @Test("the reference documents every event and property")
    func referenceIsComplete() {
        let reference = EventReference.markdown()
        for definition in EventCatalogue.definitions {
            #expect(reference.contains("### `\(definition.name)`"))
            for property in definition.properties {
                #expect(reference.contains("| `\(property.wireName)`"))
            }
        }
    }
}
