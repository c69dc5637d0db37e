import ArgumentParser
import Foundation
import Testing

@testable import psa

/// `psa simulate --experiment`'s collector options: defaults, the token's sources, and hostile values.
@Suite("psa simulate: experiment options")
struct ExperimentOptionsTests {
    func refusal(
        collector: String? = nil, token: String? = "admin-token", project: String? = nil,
        environment: [String: String] = [:]
    ) -> String? {
        do {
            _ = try ExperimentOptions(
                collector: collector, adminToken: token, project: project, environment: environment)
            return nil
        } catch {
            return error.description
        }
    }

    @Test("the local collector and its first project by default; the token flag wins over the environment")
    func defaults() throws {
        let fromEnvironment = try ExperimentOptions(
            collector: nil, adminToken: nil, project: nil, environment: ["COLLECTOR_ADMIN_TOKEN": "from-env"])
        #expect(fromEnvironment.collector == "http://127.0.0.1:8787")
        #expect(fromEnvironment.adminToken == "from-env" && fromEnvironment.project == "@current")
        let given = try ExperimentOptions(
            collector: "https://collector.example:9443/", adminToken: "from-flag", project: "42",
            environment: ["COLLECTOR_ADMIN_TOKEN": "from-env"])
        #expect(given.collector == "https://collector.example:9443")
        #expect(given.adminToken == "from-flag" && given.project == "42")
    }

    @Test("a missing token says where to find it")
    func missingToken() {
        let message = refusal(token: nil)
        #expect(message?.hasPrefix("--experiment needs the collector's admin token") == true)
        #expect(message?.contains("COLLECTOR_ADMIN_TOKEN") == true)
        #expect(refusal(token: "") == message)
        #expect(refusal(token: nil, environment: ["COLLECTOR_ADMIN_TOKEN": ""]) == message)
    }

    @Test(
        "hostile tokens are refused without being echoed",
        arguments: [
            "two words", "line\r\nX-Injected: 1", "tab\there", "del\u{7F}", "токен", "\u{0}",
            String(repeating: "t", count: 513),
        ])
    func hostileTokens(token: String) {
        let message = refusal(token: token)
        #expect(message == "--collector-admin-token must be 1 to 512 printable characters without spaces")
    }

    @Test(
        "malformed collector URLs are refused, naming --collector",
        arguments: [
            "", "127.0.0.1:8787", "ftp://127.0.0.1", "http://", "http://user:secret@127.0.0.1:8787",
            "http://127.0.0.1:8787/?token=x", "http://127.0.0.1:99999", "http://127.0.0.1\r\nX: 1",
            "http://" + String(repeating: "a", count: 5_000) + ".test",
        ])
    func badCollectors(collector: String) {
        let message = refusal(collector: collector)
        #expect(message?.hasPrefix("--collector ") == true, "\(message ?? "accepted")")
        #expect(message.map { !$0.contains("\r") && $0.count < 300 } ?? false)
    }

    @Test(
        "a project is @current or a number", arguments: ["abc", "-1", "1; DROP TABLE", "1234567890", "@current2", ""])
    func badProjects(project: String) {
        #expect(
            refusal(project: project)?.hasPrefix("--collector-project must be @current or a project number") == true)
    }

    @Test("the collector options are refused without --experiment, and parsed with it")
    func onlyWithExperiment() throws {
        for arguments in [
            ["--collector", "http://127.0.0.1:8787"], ["--collector-admin-token", "x"], ["--collector-project", "1"],
        ] {
            #expect(throws: (any Error).self) { try SimulateCommand.parse(arguments) }
        }
        let command = try SimulateCommand.parse([
            "--experiment", "--collector", "http://127.0.0.1:9", "--collector-admin-token", "secret",
        ])
        let options = try #require(try command.experimentOptions(environment: [:]))
        #expect(options.collector == "http://127.0.0.1:9" && options.adminToken == "secret")
        #expect(try SimulateCommand.parse([]).experimentOptions(environment: ["COLLECTOR_ADMIN_TOKEN": "x"]) == nil)
    }
}
