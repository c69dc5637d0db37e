import Testing

@testable import UsageAnalytics

@Suite("Flag exposure cache")
struct FlagExposureCacheTests {
    func exposure(_ key: String, _ value: FlagEvaluation.Value) -> FlagExposure {
        FlagExposure(
            FlagEvaluation(key: key, value: value, reason: FlagReason(code: .conditionMatch)), locallyEvaluated: false)!
    }

    @Test("each (distinct id, flag, value) is new once; another id, flag or value is new again")
    func oncePerTriple() {
        let cache = FlagExposureCache()
        #expect(cache.insert(exposure("beta", .enabled), distinctID: "u_a"))
        #expect(!cache.insert(exposure("beta", .enabled), distinctID: "u_a"))
        #expect(cache.insert(exposure("beta", .enabled), distinctID: "u_b"))
        #expect(cache.insert(exposure("beta", .disabled), distinctID: "u_a"))
        #expect(cache.insert(exposure("gamma", .enabled), distinctID: "u_a"))
        #expect(cache.insert(exposure("beta", .variant("test")), distinctID: "u_a"))
    }

    @Test("where the value was decided is not part of the triple: remote then local is one exposure")
    func decidedAnywhere() {
        let cache = FlagExposureCache()
        let remote = exposure("beta", .variant("test"))
        let local = FlagExposure(
            FlagEvaluation(key: "beta", value: .variant("test"), reason: FlagReason(code: .conditionMatch)),
            locallyEvaluated: true)!
        #expect(cache.insert(remote, distinctID: "i_a"))
        #expect(!cache.insert(local, distinctID: "i_a"))
    }

    @Test("bounded: the oldest triple is forgotten first and reported again")
    func bounded() {
        let cache = FlagExposureCache(capacity: 2)
        #expect(cache.insert(exposure("a", .enabled), distinctID: "u"))
        #expect(cache.insert(exposure("b", .enabled), distinctID: "u"))
        #expect(!cache.insert(exposure("a", .enabled), distinctID: "u"))
        #expect(cache.insert(exposure("c", .enabled), distinctID: "u"))
        #expect(!cache.insert(exposure("b", .enabled), distinctID: "u"))
        #expect(cache.insert(exposure("a", .enabled), distinctID: "u"))
        #expect(FlagExposureCache.defaultCapacity == 50_000)
    }

    @Test("keys and variants that are not labels give no exposure", arguments: ["jane doe", "ticket-123456", ""])
    func notLabels(text: String) {
        let reason = FlagReason(code: .conditionMatch)
        #expect(FlagExposure(FlagEvaluation(key: text, value: .enabled, reason: reason), locallyEvaluated: true) == nil)
        #expect(
            FlagExposure(FlagEvaluation(key: "beta", value: .variant(text), reason: reason), locallyEvaluated: true)
                == nil)
    }
}
