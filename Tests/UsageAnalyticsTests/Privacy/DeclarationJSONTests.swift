import Foundation
import Testing
import UsageAnalytics

/// Declarations read from JSON, by the SDK and by `psa privacy --declaration`.
@Suite("Generic event declarations from JSON", .timeLimit(.minutes(2)))
struct DeclarationJSONTests {
    static let valid = #"""
        {"name": "report_exported", "properties": {
            "format": {"class": "enum", "values": ["csv", "pdf"], "summary": "The export format."},
            "columns": {"class": "enum list", "values": ["status", "owner"]},
            "row_count": {"class": "count"}, "is_scheduled": {"class": "bool"}, "hours": {"class": "decimal"},
            "duration_ms": {"class": "duration"}, "endpoint": {"class": "label"}, "report_id": {"class": "opaque id"},
            "title": {"class": "free text"}}}
        """#

    @Test("reads every class, sorted by name, with its summary")
    func readsEveryClass() throws {
        let declaration = try GenericEventDeclaration(json: try PropertyValue(json: Array(Self.valid.utf8)))
        #expect(declaration.name == "report_exported")
        #expect(
            declaration.properties.map(\.name) == [
                "columns", "duration_ms", "endpoint", "format", "hours", "is_scheduled", "report_id", "row_count",
                "title",
            ])
        #expect(declaration.declaration(named: "format")?.kind == .enumeration(["csv", "pdf"]))
        #expect(declaration.declaration(named: "format")?.summary == "The export format.")
        #expect(declaration.declaration(named: "title")?.wireName == "title_length")
        #expect(declaration.declaration(named: "report_id")?.privacyClass == .opaqueIdentifier)
    }

    @Test(
        "refuses malformed and hostile declarations with a message naming what is wrong",
        arguments: [
            (#"[1]"#, "the declaration must be a JSON object"),
            (#"{"name": "Report!", "properties": {}}"#, "\"name\" must be a snake_case event name"),
            (#"{"name": "report_exported"}"#, "properties must be a JSON object"),
            (#"{"name": "r", "properties": {"distinct_id": {"class": "count"}}}"#, "not a property name"),
            (#"{"name": "r", "properties": {"a b": {"class": "count"}}}"#, "not a property name"),
            (#"{"name": "r", "properties": {"rows": {}}}"#, "needs a \"class\""),
            (#"{"name": "r", "properties": {"rows": {"class": "number"}}}"#, "has an unknown class"),
            (#"{"name": "r", "properties": {"kind": {"class": "enum"}}}"#, "needs \"values\""),
            (
                #"{"name": "r", "properties": {"kind": {"class": "enum", "values": ["Maria Garcia"]}}}"#,
                "needs \"values\""
            ),
            (
                #"{"name": "r", "properties": {"kind": {"class": "enum", "values": ["a@b.example"]}}}"#,
                "needs \"values\""
            ),
            (#"{"name": "r", "properties": {"rows": {"class": "count", "summary": 3}}}"#, "\"summary\""),
        ])
    func refusesMalformed(json: String, message: String) throws {
        #expect {
            try GenericEventDeclaration(json: try PropertyValue(json: Array(json.utf8)))
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test("refuses oversized declarations, and bounds the message whatever the key")
    func refusesOversized() throws {
        var members: [String: PropertyValue] = [:]
        for index in 0...GenericEventDeclaration.maximumProperties { members["p\(index)"] = ["class": "bool"] }
        #expect(throws: GenericEventDeclarationError.self) {
            try GenericEventDeclaration(json: ["name": "r", "properties": .object(members)])
        }
        let longKey = String(repeating: "k", count: 10_000)
        do {
            _ = try GenericEventDeclaration(json: ["name": "r", "properties": [longKey: ["class": "bool"]]])
            Issue.record("a 10,000-byte key was accepted")
        } catch {
            #expect(error.description.count < 400)
        }
    }

    @Test("psa privacy --declaration prints the payload of the declared event, declared rules applied")
    func privacyCommandWithDeclaration() throws {
        let commandLine = PSACommandLineTests()
        let directory = try TemporaryDirectory()
        let declaration = directory.path + "/declaration.json"
        try Data(Self.valid.utf8).write(to: URL(fileURLWithPath: declaration))
        let properties = try commandLine.file(
            Array(#"{"format": "pdf", "title": "Q3 for Maria Garcia", "owner_email": "m@acme.example"}"#.utf8),
            in: directory)
        let result = try commandLine.run(
            ["privacy", "--declaration", declaration, "--properties", properties],
            environment: ["DEPLOYMENT_TYPE": "on-premise"])
        #expect(result.status == 0, "\(result.error)")
        guard case .array(let events) = try PropertyValue(json: Array(result.output.utf8)), events.count == 1,
            case .object(let event) = events[0], case .object(let sent) = event["properties"]
        else {
            Issue.record("not a JSON array of one event: \(result.output)")
            return
        }
        #expect(event["event"] == "report_exported")
        #expect(sent["format"] == "pdf" && sent["title_length"] == 19)
        #expect(sent["owner_email"] == nil && sent["title"] == nil)
    }

    @Test(
        "psa privacy refuses a bad declaration file with a clear message",
        arguments: [
            ("not json", "--declaration file"),
            (#"{"name": "r", "properties": {"rows": {"class": "x"}}}"#, "unknown class"),
        ])
    func privacyCommandBadDeclaration(contents: String, message: String) throws {
        let commandLine = PSACommandLineTests()
        let directory = try TemporaryDirectory()
        let path = try commandLine.file(Array(contents.utf8), in: directory)
        let result = try commandLine.run(["privacy", "--declaration", path])
        #expect(result.status != 0)
        #expect(result.error.contains(message), "\(result.error)")
        #expect(result.output.isEmpty)
        let missing = try commandLine.run(["privacy", "--declaration", "/nonexistent/declaration.json"])
        #expect(missing.status != 0 && missing.error.contains("cannot read --declaration file"))
    }
}
