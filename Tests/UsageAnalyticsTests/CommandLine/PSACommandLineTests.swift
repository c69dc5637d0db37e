import Foundation
import Testing
import UsageAnalytics

/// `psa events` and `psa privacy`, run as the real executable.
@Suite("psa command line")
struct PSACommandLineTests {
    struct Run {
        var status: Int32
        var output: String
        var error: String
    }

    static let executable: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("psa").path),
            directory.path != "/"
        {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("psa")
    }()

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        // Output goes to files, not pipes: a server another test starts meanwhile can inherit a pipe's write
        // end and keep it open, and reading the pipe to its end would then never return.
        let directory = try TemporaryDirectory()
        let outputPath = directory.path + "/stdout"
        let errorPath = directory.path + "/stderr"
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        let error = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        defer {
            try? output.close()
            try? error.close()
        }
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { mine, _ in mine }
        process.standardOutput = output
        process.standardError = error
        try process.run()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus,
            output: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
            error: (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "")
    }

    func file(_ contents: [UInt8], in directory: TemporaryDirectory) throws -> String {
        let path = directory.path + "/properties.json"
        try Data(contents).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("psa events prints the generated reference")
    func events() throws {
        let result = try run(["events"])
        #expect(result.status == 0)
        #expect(result.output == EventReference.markdown())
    }

    @Test("psa privacy prints the exact wire payload of the given properties")
    func privacyPayload() throws {
        let directory = try TemporaryDirectory()
        let path = try file(
            Array(
                #"{"company_name": "Acme", "metric_name": "mttr", "destination": "jane@acme.example", "rows": 3}"#.utf8),
            in: directory)
        let result = try run(
            ["privacy", "--properties", path],
            environment: ["DEPLOYMENT_TYPE": "hosted", "PSA_DATA_DIR": directory.path + "/data"])
        #expect(result.status == 0, "\(result.error)")
        guard case .array(let events) = try PropertyValue(json: Array(result.output.utf8)), events.count == 1,
            case .object(let event) = events[0], case .object(let properties) = event["properties"]
        else {
            Issue.record("not a JSON array of one event: \(result.output)")
            return
        }
        #expect(event["event"] == "privacy_check")
        #expect(properties["metric_name"] == "mttr" && properties["rows"] == 3)
        #expect(properties["destination"] == "[redacted]")
        #expect(properties["company_name"] == nil)
        #expect(properties["deployment_type"] == "hosted")
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/data"), "a preview writes no identity")
    }

    @Test(
        "psa privacy --catalogue prints every typed event exactly as it would leave the process",
        arguments: [("hosted", "u_"), ("on-premise", "i_")])
    func privacyCatalogue(deployment: String, idPrefix: String) throws {
        let result = try run(
            ["privacy", "--catalogue", "--tenant", "acme-tenant-7", "--user", "jane.doe@acme.example"],
            environment: ["DEPLOYMENT_TYPE": deployment])
        #expect(result.status == 0, "\(result.error)")
        guard case .array(let events) = try PropertyValue(json: Array(result.output.utf8)) else {
            Issue.record("not a JSON array: \(result.output)")
            return
        }
        let names = events.map { event -> String in
            guard case .object(let object) = event, case .string(let name) = object["event"] else { return "" }
            return name
        }
        #expect(names == EventCatalogue.definitions.map(\.name))
        let common: Set<String> = [
            "$lib", "$lib_version", "$geoip_disable", "app_version", "environment", "deployment_type",
            "user_ids_anonymized", "$process_person_profile", "$groups",
        ]
        for case .object(let event) in events {
            guard case .object(let properties) = event["properties"], case .string(let name) = event["event"],
                case .string(let distinctID) = event["distinct_id"],
                let definition = EventCatalogue.definitions.first(where: { $0.name == name })
            else {
                Issue.record("malformed wire event \(event)")
                continue
            }
            let declared = Set(definition.properties.map(\.wireName))
            #expect(Set(properties.keys).subtracting(common).isSubset(of: declared), "\(name)")
            #expect(properties["deployment_type"] == .string(deployment))
            #expect(distinctID.hasPrefix(idPrefix) && distinctID.count == 34, "\(name): \(distinctID)")
        }
        let distinctIDs = Set(
            events.compactMap { event -> PropertyValue? in
                guard case .object(let object) = event else { return nil }
                return object["distinct_id"]
            })
        #expect(distinctIDs.count == 1, "one actor, one id per event")
        for raw in ["acme-tenant-7", "jane.doe", "acme.example"] {
            #expect(!result.output.contains(raw), "\(raw) left the process")
        }
    }

    @Test("psa privacy --catalogue refuses the generic event's options")
    func privacyCatalogueConflicts() throws {
        for arguments in [["--properties", "/tmp/x.json"], ["--event", "custom"], ["--declaration", "/tmp/d.json"]] {
            let result = try run(["privacy", "--catalogue"] + arguments)
            #expect(result.status != 0)
            #expect(result.error.contains("applies to a generic event only"), "\(result.error)")
            #expect(result.output.isEmpty)
        }
        let off = try run(["privacy", "--catalogue"], environment: ["ALGA_USAGE_STATS": "off"])
        #expect(off.status == 0 && off.output == "[]\n")
    }

    @Test("psa privacy prints an empty array when analytics is off")
    func privacyOptedOut() throws {
        let result = try run(["privacy"], environment: ["ALGA_USAGE_STATS": "off"])
        #expect(result.status == 0)
        #expect(result.output == "[]\n")
    }

    @Test(
        "psa privacy refuses bad files with a clear message",
        arguments: [
            ("not json", "is not valid JSON"), ("[1, 2]", "must contain a JSON object"),
            (String(repeating: "[", count: 10_000), "Too many nested arrays"),
            (String(repeating: "[", count: 70) + String(repeating: "]", count: 70), "nested deeper than 64 levels"),
            (#"{"a" 1}"#, "around character 5"),
        ])
    func privacyBadFile(contents: String, message: String) throws {
        let directory = try TemporaryDirectory()
        let path = try file(Array(contents.utf8), in: directory)
        let result = try run(["privacy", "--properties", path])
        #expect(result.status != 0)
        #expect(result.error.contains(message), "\(result.error)")
        #expect(result.output.isEmpty)
    }

    @Test("psa privacy refuses a missing or oversized file")
    func privacyMissingOrHuge() throws {
        let missing = try run(["privacy", "--properties", "/nonexistent/properties.json"])
        #expect(missing.status != 0 && missing.error.contains("cannot read --properties file"))
        let directory = try TemporaryDirectory()
        let path = try file(Array(repeating: UInt8(ascii: " "), count: 2_000_000), in: directory)
        let huge = try run(["privacy", "--properties", path])
        #expect(huge.status != 0 && huge.error.contains("larger than 1048576 bytes"))
    }

    @Test("a malformed environment variable stops psa privacy with its name")
    func privacyBadEnvironment() throws {
        let result = try run(["privacy"], environment: ["DEPLOYMENT_TYPE": "cloud"])
        #expect(result.status != 0)
        #expect(result.error.contains("DEPLOYMENT_TYPE=\"cloud\" is not valid: expected hosted or on-premise"))
    }
}
