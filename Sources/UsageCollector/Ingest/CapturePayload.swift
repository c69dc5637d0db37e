/// A capture payload: a batch object, a bare array of events, or a single event.
struct CapturePayload {
    var events: [CapturedEvent] = []
    /// `api_key` or `token` of the batch object (for a single event, its own key is in the event).
    var apiKey: String?
    var sentAtText: String?
    /// Whether the payload was a batch (object with `batch`, or an array) rather than a single event.
    var isBatch = false
}
