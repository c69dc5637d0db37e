import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import UsageAnalytics

@testable import UsageCollector

/// The flag pages over HTTP: the list, a flag's page with its history, and creating, editing, switching and
/// archiving through the forms, checked against what the admin API then serves.
@Suite("Flag pages", .timeLimit(.minutes(2)))
struct FlagPageTests {
    @Test("the nav's Feature flags goes to the first project's list, which starts empty with a New flag link")
    func emptyList() async throws {
        try await FlagPagesHTTP.withSignedIn { http in
            let start = try await http.get("/flags")
            #expect(start.status == .seeOther)
            #expect(start.headers[.location] == FlagPagesHTTP.flags)
            let list = try await http.get(FlagPagesHTTP.flags)
            #expect(list.status == .ok)
            #expect(list.text.contains(#"<a href="/flags" aria-current="page">Feature flags</a>"#))
            #expect(list.text.contains("No flag yet"))
            #expect(list.text.contains(#"<a class="button" href="\#(FlagPagesHTTP.flags)/new">New flag</a>"#))
            #expect(list.headers[.contentSecurityPolicy]?.contains("script-src 'nonce-") == true)
        }
    }

    @Test("a multivariate flag made in the form is stored as PostHog's definition and shown in words, split and list")
    func createMultivariate() async throws {
        try await FlagPagesHTTP.withSignedIn { http in
            let path = try await http.create(FlagPagesHTTP.multivariate("ticket-ordering"))
            #expect(path == FlagPagesHTTP.flags + "/1")
            let stored = try await http.stored(1)
            #expect(stored[member: "key"] == "ticket-ordering")
            #expect(stored[member: "active"] == true)
            let filters = try #require(stored[member: "filters"])
            #expect(
                filters[member: "groups"]
                    == [
                        [
                            "properties": [["key": "plan", "operator": "exact", "value": ["pro"], "type": "person"]],
                            "rollout_percentage": 50, "variant": .null,
                        ]
                    ])
            #expect(
                filters[member: "multivariate"]
                    == [
                        "variants": [
                            ["key": "control", "name": "", "rollout_percentage": 50],
                            ["key": "test", "name": "", "rollout_percentage": 50],
                        ]
                    ])
            #expect(filters[member: "payloads"] == ["test": #"{"limit": 20}"#])

            let page = try await http.get(path)
            #expect(page.status == .ok)
            #expect(page.text.contains("<li>plan equals pro, 50 % of matching users</li>"))
            #expect(page.text.contains(#"aria-label="Variant split: control 50 %, test 50 %""#))
            #expect(page.text.contains(#"<rect x="0" width="300" height="24"><title>control: 50 %</title>"#))
            #expect(page.text.contains(#"<rect x="300" width="300" height="24"><title>test: 50 %</title>"#))
            #expect(page.text.contains("<code>{&quot;limit&quot;: 20}</code>"))
            #expect(page.text.contains(#"<strong>v1 created</strong> · <time datetime="2026-11-14T18:00:00Z">"#))
            #expect(page.text.contains("<li>Created as a multivariate (control 50 %, test 50 %) flag, on</li>"))

