import Foundation
import Logging
import PSA
import Testing
import UsageAnalytics
import UsageAnalyticsTesting

/// The PSA's product decisions behind flags (`ticket-search-ranking`, `ticket-list-default-order`): each tenant
/// gets its own variant, an explicit `sort` wins, the exposure leaves once per tenant and value with the
/// tenant's key, and control answers whenever the flag cannot decide.
@Suite("Product decisions behind flags", .timeLimit(.minutes(3)))
struct ProductDecisionTests {
    static let logger = Logger(label: "flags") { _ in SwiftLogNoOpLogHandler() }

    /// A 50/50 multivariate flag released to everyone, with the PSA's variants.
    static func flag(_ product: ProductFlag, id: Int) -> FeatureFlag {
        FeatureFlag(
            id: id, key: product.key, conditions: [FlagCondition(rolloutPercentage: 100)],
            variants: product.variants.map { FlagVariant(key: $0.key, rolloutPercentage: 50) })
    }

    static let ranking = flag(.ticketSearchRanking, id: 1)
    static let listOrder = flag(.ticketListDefaultOrder, id: 2)

    /// The variant the SDK must pick for a tenant: on-premise, flags bucket on the tenant's one distinct id.
    static func expectedVariant(of flag: FeatureFlag, tenant: String) -> String? {
        FlagBucketing.variant(of: flag, bucketingValue: ExpectedID.tenant(tenant))
    }

