/// Decides which requests emit `api_request`, keeping the configured share of them.
struct RequestSampler: Sendable {
    /// The share of requests kept, from 0 to 1.
    let rate: Double
    private let random: @Sendable () -> Double

    /// A sampler keeping `rate` of requests, deciding each with `random`, which returns a uniform
    /// number in `0..<1`.
    init(rate: Double, random: @escaping @Sendable () -> Double) {
        self.rate = rate
        self.random = random
    }

    /// Whether this request's `api_request` is sent. A rate of 1 or 0 never draws.
    func admitsRequest() -> Bool {
        if rate >= 1 { return true }
        // `!(rate > 0)` also refuses NaN, should a configuration built in code hold one.
        if !(rate > 0) { return false }
        return random() < rate
    }
}