            let list = try await http.get(FlagPagesHTTP.flags)
            #expect(list.text.contains(#"<tr class="flag-row" data-key="ticket-ordering">"#))
            #expect(
                list.text.contains(
                    #"<th scope="row"><a href="\#(path)">ticket-ordering</a></th><td>Ticket list order</td>"#))
            #expect(list.text.contains(#"<td class="rollout">plan equals pro, 50 % of matching users</td>"#))
            #expect(list.text.contains(#"<span class="state state-on">on</span>"#))
            #expect(list.text.contains("v1 · <time"))
        }
    }

    @Test("a boolean flag: off for everyone without conditions, then on for everyone with its payload")
    func boolean() async throws {
        try await FlagPagesHTTP.withSignedIn { http in
            let path = try await http.create([("key", "search-ranking"), ("type", "boolean")])
            var page = try await http.get(path)
            #expect(page.text.contains(#"<span class="state state-off">off</span>"#))
            #expect(page.text.contains("No release condition: nobody gets this flag."))
            #expect(!page.text.contains(#"id="variants""#))
            let saved = try await http.post(
                path,
                [
                    ("key", "search-ranking"), ("type", "boolean"), ("active", "on"), ("version", "1"),
                    ("condition-0-rollout", "100"), ("payload-true", #""on""#),
                ])
            #expect(saved.status == .seeOther)
            let filters = try #require(try await http.stored(1)[member: "filters"])
            #expect(filters[member: "groups"] == [["properties": [], "rollout_percentage": 100, "variant": .null]])
            #expect(filters[member: "payloads"] == ["true": #""on""#])
            #expect(filters[member: "multivariate"] == .null)
            page = try await http.get(path)
            #expect(page.text.contains("<li>Everyone</li>"))
            #expect(page.text.contains(#"<h3>Payload when true</h3><pre class="query">&quot;on&quot;</pre>"#))
            #expect(page.text.contains("<li>Turned on</li>"))
            #expect(page.text.contains("<li>Condition 1 added: Everyone</li>"))
            #expect(page.text.contains("<li>Payload of true added</li>"))
        }
    }

    @Test(
        "editing shows the stored flag in the form, saves a new version, and the history says what changed",
        arguments: Engine.available)
    func edit(on engine: Engine) async throws {
        try await FlagPagesHTTP.withSignedIn(on: engine) { http in
            let path = try await http.create(FlagPagesHTTP.multivariate("ticket-ordering"))
            let form = try await http.get(path + "/edit")
            #expect(form.status == .ok)
            #expect(FlagPagesHTTP.value(of: "key", in: form.text) == "ticket-ordering")
            #expect(FlagPagesHTTP.value(of: "variant-1-rollout", in: form.text) == "50")
            #expect(FlagPagesHTTP.value(of: "variant-1-payload", in: form.text) == "{&quot;limit&quot;: 20}")
            #expect(FlagPagesHTTP.value(of: "condition-0-value-0", in: form.text) == "pro")
            #expect(form.text.contains(#"<input type="hidden" name="version" value="1">"#))

            var fields = FlagPagesHTTP.multivariate("ticket-ordering", control: "30", test: "70")
            fields += [("version", "1"), ("condition-0-value-0", "pro, team"), ("condition-0-rollout", "100")]
            fields.removeAll { $0 == ("condition-0-value-0", "pro") || $0 == ("condition-0-rollout", "50") }
            let saved = try await http.post(path, fields)
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == path)
            let stored = try await http.stored(1)
            #expect(stored[member: "version"] == 2)
            let page = try await http.get(path)
            #expect(page.text.contains("<li>plan is one of pro, team, all of matching users</li>"))
            #expect(page.text.contains("<strong>v2 edited</strong>"))
            #expect(
                page.text.contains(
                    "<li>Split: control 50 %, test 50 % → control 30 %, test 70 %</li>"))
            #expect(
                page.text.contains(
                    "<li>Condition 1: plan equals pro, 50 % of matching users → plan is one of pro, team, "
                        + "all of matching users</li>"))
            let history = try await http.client.flagAdmin(FlagPagesHTTP.adminFlags + "/1/history", method: .get)
            #expect(history.flagJSON?[member: "count"] == 2)
        }
    }

    @Test("a flag made by the admin API with several filters, lists and no rollout keeps its meaning through the form")
    func roundTrip() async throws {
        try await FlagPagesHTTP.withSignedIn { http in
            let definition = #"""
                {"key": "beta", "name": "Beta", "filters": {"groups": [
                  {"properties": [{"key": "plan", "operator": "exact", "value": ["a,b", "c"], "type": "person"},
                                  {"key": "seats", "operator": "gte", "value": 10, "type": "person"}]},
                  {"properties": [{"key": "email", "operator": "is_set", "value": "is_set", "type": "person"}],
                   "rollout_percentage": 12.5}],
                  "payloads": {"true": {"on": true}}}}
                """#
            let created = try await http.client.flagAdmin(FlagPagesHTTP.adminFlags, method: .post, json: definition)
            #expect(created.status == .created)
            let before = try FeatureFlag(json: try await http.stored(1))
            let form = try await http.get(FlagPagesHTTP.flags + "/1/edit")
            #expect(FlagPagesHTTP.value(of: "condition-0-value-0", in: form.text) == "[&quot;a,b&quot;,&quot;c&quot;]")
            let fields =
                try Self.inputs(of: form.text).filter { $0.0 != "csrf" && $0.0 != "type" }
                + [("type", "boolean"), ("active", "on")]
            let saved = try await http.post(FlagPagesHTTP.flags + "/1", fields)
            #expect(saved.status == .seeOther, "\(saved.text)")
            let after = try FeatureFlag(json: try await http.stored(1))
            #expect(after.conditions.map(\.properties) == before.conditions.map(\.properties))
            #expect(after.conditions.map { $0.rolloutPercentage ?? 100 } == [100, 12.5])
            #expect(after.payloads == ["true": #"{"on":true}"#])
            let page = try await http.get(FlagPagesHTTP.flags + "/1")
            #expect(
                page.text.contains("<li>plan is one of a,b, c and seats is at least 10, all of matching users</li>"))
            #expect(page.text.contains("<li>email is set, 12.5 % of matching users</li>"))
            #expect(page.text.contains("<li>Payload of true changed</li>"))
        }
    }

    /// The name and value of every text input and selected option of a form page, as a browser would post them.
    static func inputs(of html: String) throws -> [(String, String)] {
        let inputs = LibraryEditingTests.matches(#"(<input [^>]*>)"#, in: html).compactMap { tag -> (String, String)? in
            guard !tag.contains(#"type="checkbox""#), !tag.contains(#"type="radio""#),
                let name = LibraryEditingTests.matches(#"name="([^"]*)""#, in: tag).first
            else { return nil }
            let value = LibraryEditingTests.matches(#"value="([^"]*)""#, in: tag).first ?? ""
            return (name, Self.unescaped(value))
        }
        let selects = LibraryEditingTests.matches(#"(<select [^>]*>(?:.|\n)*?</select>)"#, in: html).compactMap {
            select -> (String, String)? in
            guard let name = LibraryEditingTests.matches(#"name="([^"]*)""#, in: select).first,
                let value = LibraryEditingTests.matches(#"value="([^"]*)" selected"#, in: select).first
            else { return nil }
            return (name, value)
        }
        return inputs + selects
    }

    static func unescaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test(
        "turning a flag off and on records edits; archiving hides it from the list and freezes it",
        arguments: Engine.available)
    func switchAndArchive(on engine: Engine) async throws {
        try await FlagPagesHTTP.withSignedIn(on: engine) { http in
            let path = try await http.create(FlagPagesHTTP.multivariate("ordering"))
            let off = try await http.post(path + "/active", [("active", "off")])
            #expect(off.status == .seeOther)
            #expect(try await http.stored(1)[member: "active"] == false)
            var page = try await http.get(path)
            #expect(page.text.contains(#"<span class="state state-off">off</span>"#))
            #expect(page.text.contains("<li>Turned off</li>"))
            #expect(
                page.text.contains(
                    #"<input type="hidden" name="active" value="on"><button type="submit">Turn on</button>"#))
            let unclear = try await http.post(path + "/active", [("active", "maybe")])
            #expect(unclear.status == .badRequest)
            #expect(unclear.text.contains("Say whether to turn the flag on or off."))
            #expect(try await http.stored(1)[member: "version"] == 2)

            let archived = try await http.post(path + "/archive", [])
            #expect(archived.status == .seeOther)
            #expect(try await http.stored(1)[member: "archived"] == true)
            page = try await http.get(path)
            #expect(page.text.contains(#"<span class="state state-archived">archived</span>"#))
            #expect(page.text.contains("<li>Archived: no longer served or evaluated, and turned off</li>"))
            #expect(!page.text.contains("/archive"))
            #expect(!(try await http.get(FlagPagesHTTP.flags)).text.contains("data-key=\"ordering\""))
            let all = try await http.get(FlagPagesHTTP.flags + "?archived=1")
            #expect(all.text.contains(#"<tr class="flag-row" data-key="ordering">"#))
            #expect(all.text.contains("Hide archived flags"))

            for (uri, fields) in [
                (path + "/active", [("active", "on")]), (path + "/archive", []),
                (path, FlagPagesHTTP.multivariate("ordering") + [("version", "3")]),
            ] {
                let refused = try await http.post(uri, fields)
                #expect(refused.status == .conflict, "\(uri)")
                #expect(refused.text.contains("This flag is archived"))
            }
            #expect(try await http.get(path + "/edit").status == .conflict)
            #expect(try await http.stored(1)[member: "version"] == 3)
        }
    }

    @Test("a save over a version someone else changed meanwhile is refused with the input kept")
    func staleEdit() async throws {
        try await FlagPagesHTTP.withSignedIn { http in
            let path = try await http.create(FlagPagesHTTP.multivariate("ordering"))
            _ = try await http.post(path + "/active", [("active", "off")])
            let stale = try await http.post(
                path, FlagPagesHTTP.multivariate("ordering", control: "10", test: "90") + [("version", "1")])
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("it was changed (now version 2) after this form was opened"))
            #expect(FlagPagesHTTP.value(of: "variant-0-rollout", in: stale.text) == "10")
            #expect(try await http.stored(1)[member: "version"] == 2)
        }
    }

    @Test("Add buttons show the form again with the input kept and a blank row, storing nothing")
    func addRows() async throws {
        try await FlagPagesHTTP.withSignedIn { http in
            let shown = try await http.post(
                FlagPagesHTTP.flags,
                [
                    ("key", "three-way"), ("type", "multivariate"), ("variant-0-key", "a"), ("variant-1-key", "b"),
                    ("add", "variant"),
                ])
            #expect(shown.status == .ok)
            #expect(FlagPagesHTTP.value(of: "key", in: shown.text) == "three-way")
            #expect(FlagPagesHTTP.value(of: "variant-1-key", in: shown.text) == "b")
            #expect(FlagPagesHTTP.value(of: "variant-2-key", in: shown.text) == "")
            #expect(shown.text.contains(#"id="type-multivariate" name="type" value="multivariate" checked"#))
            #expect(try await http.storedCount() == 0)
        }
    }
}
