import Foundation

/// Turns a decoded capture payload into event records, or refuses the whole request.
///
/// Order of checks follows PostHog: an undecodable body is a 400, then the project key (401), then each
/// event (400). One invalid event rejects the request, so nothing partial is ever stored.
struct CaptureValidator: Sendable {
    let projectKeys: ProjectKeys
    let limits: IngestLimits

    /// Validates the JSON text of a capture request.
    /// - Parameters:
    ///   - json: the decompressed body
    ///   - now: the receive time in microseconds since the epoch
    ///   - fallbackKey: a key given outside the body (query string), used when the body names none
    ///   - singleEventOnly: refuse batches (used per line by the NDJSON import)
    func records(
        json: UnsafeBufferPointer<UInt8>,
        now: Int64,
        fallbackKey: String? = nil,
        singleEventOnly: Bool = false
    ) throws(IngestError) -> [EventRecord] {
        let payload: CapturePayload
        var parser = CapturePayloadParser(
            json,
            maxDepth: self.limits.maxNestingDepth,
            maxEvents: self.limits.maxEventsPerRequest
        )
        do {
            payload = try parser.parsePayload()
        } catch {
            switch error {
            case .tooDeep: throw .nestingTooDeep(limit: self.limits.maxNestingDepth)
            case .tooManyEvents: throw .tooManyEvents(limit: self.limits.maxEventsPerRequest)
            case .syntax(let detail): throw .invalidPayload("invalid JSON: \(detail)")
            }
        }
        if singleEventOnly && payload.isBatch { throw .invalidPayload("expected one event object") }
        if !payload.isBatch && json.count > self.limits.maxSingleEventRequestBytes {
            throw .requestTooLarge(limit: self.limits.maxSingleEventRequestBytes)
        }
        guard !payload.events.isEmpty else { throw .emptyBatch }

        let project = try self.project(for: payload, fallbackKey: fallbackKey)
        var sentAt: Int64?
        if let sentAtText = payload.sentAtText { sentAt = ISO8601Timestamp.parse(sentAtText) }

        var records: [EventRecord] = []
        records.reserveCapacity(payload.events.count)
        for (index, event) in payload.events.enumerated() {
            records.append(
                try self.record(event, index: index, parser: parser, project: project, sentAt: sentAt, now: now)
            )
        }
        return records
    }

    private func project(for payload: CapturePayload, fallbackKey: String?) throws(IngestError) -> String {
        let batchKey = payload.isBatch ? payload.apiKey : nil
        var requestKey: String?
        for event in payload.events {
            guard let key = event.apiKey ?? batchKey ?? fallbackKey else { throw .missingAPIKey }
            if let requestKey, requestKey != key { throw .mixedAPIKeys }
            requestKey = key
        }
        if let batchKey, let requestKey, batchKey != requestKey { throw .mixedAPIKeys }
        guard let requestKey, let project = self.projectKeys.match(requestKey) else { throw .invalidAPIKey }
        return project
    }

    private func record(
        _ event: CapturedEvent,
        index: Int,
        parser: CapturePayloadParser,
        project: String,
        sentAt: Int64?,
        now: Int64
    ) throws(IngestError) -> EventRecord {
        guard event.byteCount <= self.limits.maxEventBytes else {
            throw .eventTooLarge(index: index, limit: self.limits.maxEventBytes)
        }
        guard let name = event.event, !name.isEmpty else { throw .missingEventName(index: index) }
        guard var distinctID = event.distinctID, !distinctID.isEmpty else { throw .missingDistinctID(index: index) }
        if distinctID.utf8.count > self.limits.maxDistinctIDLength {
            distinctID = String(
                String.UnicodeScalarView(distinctID.unicodeScalars.prefix(self.limits.maxDistinctIDLength)))
        }
        guard event.propertiesIsObject else {
            throw .invalidPayload("event \(index) has properties that are not an object")
        }

        let uuid: UUID
        if let uuidRange = event.uuidText {
            guard event.uuidIsString, let parsed = EventUUID.parse(parser.bytes(uuidRange)) else {
                throw .invalidUUID(index: index)
            }
            uuid = parsed
        } else if !event.uuidIsString {
            throw .invalidUUID(index: index)
        } else {
            uuid = EventUUID.version7(microseconds: now)
        }

        var timestamp = now
        if let timestampRange = event.timestampText {
            guard event.timestampIsString, let parsed = ISO8601Timestamp.parse(parser.bytes(timestampRange)) else {
                throw .invalidTimestamp(index: index)
            }
            // PostHog's skew correction: the client's clock was off by (sent_at - now).
            timestamp = sentAt.map { parsed + (now - $0) } ?? parsed
        } else if !event.timestampIsString {
            throw .invalidTimestamp(index: index)
        } else if let offset = event.offsetMilliseconds {
            timestamp = now - offset * 1000
        }

        return EventRecord(
            project: project,
            uuid: uuid,
            event: name,
            distinctID: distinctID,
            timestamp: timestamp,
            properties: event.properties ?? "{}",
            receivedAt: now
        )
    }
}
