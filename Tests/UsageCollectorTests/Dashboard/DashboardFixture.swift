import Foundation

@testable import UsageCollector

/// Five days of PSA events with the real property names (docs/EVENTS.md), small enough to count by hand.
enum DashboardFixture {
    static let firstDay = "2026-11-10"
    static let lastDay = "2026-11-14"
    static let rangeQuery = "from=2026-11-10&to=2026-11-14"
    static let dayCount = 5
    /// The dashboard's clock: the evening of the last day.
    static let now = Date(timeIntervalSince1970: 1_794_679_200)  // 2026-11-14T18:00:00Z

    static let users = ["user-a", "user-b", "user-c", "user-d"]
    static let endpoints = ["/api/tickets", "/api/tickets/{id}", "/api/auth/login"]
    static let failureReasons = ["invalid_password", "unknown_user", "locked_out"]

    /// Hand counts of the fixture, per day.
    static let createdPerDay = [3, 4, 5, 6, 7]
    static let resolvedPerDay = [1, 2, 3, 4, 5]
    static let searchesPerDay = [4, 4, 4, 4, 4]
    static let zeroResultSearchesPerDay = [1, 1, 1, 1, 1]
    static let requestsPerDay = [10, 10, 10, 10, 10]
    /// Statuses 404 and 500 each day.
    static let failedRequestsPerDay = [2, 2, 2, 2, 2]
    static let loginFailures = ["invalid_password": 7, "unknown_user": 5, "locked_out": 3]

    static func day(_ index: Int, hour: Int, minute: Int) -> String {
        "2026-11-\(10 + index)T\(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute):00Z"
    }

    /// One capture payload object; `properties` is the inside of its JSON object.
    static func payload(_ name: String, _ user: String, _ time: String, _ properties: String) -> String {
        #"{"event": "\#(name)", "distinct_id": "\#(user)", "timestamp": "\#(time)", "#
            + #""uuid": "\#(UUID().uuidString.lowercased())", "properties": {\#(properties)}}"#
    }

    /// The events as capture payload objects, the time and billing weeks included.
    static func events() -> [String] {
        var events: [String] = []
        func add(_ name: String, _ user: String, _ time: String, _ properties: String) {
            events.append(Self.payload(name, user, time, properties))
        }
        let priorities = ["low", "medium", "high", "urgent"]
        for day in 0..<Self.dayCount {
            for index in 0..<Self.createdPerDay[day] {
                add(
                    "ticket_created", Self.users[index % 4], Self.day(day, hour: 8, minute: index),
                    #""ticket_type": "manual", "priority": "\#(priorities[index % 4])", "created_via": "web_app""#)
            }
            for index in 0..<Self.resolvedPerDay[day] {
                add(
                    "ticket_resolved", Self.users[index % 4], Self.day(day, hour: 12, minute: index),
                    #""time_to_resolution_minutes": \#(30 * (index + 1) + day), "priority": "\#(priorities[index % 2])""#
                )
            }
            for index in 0..<2 {
                add(
                    "ticket_assigned", Self.users[index], Self.day(day, hour: 9, minute: index),
                    #""was_reassignment": false, "time_to_first_assignment_minutes": \#(5 + 2 * day + index)"#)
            }
            for index in 0..<Self.searchesPerDay[day] {
                add(
                    "ticket_searched", Self.users[index % 4], Self.day(day, hour: 10, minute: index),
                    #""query_length": 6, "result_count": \#(index * 3), "limit": 25, "duration_ms": \#(20 + 10 * index + day)"#
                )
            }
            for index in 0..<Self.requestsPerDay[day] {
                let status = index == 9 ? 500 : index == 8 ? 404 : 200
                let slow = index == 7
                add(
                    "api_request", Self.users[index % 4], Self.day(day, hour: 11, minute: index),
                    #""endpoint": "\#(Self.endpoints[index % 3])", "method": "GET", "status": \#(status), "#
                        + #""duration_ms": \#(slow ? 1500 + day : 50 + 37 * index + day), "has_auth": true, "#
                        + #""is_slow": \#(slow)"#)
            }
            add(
                "slow_operation", Self.users[0], Self.day(day, hour: 13, minute: 0),
                #""operation": "\#(day % 2 == 0 ? "bcrypt_verify" : "ticket_search")", "duration_ms": \#(1200 + 10 * day), "threshold_ms": 1000"#
            )
            for (index, provider) in [day % 2 == 0 ? "credentials" : "google", "keycloak"].enumerated() {
                add(
                    "user_logged_in", Self.users[index], Self.day(day, hour: 7, minute: index),
                    #""provider": "\#(provider)", "user_type": "internal", "has_two_factor": \#(index == 0), "#
                        + #""login_method": "password""#)
            }
            for index in 0...day {
                add(
                    "login_failed", Self.users[3], Self.day(day, hour: 7, minute: 30 + index),
                    #""reason": "\#(Self.failureReasons[index % 3])", "provider": "credentials""#)
            }
        }
        return events + Self.timeAndBillingEvents()
    }
}
