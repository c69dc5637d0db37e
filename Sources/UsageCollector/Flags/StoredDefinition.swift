import Foundation
import UsageAnalytics

/// How both stores keep a definition: PostHog's flag JSON as text, and times as microseconds since 1970.
enum StoredDefinition {
    static func text(_ flag: FeatureFlag) -> String {
        String(decoding: flag.json.jsonBytes(), as: UTF8.self)
    }

    static func flag(_ text: String) throws -> FeatureFlag {
        try FeatureFlag(json: PropertyValue(json: Array(text.utf8)))
    }

    static func micros(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    static func date(_ micros: Int64) -> Date {
        Date(timeIntervalSince1970: Double(micros) / 1_000_000)
    }
}
