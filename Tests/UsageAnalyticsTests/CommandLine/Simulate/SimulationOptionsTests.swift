import Foundation
import Testing

@testable import psa

/// Flag validation of `psa simulate`: in process, and through the real executable.
@Suite("psa simulate: flags", .timeLimit(.minutes(2)))
struct SimulationOptionsTests {
    @Test("defaults are 3 tenants, 4 agents, 3 clients, 14 days, seed 1, the local PSA")
    func defaults() throws {
        let options = try SimulationOptions()
        #expect(options.tenants == 3 && options.agents == 4 && options.clients == 3 && options.days == 14)
        #expect(options.seed == 1 && options.target == "http://127.0.0.1:8080")
    }

    func refusal(_ make: @autoclosure () throws(SimulationOptionsError) -> SimulationOptions) -> String? {
        do {
            _ = try make()
            return nil
        } catch {
            return error.description
        }
    }

    @Test("values outside their range are refused with the flag and the range")
    func ranges() {
        #expect(refusal(try SimulationOptions(tenants: 0)) == "--tenants must be between 1 and 100, got 0")
        #expect(refusal(try SimulationOptions(tenants: 101)) == "--tenants must be between 1 and 100, got 101")
        #expect(refusal(try SimulationOptions(agents: -1)) == "--agents must be between 1 and 50, got -1")
        #expect(refusal(try SimulationOptions(clients: 51)) == "--clients must be between 0 and 50, got 51")
        #expect(refusal(try SimulationOptions(days: Int.max)) == "--days must be between 1 and 90, got \(Int.max)")
        #expect(refusal(try SimulationOptions(tenants: 12, agents: 50, clients: 50, days: 90)) != nil)
        #expect(refusal(try SimulationOptions(tenants: 11, agents: 50, clients: 0, days: 90)) == nil)
        #expect(refusal(try SimulationOptions(tenants: 100, agents: 1, clients: 0, days: 90)) == nil)
        #expect(
            refusal(try SimulationOptions(tenants: 100, agents: 50, clients: 50, days: 90))
                == "--tenants × --days × (--agents + --clients) must be at most 100000, got 900000: "
                + "the run would send too many requests")
    }

    @Test(
        "malformed and hostile targets are refused",
        arguments: [
            "", "127.0.0.1:8080", "ftp://127.0.0.1", "javascript:alert(1)", "http://", "http:///api",
            "http://user:secret@127.0.0.1:8080", "http://127.0.0.1:8080/?q=1", "http://127.0.0.1:8080/#top",
            "http://127.0.0.1:99999", "http://127.0.0.1:8080\r\nX-Injected: 1", "http://exämple.test",
            " http://127.0.0.1", "http://" + String(repeating: "a", count: 5000) + ".test",
        ])
    func badTargets(target: String) {
        #expect(throws: SimulationOptionsError.self) { try SimulationOptions(target: target) }
    }

    @Test("a refused target is echoed as printable ASCII, shortened")
    func echoedTarget() {
        #expect(
            refusal(try SimulationOptions(target: "localhost:8080\r\n\u{1B}[2J"))
                == "--target must be an http(s) URL such as http://127.0.0.1:8080, got \"localhost:8080???[2J\"")
        let long = refusal(try SimulationOptions(target: String(repeating: "x", count: 500)))
        #expect(long?.hasSuffix("got \"" + String(repeating: "x", count: 80) + "\"") == true)
    }

    @Test("a good target loses its trailing slashes and keeps a base path")
    func goodTargets() throws {
        #expect(try SimulationOptions(target: "https://psa.example:8443/").target == "https://psa.example:8443")
        #expect(try SimulationOptions(target: "http://[::1]:8080/base//").target == "http://[::1]:8080/base")
    }

    @Test("the executable refuses bad flags with a usage error and the reason, before any request")
    func executable() throws {
        let cases: [([String], String)] = [
            (["--tenants", "0"], "--tenants must be between 1 and 100, got 0"),
            (["--days", "abc"], "--days"),
            (["--seed", "-3"], "--seed"),
            (["--target", "localhost:8080"], "--target must be an http(s) URL"),
            (["--frobnicate"], "Unknown option"),
        ]
        for (arguments, message) in cases {
            let result = try PSACommandLineTests().run(["simulate"] + arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.error.contains(message), "\(arguments): \(result.error)")
            #expect(result.output.isEmpty)
        }
    }

    @Test("nothing listening at the target: a clear error and a non-zero exit")
    func unreachable() throws {
        let refused = try RefusedPort()
        let result = try PSACommandLineTests().run(["simulate", "--target", "http://127.0.0.1:\(refused.port)"])
        #expect(result.status != 0)
        #expect(result.error.contains("cannot reach the PSA at http://127.0.0.1:\(refused.port)"), "\(result.error)")
    }
}
