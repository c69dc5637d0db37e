import Testing

@testable import PSA

/// `Cache-Control` as the JWKS and discovery caches read it.
@Suite("Provider document cache lifetime")
struct CacheLifetimeTests {
    @Test(
        arguments: [
            (nil, 300.0), ("public, max-age=3600", 3_600), ("max-age=19834, must-revalidate, no-transform", 19_834),
            ("MAX-AGE = 60", 60), ("max-age=\"120\"", 120), ("no-store", 0), ("max-age=600, no-cache", 0),
            ("max-age=", 0), ("max-age=-5", 0), ("max-age=1e9", 0), ("max-age=99999999999999", 0), ("private", 300),
            ("max-age=31536000", 86_400), (",,=,", 300),
        ] as [(String?, Double)])
    func lifetime(cacheControl: String?, expected: Double) {
        #expect(CacheLifetime.seconds(cacheControl: cacheControl, default: 300) == expected)
    }
}
