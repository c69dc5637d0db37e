import Foundation
import UsageAnalytics

extension FlagForm {
    /// PostHog's definition JSON for the form, laid over `current` (the stored definition when editing), so members
    /// the form does not show are kept; and which input each JSON path came from, to put an error next to it.
    /// - Throws: ``FlagDefinitionError`` for what only the form can check: a payload that is not JSON, a
    ///   multivariate flag without variants.
    func definition(over current: PropertyValue? = nil) throws(FlagDefinitionError) -> PropertyValue {
        let built = self.build(over: current)
        if let problem = built.problem { throw problem }
        return built.json
    }

    /// The input (its element id) that a validation error about `field` belongs next to, or nil for the form.
    func inputID(for field: String) -> String? {
        let inputs = self.build(over: nil).inputs
        var path = Substring(field)
        while !path.isEmpty {
            if let input = inputs[String(path)] { return input }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            path = path[..<cut]
        }
        return nil
    }

    private func build(
        over current: PropertyValue?
    ) -> (json: PropertyValue, inputs: [String: String], problem: FlagDefinitionError?) {
        var inputs = ["key": "key", "name": "name", "active": "active"]
        inputs["filters.multivariate.variants"] = "variants"
        inputs["filters.groups"] = "conditions"
        inputs["filters.payloads"] = self.isMultivariate ? "variants" : "payload-true"
        inputs["filters.payloads.true"] = "payload-true"
        var payloads: [String: PropertyValue] = [:]
        var variants: [PropertyValue] = []
        var problem = self.overflow
        func payload(_ text: String, key: String) {
            guard !text.isEmpty else { return }
            guard (try? PropertyValue(json: Array(text.utf8))) != nil else {
                problem =
                    problem
                    ?? FlagDefinitionError(
                        field: "filters.payloads.\(key)", reason: "is not valid JSON (for text, put it in quotes)")
                return
            }
            payloads[key] = .string(text)
        }
        if self.isMultivariate {
            for (row, variant) in self.variants.enumerated() where !variant.isBlank {
                let path = "filters.multivariate.variants[\(variants.count)]"
                inputs[path] = "variant-\(row)-key"
                for (member, part) in [("key", "key"), ("name", "name"), ("rollout_percentage", "rollout")] {
                    inputs["\(path).\(member)"] = "variant-\(row)-\(part)"
                }
                inputs["filters.payloads.\(variant.key)"] = "variant-\(row)-payload"
                variants.append([
                    "key": .string(variant.key), "name": .string(variant.name),
                    "rollout_percentage": FlagFormNumber.percentage(variant.rollout),
                ])
                payload(variant.payload, key: variant.key)
            }
            if variants.isEmpty {
                problem =
                    problem
                    ?? FlagDefinitionError(
                        field: "filters.multivariate.variants", reason: "a multivariate flag needs at least one variant"
                    )
            }
        } else {
            payload(self.booleanPayload, key: "true")
        }
        var groups: [PropertyValue] = []
        for (row, condition) in self.conditions.enumerated() where !condition.isBlank {
            let path = "filters.groups[\(groups.count)]"
            inputs[path] = "condition-\(row)-rollout"
            inputs["\(path).rollout_percentage"] = "condition-\(row)-rollout"
            inputs["\(path).variant"] = "condition-\(row)-variant"
            inputs["\(path).properties"] = "condition-\(row)"
            var filters: [PropertyValue] = []
            for (index, filter) in condition.filters.enumerated() where !filter.isBlank {
                let filterPath = "\(path).properties[\(filters.count)]"
                for (member, part) in [("key", "property"), ("operator", "operator"), ("value", "value")] {
                    inputs["\(filterPath).\(member)"] = "condition-\(row)-\(part)-\(index)"
                }
                inputs[filterPath] = "condition-\(row)-property-\(index)"
                filters.append([
                    "key": .string(filter.property), "operator": .string(filter.operatorName),
                    "value": FilterValueText.value(filter.value, operator: filter.operatorName), "type": "person",
                ])
            }
            groups.append([
                "properties": .array(filters), "rollout_percentage": FlagFormNumber.percentage(condition.rollout),
                "variant": condition.variant.isEmpty ? .null : .string(condition.variant),
            ])
        }
        guard case .object(var members) = current ?? .object([:]),
            case .object(var filters) = members["filters"] ?? .object([:])
        else { return (.null, inputs, problem) }
        filters["groups"] = .array(groups)
        filters["multivariate"] = variants.isEmpty ? .null : ["variants": .array(variants)]
        filters["payloads"] = .object(payloads)
        members["filters"] = .object(filters)
        members["key"] = .string(self.key)
        members["name"] = .string(self.name)
        members["active"] = .bool(self.active)
        return (.object(members), inputs, problem)
    }
}
