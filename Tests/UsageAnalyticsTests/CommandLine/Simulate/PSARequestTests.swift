import Foundation
import Testing
import UsageAnalytics

@testable import psa

/// Every planned request, rendered, against the PSA's HTTP contract: routes, field names, enums.
@Suite("psa simulate: requests against the contract")
struct PSARequestTests {
    /// Allowed and required body fields of each route of the contract.
    static let contract: [String: (allowed: Set<String>, required: Set<String>)] = [
        "POST /api/auth/signup": (["company", "email", "password", "name"], ["company", "email", "password", "name"]),
        "POST /api/auth/login": (["email", "password", "totp"], ["email", "password"]),
        "POST /api/auth/logout": ([], []),
        "POST /api/clients": (["name"], ["name"]),
        "GET /api/clients": ([], []),
        "POST /api/users": (
            ["email", "name", "password", "role", "client_id"], ["email", "name", "password", "role"]
        ),
        "PATCH /api/users/{id}": (["active"], []),
        "POST /api/tickets": (
            [
                "title", "description", "priority", "category", "subcategory", "assignee_id", "source", "client_id",
            ], ["title"]
        ),
        "GET /api/tickets": ([], []),
        "GET /api/tickets/{id}": ([], []),
        "PATCH /api/tickets/{id}": (
            [
                "title", "description", "status", "priority", "category", "subcategory", "assignee_id", "client_id",
            ], []
        ),
        "DELETE /api/tickets/{id}": ([], []),
        "POST /api/tickets/{id}/comments": (["body", "internal", "resolution"], ["body"]),
        "GET /api/tickets/{id}/comments": ([], []),
    ]

    static let enums: [String: Set<String>] = [
        "priority": Set(["low", "medium", "high", "urgent"]),
        "status": Set(["new", "in_progress", "waiting_on_client", "resolved", "closed"]),
        "source": Set(["web_app", "api", "client_portal", "email", "asset_page"]),
        "role": Set(["admin", "agent", "client"]),
    ]

    @Test("every request of a plan matches the contract", arguments: [UInt64(1), 5])
    func matchesContract(seed: UInt64) throws {
        let plan = try PlanFixtures.plan(seed: seed)
        for (index, tenant) in plan.tenants.enumerated() {
            var identities = SequentialIdentities()
            for step in plan.days.flatMap({ $0.steps[index] }) {
                let request = try #require(PSARequest(step.action, tenant: tenant, identities: identities))
                try check(request)
                identities.learn(step.action)
            }
        }
    }

    func check(_ request: PSARequest) throws {
        let key = "\(request.method) \(request.route)"
        let fields = try #require(Self.contract[key], "\(key) is not a route of the contract")
        let body: [String: PropertyValue]
        if let data = request.body {
            guard case .object(let object) = try PropertyValue(json: Array(data)) else {
                Issue.record("\(key): body is not an object")
                return
            }
            body = object
        } else {
            body = [:]
        }
        #expect(Set(body.keys).isSubset(of: fields.allowed), "\(key): \(body.keys.sorted())")
        #expect(fields.required.isSubset(of: Set(body.keys)), "\(key): \(body.keys.sorted())")
        for (name, values) in Self.enums {
            if let value = body[name] { #expect(values.map(PropertyValue.string).contains(value), "\(key) \(name)") }
        }
        if let password = body["password"], case .string(let text) = password { #expect(text.count >= 12) }
        if request.route == "/api/tickets", request.method == "GET" {
            let items = URLComponents(string: request.path)?.queryItems ?? []
            let allowed: Set<String> = [
                "q", "status", "priority", "client", "assigned_to", "include_closed", "limit", "cursor",
            ]
            #expect(Set(items.map(\.name)).isSubset(of: allowed))
            for item in items where Self.enums[item.name] != nil {
                #expect(Self.enums[item.name]!.contains(item.value ?? ""))
            }
        }
    }

    @Test("a request whose id was never learnt is not sent")
    func missingIdentifiers() throws {
        let plan = try PlanFixtures.plan(tenants: 1, days: 2)
        let dependent = plan.allSteps.filter {
            switch $0.action {
            case .readTicket, .updateTicket, .comment, .deleteTicket, .deactivateUser: true
            default: false
            }
        }
        #expect(!dependent.isEmpty)
        for step in dependent {
            #expect(PSARequest(step.action, tenant: plan.tenants[0], identities: SequentialIdentities()) == nil)
        }
    }

    @Test("an id the server chose is one path segment, whatever it contains")
    func hostileIdentifiers() throws {
        let plan = try PlanFixtures.plan(tenants: 1, days: 1)
        var identities = SequentialIdentities()
        identities.tickets[TicketRef(index: 0)] = .string("../users/1?x=#")
        let read = try #require(
            PSARequest(.readTicket(TicketRef(index: 0)), tenant: plan.tenants[0], identities: identities))
        #expect(read.path == "/api/tickets/..%2Fusers%2F1%3Fx=%23")
        identities.tickets[TicketRef(index: 0)] = .number(42)
        let comment = try #require(
            PSARequest(
                .comment(TicketRef(index: 0), CommentDraft(body: "Hi", isInternal: true, isResolution: false)),
                tenant: plan.tenants[0], identities: identities))
        #expect(comment.path == "/api/tickets/42/comments")
        #expect(String(decoding: comment.body!, as: UTF8.self) == #"{"body":"Hi","internal":true,"resolution":false}"#)
    }

    @Test("passwords are random per run, at least 12 characters of every class")
    func passwords() {
        let passwords = (0..<50).map { _ in RandomPassword.make() }
        #expect(Set(passwords).count == 50)
        for password in passwords {
            #expect(password.count >= 12)
            #expect(password.contains(where: \.isLowercase) && password.contains(where: \.isUppercase))
            #expect(password.contains(where: \.isNumber) && password.contains { !$0.isLetter && !$0.isNumber })
        }
    }
}
