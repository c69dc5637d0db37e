import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PostgresTestSupport
import Testing

/// `psa serve --simulation` with its embedded collector and flags on, driven by `psa simulate --experiment`: the
/// flag is created once (a second run finds it), every tenant's exposure is stored with the tenant's key at its
/// simulated time, and the tickets opened from search are the ones the simulated agents found.
@Suite("psa simulate --experiment end to end", .timeLimit(.minutes(6)))
struct ExperimentSimulationTests {
    /// One exported event, parsed.
    struct Stored {
        let event: String
        let distinctID: String
        let timestamp: String
        let properties: [String: Any]
    }

    @Test func anExperimentRunsFromSimulatedTrafficToStoredExposures() async throws {
        let directory = NSTemporaryDirectory() + "psa-experiment-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let collectorPort = try FreePort.find()
        let serve = Process()
        serve.executableURL = PSAServeTests.executable
        serve.arguments = [
            "serve", "--port", "0", "--collector-port", "\(collectorPort)", "--data-dir", directory, "--simulation",
        ]
        serve.environment = [
            "PATH": "/usr/bin:/bin", "PSA_BCRYPT_COST": "4", "ANALYTICS_FLUSH_INTERVAL": "3600",
            // Patient flag calls: on a loaded machine a loopback request can take seconds, and this test is about
            // the answers (a call past the bound is control without exposure, which the PSA tests cover).
            "ANALYTICS_FEATURE_FLAGS_POLL_INTERVAL": "5", "ANALYTICS_FEATURE_FLAGS_TIMEOUT_MS": "60000",
            "PSA_FLAG_WAIT_MS": "5000",
        ]
        let output = Pipe()
        serve.standardOutput = output
        serve.standardError = FileHandle.nullDevice
        try serve.run()
        defer { if serve.isRunning { serve.terminate() } }
        var apiPort: Int?
        for await line in PSAServeTests.lines(of: output.fileHandleForReading) {
            if line.hasPrefix("PSA API listening on http://127.0.0.1:") {
                apiPort = Int(line.dropFirst("PSA API listening on http://127.0.0.1:".count).prefix { $0.isNumber })
                break
            }
        }
        let target = "http://127.0.0.1:\(try #require(apiPort))"
        let collector = "http://127.0.0.1:\(collectorPort)"
        let token = try String(contentsOfFile: directory + "/collector/admin-token", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)

        let first = try await Self.simulate(
            ["--tenants", "16", "--agents", "1", "--clients", "0", "--days", "2", "--seed", "7"], target: target,
            collector: collector, token: token)
        #expect(first.status == 0, "\(first.output)")
        #expect(first.output.contains("experiment flag ticket-search-ranking (id 1): created"), "\(first.output)")
        let again = try await Self.simulate(
            ["--tenants", "1", "--agents", "1", "--clients", "0", "--days", "1"], target: target, collector: collector,
            token: token)
        #expect(again.status == 0, "\(again.output)")
        #expect(again.output.contains("experiment flag ticket-search-ranking (id 1): already there"))

        let api = API(base: collector)
        var request = HTTPClientRequest(url: collector + "/api/projects/@current/feature_flags")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        let flags = try await api.client.execute(request, timeout: .seconds(30))
        let flagsText = String(buffer: try await flags.body.collect(upTo: 1 << 20))
        #expect(flags.status == .ok)
        #expect(flagsText.contains(#""key":"ticket-search-ranking""#) && flagsText.contains(#""key":"control""#))
        #expect(flagsText.components(separatedBy: #""key":"ticket-search-ranking""#).count == 2, "one flag")
        var experiments = HTTPClientRequest(url: collector + "/api/projects/@current/experiments")
        experiments.headers.add(name: "Authorization", value: "Bearer \(token)")
        let listed = try await api.client.execute(experiments, timeout: .seconds(30))
        let listedText = String(buffer: try await listed.body.collect(upTo: 1 << 20))
        if listed.status == .notFound {
            #expect(first.output.contains("the collector has no experiments API"))
        } else {
            // With the experiments API: one experiment on the flag, created by the first run, found by the second.
            #expect(listed.status == .ok)
            #expect(listedText.components(separatedBy: "Search ranking: recency or relevance").count == 2)
            #expect(again.output.contains("already there: this run adds to its traffic"))
        }
        try await api.shutdown()

        serve.interrupt()
        serve.waitUntilExit()
        #expect(serve.terminationStatus == 0)
        let events = try await PSAServeTests.export(directory + "/collector").compactMap(Self.parse)
        let exposures = events.filter {
            $0.event == "$feature_flag_called" && $0.properties["$feature_flag"] as? String == "ticket-search-ranking"
        }
        // One exposure per tenant (on-premise, one distinct id each), at its simulated time, with the tenant group.
        let byTenant = Dictionary(grouping: exposures, by: \.distinctID)
        #expect(byTenant.count >= 16, "\(byTenant.count) tenants exposed")
        // Exactly one exposure per tenant: once per (distinct id, flag, value), however the value was decided
        // (by `/flags` before the definitions poll saw the new flag, or locally afterwards).
        for (tenant, reported) in byTenant {
            #expect(reported.count == 1, "\(tenant): \(reported.count) exposures")
        }
        #expect(exposures.allSatisfy { $0.distinctID.hasPrefix("i_") && $0.properties["$groups"] != nil })
        #expect(
            Set(exposures.compactMap { $0.properties["$feature_flag_response"] as? String }) == ["control", "test"])
        // Stamped with the simulated time of the text search that caused it, not with the time it was sent.
        for exposure in exposures {
            let textSearches = events.filter {
                $0.event == "ticket_searched" && $0.distinctID == exposure.distinctID
                    && ($0.properties["query_length"] as? Int ?? 0) > 0
            }
            // To the second: the SDK keeps timestamps of one instant distinct by a few microseconds.
            let second = exposure.timestamp.prefix(19)
            #expect(textSearches.contains { $0.timestamp.prefix(19) == second }, "\(exposure.timestamp)")
        }
        // With the collector's experiments API, its results count every exposed tenant, in both variants.
        if listed.status != .notFound {
            let (results, page) = try await Self.experimentResults(directory + "/collector", token: token)
            let exposed = try #require(results["exposures"] as? [String: Any], "\(results)")
            let perVariant = exposed["per_variant"] as? [String: Int] ?? [:]
            #expect(exposed["total"] as? Int == byTenant.count, "\(exposed)")
            #expect(perVariant["control", default: 0] > 0 && perVariant["test", default: 0] > 0, "\(exposed)")
            // The experiment's page on the dashboard shows the same result.
            #expect(page.contains(#"<span id="exposure-total">\#(byTenant.count)</span> exposed units"#), "\(page)")
            let split = "Split: control \(perVariant["control", default: 0]), test \(perVariant["test", default: 0])."
            #expect(page.contains(split), "\(page)")
            #expect(page.contains("Primary metric: searched, then opened a result"))
            #expect(page.contains(#"<tr data-variant="test">"#))
        }
        // Every ticket opened from search is one a simulated agent found.
        let opened = events.filter {
            $0.event == "ticket_viewed" && $0.properties["opened_from"] as? String == "search"
        }
        #expect(opened.count == Self.found(in: first.output) + Self.found(in: again.output))
    }

    /// The results of the collector's only experiment, read through `psa collector` over the stored data.
    static func experimentResults(_ directory: String, token: String) async throws -> (
        results: [String: Any], page: String
    ) {
        let process = Process()
        process.executableURL = PSAServeTests.executable
        process.arguments = ["collector", "--port", "0", "--data-dir", directory]
        process.environment = ["PATH": "/usr/bin:/bin", "COLLECTOR_ADMIN_TOKEN": token]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            process.interrupt()
            process.waitUntilExit()
        }
        var base: String?
        for await line in PSAServeTests.lines(of: output.fileHandleForReading)
        where line.hasPrefix("collector listening on ") {
            base = line.dropFirst("collector listening on ".count).split(separator: " ").first.map(String.init)
            break
        }
        let api = API(base: try #require(base))
        func get(_ path: String) async throws -> [String: Any] {
            var request = HTTPClientRequest(url: api.base + "/api/projects/@current/experiments" + path)
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            let response = try await api.client.execute(request, timeout: .seconds(60))
            let body = try await response.body.collect(upTo: 1 << 22)
            return (try? JSONSerialization.jsonObject(with: Data(String(buffer: body).utf8))) as? [String: Any] ?? [:]
        }
        let listed = try await get("")
        let id = (listed["results"] as? [[String: Any]])?.first?["id"] as? Int
        let results = try await get("/\(id ?? 0)/results")
        try await api.shutdown()
        let page = try await Self.dashboardPage("/experiments/\(id ?? 0)", base: api.base, token: token)
        #expect(id != nil, "\(listed)")
        return (results, page)
    }

    /// A dashboard page as a browser gets it after signing in with the admin token (redirects not followed, so
    /// the sign-in's cookie is read from its own answer).
    static func dashboardPage(_ path: String, base: String, token: String) async throws -> String {
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        do {
            let page = try await Self.signedIn(path, base: base, token: token, client: client)
            try await client.shutdown()
            return page
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private static func signedIn(_ path: String, base: String, token: String, client: HTTPClient) async throws
        -> String
    {
        func cookie(_ name: String, in response: HTTPClientResponse) -> String? {
            response.headers["Set-Cookie"].lazy.compactMap { header -> String? in
                guard header.hasPrefix(name + "=") else { return nil }
                return header.dropFirst(name.count + 1).split(separator: ";").first.map(String.init)
            }.first
        }
        let form = try await client.execute(HTTPClientRequest(url: base + "/sign-in"), timeout: .seconds(60))
        let formText = String(buffer: try await form.body.collect(upTo: 1 << 20))
        let formCookie = try #require(cookie("collector_sign_in", in: form), "\(formText)")
        let csrf = try #require(
            formText.components(separatedBy: #"name="csrf" value=""#).dropFirst().first?.prefix { $0 != "\"" })
        var signIn = HTTPClientRequest(url: base + "/sign-in")
        signIn.method = .POST
        signIn.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        signIn.headers.add(name: "Cookie", value: "collector_sign_in=\(formCookie)")
        signIn.body = .bytes(ByteBuffer(string: "csrf=\(csrf)&token=\(token)"))
        let signedIn = try await client.execute(signIn, timeout: .seconds(60))
        let session = try #require(cookie("collector_session", in: signedIn), "sign-in answered \(signedIn.status)")
        var page = HTTPClientRequest(url: base + path)
        page.headers.add(name: "Cookie", value: "collector_session=\(session)")
        let response = try await client.execute(page, timeout: .seconds(60))
        #expect(response.status == .ok)
        return String(buffer: try await response.body.collect(upTo: 1 << 22))
    }

    /// Runs `psa simulate --experiment` against `target` and `collector`.
    static func simulate(
        _ arguments: [String], target: String, collector: String, token: String
    ) async throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = PSAServeTests.executable
        process.arguments =
            ["simulate", "--no-billing", "--experiment", "--target", target, "--collector", collector] + arguments
        process.environment = ["PATH": "/usr/bin:/bin", "COLLECTOR_ADMIN_TOKEN": token]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        var lines: [String] = []
        for await line in PSAServeTests.lines(of: output.fileHandleForReading) { lines.append(line) }
        process.waitUntilExit()
        return (process.terminationStatus, lines.joined(separator: "\n"))
    }

    /// N of the report's "searches for one ticket: N found and opened it, …", or 0 when none ran.
    static func found(in output: String) -> Int {
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("searches for one ticket: ") })
        else { return 0 }
        return Int(line.dropFirst("searches for one ticket: ".count).prefix { $0.isNumber }) ?? -1
    }

    static func parse(_ exported: ExportedEvent) -> Stored? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(exported.properties.utf8)) as? [String: Any],
            let timestamp = object["timestamp"] as? String
        else { return nil }
        return Stored(
            event: exported.event, distinctID: exported.distinctID, timestamp: timestamp,
            properties: object["properties"] as? [String: Any] ?? [:])
    }
}
