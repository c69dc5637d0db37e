/// Reads a capture payload with ``JSONScanner``: validates the whole document and extracts the few fields
/// the collector needs, keeping `properties` as raw JSON text.
struct CapturePayloadParser {
    private var scanner: JSONScanner
    private let maxEvents: Int

    private enum Key {
        case batch, apiKey, token, sentAt
        case event, distinctID, uuid, timestamp, offset, properties
        case other
    }

    init(_ buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int, maxEvents: Int = .max) {
        self.scanner = JSONScanner(buffer, maxDepth: maxDepth)
        self.maxEvents = maxEvents
    }

    /// Parses a whole body (batch object, array of events or single event). Keys the collector does not use,
    /// such as `historical_migration`, are validated and skipped.
    mutating func parsePayload() throws(JSONScanFailure) -> CapturePayload {
        var payload = CapturePayload()
        switch self.scanner.peek() {
        case UInt8(ascii: "["):
            payload.isBatch = true
            payload.events = try self.parseEventArray(depth: 1)
        case UInt8(ascii: "{"):
            let start = self.scanner.position
            var single = CapturedEvent()
            try self.scanner.beginObject(depth: 1)
            var isFirst = true
            while let keyToken = try self.scanner.nextKey(isFirst: &isFirst) {
                let key = self.classify(keyToken)
                switch key {
                case .batch:
                    payload.isBatch = true
                    payload.events = try self.parseEventArray(depth: 2)
                case .sentAt:
                    if self.scanner.peek() == UInt8(ascii: "\"") {
                        payload.sentAtText = self.scanner.string(try self.scanner.scanString())
                    } else {
                        try self.scanner.skipValue(depth: 2)
                    }
                default:
                    try self.readEventField(key, into: &single, depth: 1)
                }
            }
            single.byteCount = self.scanner.position - start
            payload.apiKey = single.apiKey
            if !payload.isBatch { payload.events = [single] }
        default:
            throw .syntax("the body is not a JSON object or array")
        }
        try self.scanner.expectEnd()
        return payload
    }

    private mutating func parseEventArray(depth: Int) throws(JSONScanFailure) -> [CapturedEvent] {
        guard self.scanner.peek() == UInt8(ascii: "[") else { throw .syntax("batch is not an array") }
        try self.scanner.beginArray(depth: depth)
        var events: [CapturedEvent] = []
        events.reserveCapacity(128)
        var isFirst = true
        while try self.scanner.nextElement(isFirst: &isFirst) {
            guard events.count < self.maxEvents else { throw .tooManyEvents }
            events.append(try self.parseEvent(depth: depth + 1))
        }
        return events
    }

    /// Parses one event object; a value that is not an object becomes an event with no fields.
    mutating func parseEvent(depth: Int) throws(JSONScanFailure) -> CapturedEvent {
        var event = CapturedEvent()
        let start = self.scanner.position
        guard self.scanner.peek() == UInt8(ascii: "{") else {
            try self.scanner.skipValue(depth: depth)
            event.byteCount = self.scanner.position - start
            return event
        }
        try self.scanner.beginObject(depth: depth)
        var isFirst = true
        while let keyToken = try self.scanner.nextKey(isFirst: &isFirst) {
            try self.readEventField(self.classify(keyToken), into: &event, depth: depth)
        }
        event.byteCount = self.scanner.position - start
        return event
    }

    /// Reads the value of one member of an event object whose own depth is `depth`.
    private mutating func readEventField(_ key: Key, into event: inout CapturedEvent, depth: Int)
        throws(JSONScanFailure)
    {
        switch key {
        case .event:
            event.event = try self.optionalString(depth: depth + 1)
        case .distinctID:
            if let identifier = try self.identifier(depth: depth + 1) { event.distinctID = identifier }
        case .uuid:
            if try self.scanner.consumeNull() { return }
            if self.scanner.peek() == UInt8(ascii: "\"") {
                let token = try self.scanner.scanString()
                event.uuidText = token.range
                event.uuidIsString = !token.hasEscapes
            } else {
                try self.scanner.skipValue(depth: depth + 1)
                event.uuidIsString = false
            }
        case .timestamp:
            if try self.scanner.consumeNull() { return }
            if self.scanner.peek() == UInt8(ascii: "\"") {
                let token = try self.scanner.scanString()
                event.timestampText = token.range
                event.timestampIsString = !token.hasEscapes
            } else {
                try self.scanner.skipValue(depth: depth + 1)
                event.timestampIsString = false
            }
        case .offset:
            if let byte = self.scanner.peek(), byte == UInt8(ascii: "-") || byte &- UInt8(ascii: "0") < 10 {
                let range = try self.scanner.scanNumber()
                event.offsetMilliseconds = Int64(String(decoding: self.scanner.bytes(range), as: UTF8.self))
            } else {
                try self.scanner.skipValue(depth: depth + 1)
            }
        case .properties:
            try self.readProperties(into: &event, depth: depth + 1)
        case .apiKey, .token:
            if let key = try self.optionalString(depth: depth + 1) { event.apiKey = key }
        default:
            try self.scanner.skipValue(depth: depth + 1)
        }
    }

