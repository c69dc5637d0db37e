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
