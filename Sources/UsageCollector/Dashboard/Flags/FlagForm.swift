import Foundation
import UsageAnalytics

/// The create and edit form of a flag, holding the fields exactly as typed so that a refused form comes back with
/// the user's input. ``definition(over:)`` turns it into PostHog's definition JSON, which goes through the same
/// `FeatureFlag(json:)` validation and the same store as the admin API.
///
/// Field names: `key`, `name`, `active`, `type` (`boolean` or `multivariate`), `payload-true`,
/// `variant-{row}-{key|name|rollout|payload}`, `condition-{row}-{rollout|variant}` and
/// `condition-{row}-{property|operator|value}-{filter}`.
struct FlagForm: Sendable, Equatable {
    struct Variant: Sendable, Equatable {
        var key = ""
        var name = ""
        var rollout = ""
        var payload = ""

        var isBlank: Bool { [key, name, rollout, payload].allSatisfy { $0.isEmpty } }
    }

    struct Filter: Sendable, Equatable {
        var property = ""
        var operatorName = UsageAnalytics.PropertyFilter.Operator.exact.rawValue
        var value = ""

        var isBlank: Bool { property.isEmpty && value.isEmpty }
    }

    struct Condition: Sendable, Equatable {
        var filters: [Filter] = []
        var rollout = ""
        var variant = ""

        var isBlank: Bool { rollout.isEmpty && variant.isEmpty && filters.allSatisfy(\.isBlank) }
    }

    /// The most rows of each kind a posted form may name; the definition allows as many.
    static let maximumRows = FeatureFlag.maximumConditions

    var key = ""
    var name = ""
    var active = true
    var isMultivariate = false
    var booleanPayload = ""
    var variants: [Variant] = []
    var conditions: [Condition] = []

    init() {}

    /// The form showing a stored definition.
    init(flag: FeatureFlag) {
        self.key = flag.key
        self.name = flag.name
        self.active = flag.active
        self.isMultivariate = flag.isMultivariate
        self.booleanPayload = flag.payloads["true"].map(Self.payloadText) ?? ""
        self.variants = flag.variants.map { variant in
            Variant(
                key: variant.key, name: variant.name, rollout: FlagWording.number(variant.rolloutPercentage),
                payload: flag.payloads[variant.key].map(Self.payloadText) ?? "")
        }
        self.conditions = flag.conditions.map { condition in
            Condition(
                filters: condition.properties.map {
                    Filter(property: $0.key, operatorName: $0.operator.rawValue, value: FilterValueText.text($0.value))
                },
                // No rollout releases to every matching person, which is what 100 says in the form.
                rollout: FlagWording.number(condition.rolloutPercentage ?? 100), variant: condition.variant ?? "")
        }
    }

    /// Set when the posted form had more rows of some kind than ``maximumRows``; only the first ones are kept.
    var overflow: FlagDefinitionError?

    /// The form as posted.
    init(fields: [String: String]) {
        func text(_ name: String) -> String {
            (fields[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        self.key = text("key")
        self.name = text("name")
        self.active = fields["active"] == "on"
        self.isMultivariate = fields["type"] == "multivariate"
        self.booleanPayload = text("payload-true")
        func rows(_ names: some Sequence<String>, prefix: String, field: String) -> [Int] {
            let (rows, overflows) = Self.rows(in: names, prefix: prefix)
            if overflows {
                self.overflow =
                    self.overflow
                    ?? FlagDefinitionError(field: field, reason: "more than \(Self.maximumRows) rows")
            }
            return rows
        }
        let variantRows = rows(fields.keys, prefix: "variant-", field: "filters.multivariate.variants")
        self.variants = variantRows.map { row in
            Variant(
                key: text("variant-\(row)-key"), name: text("variant-\(row)-name"),
                rollout: text("variant-\(row)-rollout"), payload: text("variant-\(row)-payload"))
        }
        for row in rows(fields.keys, prefix: "condition-", field: "filters.groups") {
            let prefix = "condition-\(row)-"
            let filterRows = rows(
                fields.keys.compactMap { name in
                    ["property-", "operator-", "value-"].lazy.compactMap { part in
                        name.hasPrefix(prefix + part) ? String(name.dropFirst(prefix.count + part.count)) : nil
                    }.first
                }, prefix: "", field: "filters.groups[\(row)].properties")
            let filters = filterRows.map { filter in
                Filter(
                    property: text("\(prefix)property-\(filter)"),
                    operatorName: text("\(prefix)operator-\(filter)"), value: text("\(prefix)value-\(filter)"))
            }
            self.conditions.append(
                Condition(filters: filters, rollout: text("\(prefix)rollout"), variant: text("\(prefix)variant")))
        }
    }

    /// The row numbers that field names starting with `prefix` carry (`variant-3-key` → 3), in order, at most
    /// ``maximumRows`` of them, and whether there were more.
    private static func rows(in names: some Sequence<String>, prefix: String) -> (rows: [Int], overflows: Bool) {
        var rows = Set<Int>()
        for name in names where name.hasPrefix(prefix) {
            let digits = name.dropFirst(prefix.count).prefix { $0 != "-" }
            guard let row = Int(digits), row >= 0, row < 10_000 else { continue }
            rows.insert(row)
        }
        return (Array(rows.sorted().prefix(Self.maximumRows)), rows.count > Self.maximumRows)
    }

    /// A payload as its JSON text: PostHog keeps payloads as strings of JSON, other values are written out.
    static func payloadText(_ payload: PropertyValue) -> String {
        if case .string(let text) = payload { return text }
        return String(decoding: payload.jsonBytes(), as: UTF8.self)
    }
}
