import Foundation

/// One event as found in a capture payload, before validation.
struct CapturedEvent {
    var event: String?
    var distinctID: String?
    var uuidText: Range<Int>?
    var uuidIsString = true
    var timestampText: Range<Int>?
    var timestampIsString = true
    var offsetMilliseconds: Int64?
    /// The `properties` object as raw JSON text; nil when absent or null.
    var properties: String?
    var propertiesIsObject = true
    var apiKey: String?
    var byteCount = 0
}

/// A capture payload: a batch object, a bare array of events, or a single event.
struct CapturePayload {
    var events: [CapturedEvent] = []
    /// `api_key` or `token` of the batch object (for a single event, its own key is in the event).
    var apiKey: String?
    var sentAtText: String?
    var historicalMigration = false
    /// Whether the payload was a batch (object with `batch`, or an array) rather than a single event.
    var isBatch = false
}
