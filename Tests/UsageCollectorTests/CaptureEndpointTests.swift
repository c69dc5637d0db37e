import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import UsageCollector

@Suite("Capture endpoints over loopback HTTP")
struct CaptureEndpointTests {
    @Test("a batch is stored and answered with 200 {\"status\": 1}")
    func batchStored() async throws {
        let collector = try TestCollector()
        let ids = (0..<3).map { _ in UUID() }
        try await collector.withLiveServer { client in
            let response = try await client.post(
                "/batch/",
                json: Payload.batch(ids.map { Payload.event(uuid: $0) })
            )
            #expect(response.status == .ok)
            #expect(response.text == #"{"status": 1}"#)
        }
        let stored = try await collector.store.events(EventFilter(), after: nil, limit: 10)
        #expect(Set(stored.map(\.uuid)) == Set(ids))
        #expect(stored.allSatisfy { $0.project == TestCollector.projectKey && $0.event == "ticket_created" })
        #expect(stored[0].properties == #"{"$lib": "tests", "priority": "high", "n": 3}"#)
    }

    @Test("every capture path answers POST, GET and OPTIONS, with and without a trailing slash")
    func allPaths() async throws {
        let collector = try TestCollector()
        let paths = ["/batch", "/capture", "/e", "/i/v0/e"].flatMap { [$0, $0 + "/"] }
        try await collector.withLiveServer { client in
            for path in paths {
                let post = try await client.post(path, json: Payload.batch([Payload.event()]))
                #expect(post.status == .ok, "POST \(path)")
                let data = Data(Payload.batch([Payload.event()]).utf8).base64EncodedString()
                let encoded = data.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let get = try await client.execute(uri: "\(path)?data=\(encoded)", method: .get)
                #expect(get.status == .ok, "GET \(path)")
                let options = try await client.execute(
                    uri: path,
                    method: .options,
                    headers: [.origin: "https://app.example", .accessControlRequestHeaders: "content-type"]
                )
                #expect(options.status == .ok, "OPTIONS \(path)")
                #expect(options.headers[.accessControlAllowOrigin] == "https://app.example")
                #expect(options.headers[.accessControlAllowMethods]?.contains("POST") == true)
            }
        }
        let observed1 = try await collector.store.count(EventFilter())
        #expect(observed1 == paths.count * 2)
    }