    private mutating func readProperties(into event: inout CapturedEvent, depth: Int) throws(JSONScanFailure) {
        if try self.scanner.consumeNull() { return }
        guard self.scanner.peek() == UInt8(ascii: "{") else {
            try self.scanner.skipValue(depth: depth)
            event.propertiesIsObject = false
            return
        }
        let start = self.scanner.position
        let nullEscapesBefore = self.scanner.sawNullEscape
        self.scanner.sawNullEscape = false
        try self.scanner.beginObject(depth: depth)
        var isFirst = true
        var propertyKey: String?
        var propertyDistinctID: String?
        while let keyToken = try self.scanner.nextKey(isFirst: &isFirst) {
            if self.scanner.token(keyToken, equals: "token") {
                propertyKey = try self.optionalString(depth: depth + 1)
            } else if self.scanner.token(keyToken, equals: "distinct_id") {
                propertyDistinctID = try self.identifier(depth: depth + 1)
            } else {
                try self.scanner.skipValue(depth: depth + 1)
            }
        }
        let raw = self.scanner.bytes(start..<self.scanner.position)
        event.properties =
            self.scanner.sawNullEscape
            ? PropertiesText.replacingNullEscapes(raw) : String(decoding: raw, as: UTF8.self)
        self.scanner.sawNullEscape = nullEscapesBefore || self.scanner.sawNullEscape
        if event.apiKey == nil { event.apiKey = propertyKey }
        if event.distinctID == nil { event.distinctID = propertyDistinctID }
    }

    /// A string value, or nil for `null` or a non-string value (which is still validated).
    private mutating func optionalString(depth: Int) throws(JSONScanFailure) -> String? {
        guard self.scanner.peek() == UInt8(ascii: "\"") else {
            try self.scanner.skipValue(depth: depth)
            return nil
        }
        return self.scanner.string(try self.scanner.scanString())
    }

    /// A distinct id: a string, or a number kept as its JSON text (as PostHog does).
    private mutating func identifier(depth: Int) throws(JSONScanFailure) -> String? {
        guard let byte = self.scanner.peek() else { throw .syntax("expected a value") }
        if byte == UInt8(ascii: "\"") { return self.scanner.string(try self.scanner.scanString()) }
        if byte == UInt8(ascii: "-") || byte &- UInt8(ascii: "0") < 10 {
            return String(decoding: self.scanner.bytes(try self.scanner.scanNumber()), as: UTF8.self)
        }
        try self.scanner.skipValue(depth: depth)
        return nil
    }

    /// Text of a token range of the input (used for uuid and timestamp fields).
    func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> { self.scanner.bytes(range) }

    private func classify(_ token: JSONStringToken) -> Key {
        if token.hasEscapes {
            switch self.scanner.string(token) {
            case "batch": return .batch
            case "api_key": return .apiKey
            case "token": return .token
            case "sent_at": return .sentAt
            case "event": return .event
            case "distinct_id": return .distinctID
            case "uuid": return .uuid
            case "timestamp": return .timestamp
            case "offset": return .offset
            case "properties": return .properties
            default: return .other
            }
        }
        switch token.range.count {
        case 4 where self.scanner.token(token, equals: "uuid"): return .uuid
        case 5 where self.scanner.token(token, equals: "event"): return .event
        case 5 where self.scanner.token(token, equals: "batch"): return .batch
        case 5 where self.scanner.token(token, equals: "token"): return .token
        case 6 where self.scanner.token(token, equals: "offset"): return .offset
        case 7 where self.scanner.token(token, equals: "api_key"): return .apiKey
        case 7 where self.scanner.token(token, equals: "sent_at"): return .sentAt
        case 9 where self.scanner.token(token, equals: "timestamp"): return .timestamp
        case 10 where self.scanner.token(token, equals: "properties"): return .properties
        case 11 where self.scanner.token(token, equals: "distinct_id"): return .distinctID
        default: return .other
        }
    }
}
