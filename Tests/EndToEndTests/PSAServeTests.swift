import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PostgresTestSupport
import Testing
import UsageCollector

/// `psa serve` as a child process: a scripted user session over HTTP, a graceful stop, and the events read
/// back from the embedded collector's store, with none of the session's personal data in them.
@Suite("psa serve end to end", .timeLimit(.minutes(3)))
struct PSAServeTests {
    static let executable: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("psa").path),
            directory.path != "/"
        {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("psa")
    }()

    /// The session's personal data: none of it may reach the collector.
    static let personalData = [
        "Initech", "initech", "Peter", "peter", "Gibbons", "TPS", "Bolton", "michael", "555-0100", "lumbergh",
    ]

    @Test func aUserSessionReachesTheCollectorWithoutPersonalData() async throws {
        let directory = NSTemporaryDirectory() + "psa-serve-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let collectorPort = try FreePort.find()
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["serve", "--port", "0", "--collector-port", "\(collectorPort)", "--data-dir", directory]
        process.environment = ["PATH": "/usr/bin:/bin", "PSA_BCRYPT_COST": "4", "ANALYTICS_FLUSH_INTERVAL": "3600"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        var lines: [String] = []
        var apiPort: Int?
        for await line in Self.lines(of: output.fileHandleForReading) {
            lines.append(line)
            if line.hasPrefix("PSA API listening on http://127.0.0.1:") {
                apiPort = Int(line.dropFirst("PSA API listening on http://127.0.0.1:".count).prefix { $0.isNumber })
                break
            }
        }
        let port = try #require(apiPort, "psa serve printed: \(lines)")
        #expect(lines.contains { $0.hasPrefix("collector admin token (generated, shown once") })
        #expect(lines.contains("analytics events go to http://127.0.0.1:\(collectorPort)"))

        let api = API(base: "http://127.0.0.1:\(port)")
        let signUp = try await api.send(
            .POST, "/api/auth/signup",
            #"{"company": "Initech", "email": "peter@initech.test", "password": "TPS reports 4ever", "name": "Peter Gibbons"}"#
        )
        #expect(signUp.status == 201)
        let login = try await api.send(
            .POST, "/api/auth/login", #"{"email": "peter@initech.test", "password": "TPS reports 4ever"}"#)
        let token = try #require(login.json["token"] as? String)
        let ticket = try await api.send(
            .POST, "/api/tickets",
            #"{"title": "TPS report printer", "description": "Call Michael Bolton at 555-0100", "priority": "high"}"#,
            token: token)
        let id = try #require(ticket.json["id"] as? String)
        #expect(try await api.send(.GET, "/api/tickets?q=TPS", token: token).json["results"] is [Any])
        #expect(
            try await api.send(.POST, "/api/tickets/\(id)/comments", #"{"body": "Asked lumbergh"}"#, token: token)
                .status == 201)
        #expect(
            try await api.send(.PATCH, "/api/tickets/\(id)", #"{"status": "resolved"}"#, token: token).status == 200)
        #expect(try await api.send(.DELETE, "/api/tickets/\(id)", token: token).status == 204)
        let dashboard = try await API(base: "http://127.0.0.1:\(collectorPort)").sendAndShutdown(.GET, "/")
        #expect(dashboard.status == 200 && dashboard.text.contains("Usage collector"))
        let metrics = try await api.send(.GET, "/metrics")
        #expect(metrics.text.contains("usage_analytics_events_captured_total"))
        #expect(metrics.text.contains("/api/tickets/{id}"))
        #expect(try await api.send(.POST, "/api/auth/logout", token: token).status == 204)
        #expect(
            try await api.send(.POST, "/api/auth/login", #"{"email": "peter@initech.test", "password": "wrong one!!"}"#)
                .status == 401)
        try await api.shutdown()

        // Ctrl-C: the last flush reaches the collector before it stops.
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        let store = try SQLiteEventStore(path: directory + "/collector/events.sqlite")
        let events = try await store.events(EventFilter(), after: nil, limit: 1_000)
        let names = Set(events.map(\.event))
        for expected in [
            "user_signed_up", "auth_validated", "user_logged_in", "ticket_created", "ticket_searched",
            "ticket_comment_added", "ticket_updated", "ticket_resolved", "ticket_deleted", "user_logged_out",
            "login_failed", "api_request",
        ] {
            #expect(names.contains(expected), "missing \(expected) in \(names.sorted())")
        }
        #expect(events.filter { $0.event == "ticket_created" }.count == 1)
        // On-premise, everything the signed-in user did carries the tenant's one id; sign-up and sign-in
        // requests came before any session, so their api_request events carry the installation's.
        let tenantIDs = Set(
            events.filter { $0.event.hasPrefix("ticket_") || $0.event.hasPrefix("user_") }.map(\.distinctID))
        #expect(tenantIDs.count == 1, "one hashed id per tenant on-premise: \(tenantIDs)")
        #expect(Set(events.map(\.distinctID)).count == 2)
        for event in events {
            for secret in Self.personalData + [token, id] {
                #expect(!event.properties.contains(secret) && !event.distinctID.contains(secret), "\(event.event)")
            }
        }
    }
}

extension PSAServeTests {
    /// The lines a child process writes, read on a thread of their own (blocking reads), until it closes.
    static func lines(of handle: FileHandle) -> AsyncStream<String> {
        AsyncStream { continuation in
            let thread = Thread {
                var pending = Data()
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    pending.append(chunk)
                    while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                        continuation.yield(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                        pending.removeSubrange(pending.startIndex...newline)
                    }
                }
                continuation.finish()
            }
            thread.start()
        }
    }
}

/// A small JSON client over AsyncHTTPClient.
struct API {
    let base: String
    let client = HTTPClient(eventLoopGroupProvider: .singleton)

    struct Reply {
        let status: UInt
        let text: String
        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        }
    }

    func send(_ method: HTTPMethod, _ path: String, _ body: String? = nil, token: String? = nil) async throws -> Reply {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await client.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 1 << 22)
        return Reply(status: response.status.code, text: String(buffer: bytes))
    }

    /// One request, then the client's shutdown.
    func sendAndShutdown(_ method: HTTPMethod, _ path: String) async throws -> Reply {
        let reply = try await send(method, path)
        try await shutdown()
        return reply
    }

    func shutdown() async throws {
        try await client.shutdown()
    }
}
