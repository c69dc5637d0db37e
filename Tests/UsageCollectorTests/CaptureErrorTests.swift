import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import UsageCollector

@Suite("Capture errors: PostHog status codes and exact bodies, nothing partial stored")
struct CaptureErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let body: String
        let status: HTTPResponse.Status
        let expected: String
        var testDescription: String { self.name }
    }

    static let key = TestCollector.projectKey
    static let invalidJSON = #"{"api_key": "\#(key)", "batch": [{"event": "x",}]}"#

    static let cases: [Case] = [
        Case(
            name: "undecodable JSON",
            body: invalidJSON,
            status: .badRequest,
            expected: errorBody(
                "invalid_payload",
                "invalid JSON: expected an object key at byte \(invalidJSON.utf8.count - 3)"
            )
        ),
        Case(
            name: "empty batch",
            body: #"{"api_key": "\#(key)", "batch": []}"#,
            status: .badRequest,
            expected: errorBody("empty_batch", "the batch contains no events")
        ),
        Case(
            name: "missing event name",
            body: Payload.batch([Payload.event(), #"{"distinct_id": "u"}"#]),
            status: .badRequest,
            expected: errorBody("missing_event_name", "event 1 has no event name")
        ),
        Case(
            name: "missing distinct_id",
            body: Payload.batch([Payload.event(), Payload.event(distinctID: nil)]),
            status: .badRequest,
            expected: errorBody("missing_distinct_id", "event 1 has no distinct_id")
        ),
        Case(
            name: "empty distinct_id",
            body: Payload.batch([Payload.event(distinctID: "")]),
            status: .badRequest,
            expected: errorBody("missing_distinct_id", "event 0 has no distinct_id")
        ),
        Case(
            name: "invalid uuid",
            body: Payload.batch([Payload.event(), Payload.event(uuid: nil, extra: #""uuid": "not-a-uuid""#)]),
            status: .badRequest,
            expected: errorBody("invalid_uuid", "event 1 has a uuid that is not a valid UUID")
        ),
        Case(
            name: "invalid timestamp",
            body: Payload.batch([Payload.event(extra: #""timestamp": "2024-02-30T10:00:00Z""#)]),
            status: .badRequest,
            expected: errorBody("invalid_timestamp", "event 0 has an invalid timestamp")
        ),
        Case(
            name: "event larger than 1 MB",
            body: Payload.batch([
                Payload.event(), Payload.event(extra: #""pad": "\#(String(repeating: "x", count: 1_048_600))""#),
            ]),
            status: .badRequest,
            expected: errorBody("event_too_large", "event 1 is larger than 1048576 bytes")
        ),
        Case(
            name: "missing api key",
            body: Payload.batch([Payload.event()], apiKey: nil),
            status: .unauthorized,
            expected: errorBody("missing_api_key", "no api_key or token was provided", type: "authentication_error")
        ),
        Case(
            name: "unknown api key",
            body: Payload.batch([Payload.event()], apiKey: "phc_unknown"),
            status: .unauthorized,
            expected: errorBody(
                "invalid_api_key", "the api_key is not a project key of this collector", type: "authentication_error")
        ),
        Case(
            name: "mixed api keys",
            body: "["
                + Payload.event(extra: #""api_key": "\#(key)""#) + ","
                + Payload.event(extra: #""api_key": "\#(TestCollector.otherProjectKey)""#) + "]",
            status: .unauthorized,
            expected: errorBody(
                "mixed_api_keys", "the events of one request carry different api keys", type: "authentication_error")
        ),
        Case(
            name: "single event over 2 MB",
            body: Payload.event(extra: #""api_key": "\#(key)", "pad": "\#(String(repeating: "x", count: 2_100_000))""#),
            status: .contentTooLarge,
            expected: errorBody("request_too_large", "the request is larger than 2097152 bytes")
        ),
        Case(
            name: "batch over 20 MB",
            body: Payload.batch(
                (0..<21).map { _ in Payload.event(extra: #""pad": "\#(String(repeating: "y", count: 1_000_000))""#) }
            ),
            status: .contentTooLarge,
            expected: errorBody("request_too_large", "the request is larger than 20971520 bytes")
        ),
        Case(
            name: "more events than the per-request limit",
            body:
                #"{"api_key": "\#(key)", "batch": [\#(Array(repeating: "{}", count: 100_001).joined(separator: ","))]}"#,
            status: .contentTooLarge,
            expected: errorBody("request_too_large", "the request holds more than 100000 events")
        ),
    ]

    @Test("status code and error body", arguments: cases)
    func refused(_ testCase: Case) async throws {
        let collector = try TestCollector()
        try await collector.withLiveServer { client in
            let response = try await client.post("/batch/", json: testCase.body)
            #expect(response.status == testCase.status)
            #expect(response.text == testCase.expected)
            #expect(response.headers[.contentType] == "application/json")
        }
        let observed1 = try await collector.store.count(EventFilter())
        #expect(observed1 == 0)
    }

    @Test("hostile bodies get a 4xx JSON error and store nothing", arguments: HostileBody.allCases)
    func hostile(_ hostile: HostileBody) async throws {
        let collector = try TestCollector()
        try await collector.withLiveServer { client in
            let (body, headers) = hostile.request
            let response = try await client.post("/batch/", body, headers: headers)
            #expect(response.status == hostile.status)
            #expect(response.text.hasPrefix(#"{"type": "validation_error", "code": "\#(hostile.code)""#))
        }
        let observed2 = try await collector.store.count(EventFilter())
        #expect(observed2 == 0)
    }

    enum HostileBody: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case nonUTF8
        case deepNesting
        case garbageGzip
        case truncatedGzip
        case gzipBomb
        case oversizedPlain
        case binaryWithImageType
        case multipartForm
        case emptyBody
        case badBase64Form
        case trailingGarbage
        case loneSurrogate

        var testDescription: String { self.rawValue }

        var status: HTTPResponse.Status {
            switch self {
            case .gzipBomb, .oversizedPlain: .contentTooLarge
            default: .badRequest
            }
        }

        var code: String {
            switch self {
            case .gzipBomb, .oversizedPlain: "request_too_large"
            case .deepNesting: "nesting_too_deep"
            default: "invalid_payload"
            }
        }

        var request: (ByteBuffer, HTTPFields) {
            let json: HTTPFields = [.contentType: "application/json"]
            let key = TestCollector.projectKey
            switch self {
            case .nonUTF8:
                var buffer = ByteBuffer(string: #"{"api_key": "\#(key)", "batch": [{"event": "a"#)
                buffer.writeBytes([0xC3, 0x28, 0xFF])
                buffer.writeString(#"", "distinct_id": "u"}]}"#)
                return (buffer, json)
            case .deepNesting:
                let nested = String(repeating: #"{"a":"#, count: 100) + "1" + String(repeating: "}", count: 100)
                return (ByteBuffer(string: Payload.batch([Payload.event(extra: #""deep": \#(nested)"#)])), json)
            case .garbageGzip:
                var buffer = ByteBuffer(bytes: [0x1F, 0x8B])
                buffer.writeBytes((0..<500).map { UInt8(truncatingIfNeeded: $0 &* 31) })
                return (buffer, [.contentEncoding: "gzip"])
            case .truncatedGzip:
                let full = Payload.gzip(Payload.batch((0..<20).map { _ in Payload.event() }))
                return (full.getSlice(at: 0, length: full.readableBytes / 2)!, [.contentEncoding: "gzip"])
            case .gzipBomb:
                // 200 MB of zeros inflate from about 200 KB: refused after 20 MB, never held in full.
                var zeros = ByteBuffer(repeating: 0x20, count: 200 * 1024 * 1024)
                return (try! zeros.compress(with: .gzip()), [.contentEncoding: "gzip"])
            case .oversizedPlain:
                return (ByteBuffer(repeating: UInt8(ascii: " "), count: 31 * 1024 * 1024), json)
            case .binaryWithImageType:
                return (
                    ByteBuffer(bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]),
                    [.contentType: "image/png"]
                )
            case .multipartForm:
                let body = "--xyz\r\nContent-Disposition: form-data; name=\"data\"\r\n\r\n{}\r\n--xyz--\r\n"
                return (ByteBuffer(string: body), [.contentType: "multipart/form-data; boundary=xyz"])
            case .emptyBody:
                return (ByteBuffer(), json)
            case .badBase64Form:
                return (ByteBuffer(string: "data=%%%not-base64!!"), [.contentType: "application/x-www-form-urlencoded"])
            case .trailingGarbage:
                return (ByteBuffer(string: Payload.batch([Payload.event()]) + " {}"), json)
            case .loneSurrogate:
                return (ByteBuffer(string: Payload.batch([#"{"event": "bad\ud800name", "distinct_id": "u"}"#])), json)
            }
        }
    }

    @Test("one invalid event rejects the whole batch: valid events before it are not stored")
    func allOrNothing() async throws {
        let collector = try TestCollector()
        try await collector.withLiveServer { client in
            let events = (0..<99).map { _ in Payload.event() } + [Payload.event(extra: #""timestamp": "yesterday""#)]
            let response = try await client.post("/batch/", json: Payload.batch(events))
            #expect(response.status == .badRequest)
            #expect(response.text == errorBody("invalid_timestamp", "event 99 has an invalid timestamp"))
        }
        let observed3 = try await collector.store.count(EventFilter())
        #expect(observed3 == 0)
    }
}