    @Test(arguments: Engine.available)
    func eachTenantGetsItsOwnVariant(engine: Engine) async throws {
        try await FlagDefinitionServer.run(flags: [Self.ranking, Self.listOrder]) { server in
            let flags = FeatureFlagClient(
                host: server.url, apiKey: "phc_test", timeout: .seconds(60), logger: Self.logger)
            #expect(await flags.refresh() == .updated)
            try await TestPSA.run(on: engine, configure: { $0.flagWait = .seconds(60) }, flags: flags) { psa, client in
                // Companies sign up until one is in each variant of the ranking flag.
                var byVariant: [String: (Account, [String])] = [:]
                for index in 0..<16 where byVariant.count < 2 {
                    let account = try await client.signUp(company: "Tenant \(index)", email: "a\(index)@t.test")
                    let variant = try #require(Self.expectedVariant(of: Self.ranking, tenant: account.tenantID))
                    guard byVariant[variant] == nil else { continue }
                    byVariant[variant] = (account, try await RankingFixture.create(by: account, client: client))
                }
                let (test, testIDs) = try #require(byVariant["test"])
                let (control, controlIDs) = try #require(byVariant["control"])
                // Interleaved twice: neither tenant's answer follows the other's variant.
                for _ in 0..<2 {
                    #expect(
                        try await client.listedIDs("q=vpn", by: test)
                            == RankingFixture.ids(RankingFixture.byRelevance, of: testIDs))
                    #expect(
                        try await client.listedIDs("q=vpn", by: control)
                            == RankingFixture.ids(RankingFixture.byRecency, of: controlIDs))
                }
                // An explicit sort wins over the flag.
                #expect(
                    try await client.listedIDs("q=vpn&sort=newest", by: test)
                        == RankingFixture.ids(RankingFixture.byRecency, of: testIDs))
                #expect(
                    try await client.listedIDs("q=vpn&sort=relevance", by: control)
                        == RankingFixture.ids(RankingFixture.byRelevance, of: controlIDs))
                // The list's default order follows the tenant's own variant of the other flag.
                for (account, ids) in [(test, testIDs), (control, controlIDs)] {
                    let variant = Self.expectedVariant(of: Self.listOrder, tenant: account.tenantID)
                    let expected = variant == "test" ? RankingFixture.byPriority : RankingFixture.byRecency
                    #expect(try await client.listedIDs("", by: account) == RankingFixture.ids(expected, of: ids))
                }

                let exposures = try await psa.events(named: "$feature_flag_called")
                let ranking = exposures.filter { $0.properties["$feature_flag"] == .string(Self.ranking.key) }
                // Once per tenant and value, from the tenant's one distinct id, grouped by its hashed key.
                #expect(ranking.count == 2)
                for (variant, account) in [("test", test), ("control", control)] {
                    let mine = ranking.filter { $0.distinctID == ExpectedID.tenant(account.tenantID) }
                    #expect(mine.count == 1)
                    #expect(mine.first?.properties["$feature_flag_response"] == .string(variant))
                    #expect(mine.first?.properties["$groups"] != nil)
                    #expect(mine.first.map { !$0.wireText.contains(account.tenantID) } ?? false)
                }
                #expect(exposures.filter { $0.properties["$feature_flag"] == .string(Self.listOrder.key) }.count == 2)
            }
        }
    }

    @Test("an exposure carries the request's simulated time, so it is never after the search it caused")
    func exposureAtTheRequestsTime() async throws {
        try await FlagDefinitionServer.run(flags: [Self.ranking]) { server in
            let flags = FeatureFlagClient(
                host: server.url, apiKey: "phc_test", timeout: .seconds(60), logger: Self.logger)
            #expect(await flags.refresh() == .updated)
            try await TestPSA.run(configure: { $0.flagWait = .seconds(60) }, flags: flags) { psa, client in
                let admin = try await client.signUp()
                let past = Date(timeIntervalSince1970: 1_780_000_000)
                let response = try await client.call(.get, "/api/tickets?q=vpn", token: admin.token, at: past)
                #expect(response.status == .ok)
                let events = try await psa.events()
                let exposure = try #require(events.first { $0.name == "$feature_flag_called" })
                let search = try #require(events.first { $0.name == "ticket_searched" })
                #expect(exposure.timestamp.hasPrefix("2026-05-28T"))
                #expect(exposure.timestamp <= search.timestamp)
            }
        }
    }

    @Test("PSA_FLAG_WAIT_MS sets the bound; malformed, out-of-range and hostile values are refused by name")
    func flagWaitFromTheEnvironment() throws {
        #expect(try PSAConfiguration(environment: [:]).flagWait == .milliseconds(250))
        #expect(try PSAConfiguration(environment: ["PSA_FLAG_WAIT_MS": "40"]).flagWait == .milliseconds(40))
        #expect(try PSAConfiguration(environment: ["PSA_FLAG_WAIT_MS": ""]).flagWait == .milliseconds(250))
        for value in ["9", "5001", "-1", "0.5", "250ms", "1e3", "99999999999999999999", "4\u{0}0", "٤٠"] {
            #expect {
                try PSAConfiguration(environment: ["PSA_FLAG_WAIT_MS": value])
            } throws: { error in
                (error as? ConfigurationError)?.variable == "PSA_FLAG_WAIT_MS"
            }
        }
    }

    /// How a flag can fail to decide.
    enum Failure: String, CaseIterable, CustomTestStringConvertible {
        case analyticsOff, flagMissing, flagInactive, collectorUnreachable, collectorHangs
        var testDescription: String { rawValue }
    }

    @Test(arguments: Failure.allCases)
    func controlWhenTheFlagCannotDecide(_ failure: Failure) async throws {
        var inactive = Self.ranking
        inactive.active = false
        let served: [FeatureFlag] =
            switch failure {
            case .flagMissing: []
            case .flagInactive: [inactive]
            default: [Self.ranking]
            }
        try await FlagDefinitionServer.run(flags: served, hangs: failure == .collectorHangs) { server in
            let host = failure == .collectorUnreachable ? "http://127.0.0.1:1" : server.url
            // The SDK would wait a minute (retrying a refused connection all that time); the PSA's own bound is
            // what ends a flag call to a collector that is down or hangs.
            let flags = FeatureFlagClient(host: host, apiKey: "phc_test", timeout: .seconds(60), logger: Self.logger)
            let isDown = failure == .collectorHangs || failure == .collectorUnreachable
            if !isDown { #expect(await flags.refresh() == .updated) }
            var analytics = AnalyticsConfiguration()
            analytics.isEnabled = failure != .analyticsOff
            try await TestPSA.run(
                configure: { $0.flagWait = isDown ? .milliseconds(200) : .seconds(60) },
                analytics: analytics, flags: flags
            ) { psa, client in
                let admin = try await client.signUp()
                let ids = try await RankingFixture.create(by: admin, client: client)
                #expect(
                    try await client.listedIDs("q=vpn", by: admin)
                        == RankingFixture.ids(RankingFixture.byRecency, of: ids))
                #expect(
                    try await client.listedIDs("", by: admin) == RankingFixture.ids(RankingFixture.byRecency, of: ids))
                let exposures = try await psa.events(named: "$feature_flag_called")
                switch failure {
                case .flagInactive:
                    // PostHog reports an inactive flag as false; the PSA shows control.
                    #expect(exposures.map { $0.properties["$feature_flag_response"] } == [.bool(false)])
                default:
                    #expect(exposures.isEmpty)
                }
            }
        }
    }
}