    @Test("a bare array and a single event are accepted; a single event may carry its key in properties.token")
    func bodyShapes() async throws {
        let collector = try TestCollector()
        try await collector.withLiveServer { client in
            let array = "[" + Payload.event(extra: #""api_key": "\#(TestCollector.projectKey)""#) + "]"
            let observed2 = try await client.post("/e/", json: array).status
            #expect(observed2 == .ok)
            let single = Payload.event(extra: #""api_key": "\#(TestCollector.projectKey)""#)
            let observed3 = try await client.post("/capture/", json: single).status
            #expect(observed3 == .ok)
            let tokenInProperties =
                #"{"event": "$pageview", "distinct_id": "d1", "properties": {"token": "\#(TestCollector.otherProjectKey)"}}"#
            let observed4 = try await client.post("/i/v0/e/", json: tokenInProperties).status
            #expect(observed4 == .ok)
        }
        let observed5 = try await collector.store.count(EventFilter(project: TestCollector.projectKey))
        #expect(observed5 == 2)
        let observed6 = try await collector.store.count(EventFilter(project: TestCollector.otherProjectKey))
        #expect(observed6 == 1)
    }

    @Test("gzip by Content-Encoding or magic bytes, form data=base64, form gzip-js, text/plain JSON, GET raw JSON")
    func encodings() async throws {
        let collector = try TestCollector()
        try await collector.withLiveServer { client in
            // A new uuid each time, so that dedup does not hide a lost request.
            var body: String { Payload.batch([Payload.event()]) }
            let byHeader = try await client.post(
                "/batch/",
                Payload.gzip(body),
                headers: [.contentEncoding: "gzip", .contentType: "application/json"]
            )
            #expect(byHeader.status == .ok)
            let byMagic = try await client.post("/batch/", Payload.gzip(body), headers: [.contentType: "text/plain"])
            #expect(byMagic.status == .ok)

            let base64 = Data(body.utf8).base64EncodedString()
            let form = "data=" + base64.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let formResponse = try await client.post(
                "/e/",
                ByteBuffer(string: form),
                headers: [.contentType: "application/x-www-form-urlencoded"]
            )
            #expect(formResponse.status == .ok)

            let gzipped = Data(buffer: Payload.gzip(body)).base64EncodedString()
            let gzipForm =
                "data=" + gzipped.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! + "&compression=gzip-js"
            let gzipFormResponse = try await client.post(
                "/e/",
                ByteBuffer(string: gzipForm),
                headers: [.contentType: "application/x-www-form-urlencoded"]
            )
            #expect(gzipFormResponse.status == .ok)

            let plain = try await client.post("/batch/", json: body, headers: [.contentType: "text/plain"])
            #expect(plain.status == .ok)

            let rawJSON = body.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let rawGet = try await client.execute(uri: "/e/?data=\(rawJSON)", method: .get)
            #expect(rawGet.status == .ok)
        }
        let observed7 = try await collector.store.count(EventFilter())
        #expect(observed7 == 6)
    }

    @Test("a client uuid is kept; a missing one becomes a UUIDv7; distinct_id is cut to 200 characters")
    func identity() async throws {
        let collector = try TestCollector()
        let kept = UUID()
        let longID = String(repeating: "é", count: 250)
        try await collector.withLiveServer { client in
            let events = [
                Payload.event("kept", uuid: kept),
                Payload.event("generated", distinctID: longID, uuid: nil),
                #"{"event": "numeric", "distinct_id": 12345}"#,
            ]
            let observed8 = try await client.post("/batch/", json: Payload.batch(events)).status
            #expect(observed8 == .ok)
        }
        let stored = try await collector.store.events(EventFilter(), after: nil, limit: 10)
        let byName = Dictionary(uniqueKeysWithValues: stored.map { ($0.event, $0) })
        #expect(byName["kept"]?.uuid == kept)
        let generated = try #require(byName["generated"])
        #expect(generated.uuid.uuid.6 >> 4 == 7)
        #expect(generated.uuid.uuid.8 >> 6 == 0b10)
        #expect(generated.distinctID == String(repeating: "é", count: 200))
        #expect(byName["numeric"]?.distinctID == "12345")
        #expect(byName["numeric"]?.properties == "{}")
    }

    @Test("clock skew is corrected from sent_at: timestamp + (now - sent_at)")
    func clockSkew() async throws {
        let collector = try TestCollector()
        let before = Int64(Date().timeIntervalSince1970 * 1_000_000)
        try await collector.withLiveServer { client in
            // The client's clock runs one hour ahead: it says it sent at 11:00 an event of 10:30.
            let event = Payload.event("skewed", extra: #""timestamp": "2030-01-01T10:30:00Z""#)
            let body = Payload.batch([event], sentAt: "2030-01-01T11:00:00.000000+00:00")
            let observed9 = try await client.post("/batch/", json: body).status
            #expect(observed9 == .ok)
            let offset = Payload.event("offset", extra: #""offset": 60000"#)
            let observed10 = try await client.post("/batch/", json: Payload.batch([offset])).status
            #expect(observed10 == .ok)
            let noSentAt = Payload.event("plain", extra: #""timestamp": "2024-02-29T23:59:59.5-01:00""#)
            let observed11 = try await client.post("/batch/", json: Payload.batch([noSentAt])).status
            #expect(observed11 == .ok)
        }
        let after = Int64(Date().timeIntervalSince1970 * 1_000_000)
        let stored = try await collector.store.events(EventFilter(), after: nil, limit: 10)
        let byName = Dictionary(uniqueKeysWithValues: stored.map { ($0.event, $0) })
        let halfHour: Int64 = 30 * 60 * 1_000_000
        let skewed = try #require(byName["skewed"]).timestamp
        #expect(skewed >= before - halfHour && skewed <= after - halfHour)
        let offset = try #require(byName["offset"]).timestamp
        #expect(offset >= before - 60_000_000 && offset <= after - 60_000_000)
        #expect(byName["plain"]?.timestamp == ISO8601Timestamp.parse("2024-03-01T00:59:59.500000Z"))
    }

    @Test("a retried batch is stored once and both attempts get 200")
    func dedupOnRetry() async throws {
        let collector = try TestCollector()
        let body = Payload.batch((0..<50).map { _ in Payload.event() })
        try await collector.withLiveServer { client in
            let observed12 = try await client.post("/batch/", json: body).status
            #expect(observed12 == .ok)
            let observed13 = try await client.post("/batch/", Payload.gzip(body), headers: [.contentEncoding: "gzip"])
                .status
            #expect(observed13 == .ok)
        }
        let observed14 = try await collector.store.count(EventFilter())
        #expect(observed14 == 50)
    }

    @Test("health endpoints answer")
    func health() async throws {
        let collector = try TestCollector()
        try await collector.withLiveServer { client in
            let liveness = try await client.execute(uri: "/_liveness", method: .get)
            #expect(liveness.status == .ok)
            let readiness = try await client.execute(uri: "/_readiness", method: .get)
            #expect(readiness.status == .ok)
            #expect(readiness.text == #"{"status": "ok"}"#)
        }
    }
}
