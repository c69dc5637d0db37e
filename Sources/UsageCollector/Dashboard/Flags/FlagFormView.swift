import UsageAnalytics

/// What the flag form template shows: every input with its value as typed and, next to the one a validation error
/// is about, that error. Each list gets one blank row to fill in; "Add …" buttons post the form back for another.
struct FlagFormView {
    struct Input {
        let id: String
        let value: String
        let error: String?
    }

    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    struct VariantRow {
        let number: Int
        let key: Input
        let name: Input
        let rollout: Input
        let payload: Input
    }

    struct FilterRow {
        let property: Input
        let operatorID: String
        let operators: [Option]
        let value: Input
        /// Named apart from ``Input/error``: Mustache looks a missing (nil) name up in the enclosing rows.
        let operatorError: String?
    }

    struct ConditionRow {
        let number: Int
        let id: String
        let filters: [FilterRow]
        let rollout: Input
        let variant: Input
        let filtersError: String?
    }

    let heading: String
    let action: String
    let cancel: String
    let submit: String
    let csrf: String
    /// The version the edit started from, so that a save over someone else's newer one is refused.
    let version: Int?
    let problem: String?
    let key: Input
    let name: Input
    let active: Bool
    let isMultivariate: Bool
    let booleanPayload: Input
    let variantsError: String?
    let variants: [VariantRow]
    let conditionsError: String?
    let conditions: [ConditionRow]

    init(
        form: FlagForm, error: FlagDefinitionError?, heading: String, action: String, cancel: String, submit: String,
        csrf: String, version: Int?
    ) {
        let errorInput = error.map { form.inputID(for: $0.field) ?? "form" }
        func input(_ id: String, _ value: String) -> Input {
            Input(id: id, value: value, error: errorInput == id ? error?.reason : nil)
        }
        func message(_ id: String) -> String? { errorInput == id ? error?.reason : nil }
        self.heading = heading
        self.action = action
        self.cancel = cancel
        self.submit = submit
        self.csrf = csrf
        self.version = version
        self.problem = error.map { error in
            errorInput == "form" ? "Not saved: \(error.reason)." : "Not saved: \(error.reason) (marked below)."
        }
        self.key = input("key", form.key)
        self.name = input("name", form.name)
        self.active = form.active
        self.isMultivariate = form.isMultivariate
        self.booleanPayload = input("payload-true", form.booleanPayload)
        self.variantsError = message("variants")
        var variants = form.variants
        while variants.count < 2 || !(variants.last?.isBlank ?? true) { variants.append(FlagForm.Variant()) }
        self.variants = variants.enumerated().map { row, variant in
            VariantRow(
                number: row + 1, key: input("variant-\(row)-key", variant.key),
                name: input("variant-\(row)-name", variant.name),
                rollout: input("variant-\(row)-rollout", variant.rollout),
                payload: input("variant-\(row)-payload", variant.payload))
        }
        self.conditionsError = message("conditions")
        var conditions = form.conditions
        if !(conditions.last?.isBlank ?? false) { conditions.append(FlagForm.Condition()) }
        self.conditions = conditions.enumerated().map { row, condition in
            var filters = condition.filters
            if !(filters.last?.isBlank ?? false) { filters.append(FlagForm.Filter()) }
            return ConditionRow(
                number: row + 1, id: "condition-\(row)",
                filters: filters.enumerated().map { index, filter in
                    let operatorID = "condition-\(row)-operator-\(index)"
                    return FilterRow(
                        property: input("condition-\(row)-property-\(index)", filter.property), operatorID: operatorID,
                        operators: FlagWording.operators.map {
                            Option(value: $0.name, label: $0.label, selected: $0.name == filter.operatorName)
                        },
                        value: input("condition-\(row)-value-\(index)", filter.value),
                        operatorError: message(operatorID))
                },
                rollout: input("condition-\(row)-rollout", condition.rollout),
                variant: input("condition-\(row)-variant", condition.variant),
                filtersError: message("condition-\(row)"))
        }
    }
}
