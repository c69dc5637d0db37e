import Foundation
import Hummingbird

/// The admin API: export, import, and deletion by person or time range.
struct ManagementController: Sendable {
    let store: any EventStore
    let validator: CaptureValidator
    let projectKeys: ProjectKeys
    let budget: BodyBudget

    static let exportPageSize = 1000

    func addRoutes(to group: RouterGroup<some RequestContext>) {
        group.get("export") { request, _ in self.export(request) }
        group.post("import") { request, _ in await self.importEvents(request) }
        group.delete("persons/{distinct_id}") { request, context in
            let raw = context.parameters.get("distinct_id") ?? ""
            return await self.deletePerson(request, distinctID: raw.removingPercentEncoding ?? raw)
        }
        group.delete("events") { request, _ in await self.deleteRange(request) }
    }

    /// `GET /api/export?format=ndjson&from=&to=&event=&project=`: one JSON event a line, streamed page by page.
    func export(_ request: Request) -> Response {
        let query = request.uri.queryParameters
        if let format = query["format"], format != "ndjson" {
            return JSONResponses.error(.invalidPayload("unsupported export format \(format); use ndjson"))
        }
        let filter: EventFilter
        do {
            filter = try self.filter(from: request, requireRange: false)
        } catch {
            return JSONResponses.error(error)
        }
        let store = self.store
        let body = ResponseBody { writer in
            var cursor: EventCursor?
            while true {
                let page = try await store.events(filter, after: cursor, limit: Self.exportPageSize)
                guard let last = page.last else { break }
                var buffer = ByteBuffer()
                for record in page { buffer.writeString(EventLine.encode(record)) }
                try await writer.write(buffer)
                cursor = EventCursor(after: last)
                if page.count < Self.exportPageSize { break }
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/x-ndjson"], body: body)
    }

    /// `POST /api/import?api_key=`: NDJSON events with capture's validation; all lines or none.
    func importEvents(_ request: Request) async -> Response {
        let limit = self.validator.limits.maxImportBytes
        do {
            return try await self.budget.withBody(
                of: request, maxBytes: limit, tooLarge: .requestTooLarge(limit: limit)
            ) { (body: ByteBuffer) async throws(IngestError) in
                let fallbackKey =
                    request.uri.queryParameters["api_key"].map(String.init) ?? self.projectKeys.keys.first
                let records = try self.importRecords(body, fallbackKey: fallbackKey)
                // One transaction: a storage failure part-way leaves nothing of the import behind.
                let inserted: Int
                do {
                    inserted = try await self.store.insert(batches: [records])
                } catch {
                    throw .storageUnavailable
                }
                return JSONResponses.json(
                    status: .ok,
                    #"{"status": 1, "received": \#(records.count), "inserted": \#(inserted)}"#
                )
            }
        } catch {
            return JSONResponses.error(error)
        }
    }

    private func importRecords(_ body: ByteBuffer, fallbackKey: String?) throws(IngestError) -> [EventRecord] {
        let now = Int64(Date().timeIntervalSince1970 * 1_000_000)
        let validator = self.validator
        let result: Result<[EventRecord], IngestError> = body.withUnsafeReadableBytes { raw in
            let bytes = raw.assumingMemoryBound(to: UInt8.self)
            var records: [EventRecord] = []
            var lineStart = 0
            var lineNumber = 0
            while lineStart < bytes.count {
                let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                lineNumber += 1
                let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
                lineStart = lineEnd + 1
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                do throws(IngestError) {
                    records += try validator.records(
                        json: line,
                        now: now,
                        fallbackKey: fallbackKey,
                        singleEventOnly: true
                    )
                } catch {
                    return .failure(
                        IngestError(
                            status: error.status, code: error.code, detail: "line \(lineNumber): \(error.detail)")
                    )
                }
            }
            return records.isEmpty ? .failure(.emptyBatch) : .success(records)
        }
        return try result.get()
    }

    /// `DELETE /api/persons/{distinct_id}?project=`.
    func deletePerson(_ request: Request, distinctID: String) async -> Response {
        guard !distinctID.isEmpty else { return JSONResponses.error(.missingDistinctID(index: 0)) }
        let project = request.uri.queryParameters["project"].map(String.init)
        return await self.delete(EventFilter(project: project, distinctID: distinctID))
    }

    /// `DELETE /api/events?from=&to=&event=&project=`: at least one bound of the time range is required.
    func deleteRange(_ request: Request) async -> Response {
        do {
            return await self.delete(try self.filter(from: request, requireRange: true))
        } catch {
            return JSONResponses.error(error)
        }
    }

    private func delete(_ filter: EventFilter) async -> Response {
        do {
            let deleted = try await self.store.delete(filter)
            return JSONResponses.json(status: .ok, #"{"deleted": \#(deleted)}"#)
        } catch {
            return JSONResponses.error(.storageUnavailable)
        }
    }

    private func filter(from request: Request, requireRange: Bool) throws(IngestError) -> EventFilter {
        let query = request.uri.queryParameters
        var filter = EventFilter()
        filter.project = query["project"].map(String.init)
        filter.event = query["event"].map(String.init)
        if let from = query["from"] {
            guard let parsed = Self.time(String(from)) else { throw .invalidPayload("from is not an ISO-8601 time") }
            filter.from = parsed
        }
        if let to = query["to"] {
            guard let parsed = Self.time(String(to)) else { throw .invalidPayload("to is not an ISO-8601 time") }
            filter.to = parsed
        }
        if requireRange && filter.from == nil && filter.to == nil {
            throw .invalidPayload("give from, to or both (ISO-8601 times)")
        }
        return filter
    }

    /// An ISO-8601 time, or a date alone (midnight UTC).
    static func time(_ text: String) -> Int64? {
        ISO8601Timestamp.parse(text) ?? ISO8601Timestamp.parse(text + "T00:00:00Z")
    }
}
