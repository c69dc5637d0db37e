extension FeatureFlag {
    /// Checks the rules a definition must keep, whoever built it.
    /// - Throws: ``FlagDefinitionError`` naming the field that breaks a rule.
    public func validate() throws(FlagDefinitionError) {
        guard Self.isValidKey(key) else {
            throw FlagDefinitionError(field: "key", reason: "use 1 to 400 letters, digits, '-' or '_'")
        }
        guard name.utf8.count <= Self.maximumTextLength else {
            throw FlagDefinitionError(field: "name", reason: "longer than \(Self.maximumTextLength) bytes")
        }
        guard variants.count <= Self.maximumConditions else {
            throw FlagDefinitionError(field: "filters.multivariate.variants", reason: "too many variants")
        }
        if !variants.isEmpty {
            guard Set(variants.map(\.key)).count == variants.count else {
                throw FlagDefinitionError(field: "filters.multivariate.variants", reason: "variant keys repeat")
            }
            let total = variants.reduce(0) { $0 + $1.rolloutPercentage }
            guard abs(total - 100) < 0.000_1 else {
                throw FlagDefinitionError(
                    field: "filters.multivariate.variants",
                    reason: "variant rollout percentages sum to \(total.formatted()), not 100")
            }
        }
        for (index, condition) in conditions.enumerated() {
            if let forced = condition.variant, !variants.contains(where: { $0.key == forced }) {
                throw FlagDefinitionError(
                    field: "filters.groups[\(index)].variant", reason: "names no variant of the flag")
            }
        }
        let payloadKeys = Set(variants.isEmpty ? ["true"] : variants.map(\.key))
        for payloadKey in payloads.keys where !payloadKeys.contains(payloadKey) {
            throw FlagDefinitionError(
                field: "filters.payloads", reason: "'\(payloadKey.prefix(100))' is neither \"true\" nor a variant key")
        }
        let payloadBytes = payloads.values.reduce(0) { $0 + $1.jsonBytes().count }
        guard payloadBytes <= 64 * 1_024 else {
            throw FlagDefinitionError(field: "filters.payloads", reason: "larger than 64 KiB")
        }
    }
}

extension Double {
    fileprivate func formatted() -> String {
        rounded() == self ? String(Int(self)) : String(self)
    }
}
