import Foundation

/// Turns captured events into the exact bytes that leave the process.
///
/// Runs off the caller's task. Order of work: identity, declared-property check (typed) or
/// sanitizer (generic), deployment policy, common properties, then encoding with sorted keys.
struct EventProcessor: Sendable {
    private let identity: IdentityResolver
    private let identities: IdentityCache
    private let policy: PrivacyPolicy
    private let labelSanitizer: Sanitizer
    private let genericSanitizer: Sanitizer
    private let common: CommonProperties
    private let declaredEvents: DeclaredGenericEvents
    private let metrics: AnalyticsMetrics

    init(configuration: AnalyticsConfiguration, installation: Installation, metrics: AnalyticsMetrics) {
        self.identity = IdentityResolver(
            secret: installation.secret, installationID: configuration.instanceID ?? installation.id,
            deploymentType: configuration.deploymentType, anonymizeUserIDs: configuration.anonymizeUserIDs)
        self.identities = IdentityCache(resolver: identity)
        self.policy = PrivacyPolicy(deploymentType: configuration.deploymentType)
        self.labelSanitizer = Sanitizer()
        self.genericSanitizer = Sanitizer(strings: .enumTokens)
        self.common = CommonProperties(configuration: configuration)
        self.declaredEvents = DeclaredGenericEvents(configuration.declaredGenericEvents)
        self.metrics = metrics
    }

    /// The event's wire form, or `nil` when policy refuses the whole event (counted).
    func encode(_ event: PendingEvent) -> EncodedEvent? {
        var properties: [(key: String, value: WireValue)]
        let name: String
        switch event.body {
        case .typed(let typed):
            name = type(of: typed).definition.name
            properties = typedProperties(typed)
        case .generic(let genericName, let values):
            name = genericName
            let declaration = declaredEvents[genericName]
            // Checked here rather than in `capture`, which must stay cheap.
            guard declaration != nil || PrivacyPolicy.isNameShaped(genericName) else {
                metrics.recordDrop(.invalidEventName)
                return nil
            }
            if let declaration {
                properties = declaredProperties(values, declaration)
            } else {
                properties = genericProperties(values)
            }
        case .featureFlagCalled(let exposure):
            name = FlagExposure.eventName
            properties = exposure.properties.map { ($0.key, .value($0.value)) }
        }
        let ids =
            event.verbatimDistinctID.map { IdentityCache.Identities(distinctID: $0, groupKey: nil) }
            ?? identities.identities(for: event.actor)
        properties.append(contentsOf: common.properties(for: event.actor, groupKey: ids.groupKey))
        properties.sort { $0.key < $1.key }

        var writer = JSONWriter()
        writer.raw("{\"event\":")
        writer.string(name)
        writer.raw(",\"distinct_id\":")
        writer.string(ids.distinctID)
        writer.raw(",\"uuid\":")
        writer.string(event.uuid.wireString)
        writer.raw(",\"timestamp\":")
        writer.string(WireTimestamp.format(nanosecondsSince1970: event.nanosecondsSince1970))
        writer.raw(",\"properties\":{")
        for (index, property) in properties.enumerated() {
            if index > 0 { writer.raw(",") }
            writer.string(property.key)
            writer.raw(":")
            switch property.value {
            case .value(let value): writer.value(value)
            case .decimal(let decimal): writer.decimal(decimal)
            }
        }
        writer.raw("}}")
        return EncodedEvent(uuid: event.uuid, name: name, json: writer.bytes)
    }

    private func typedProperties(_ event: some AnalyticsEvent) -> [(key: String, value: WireValue)] {
        let definition = type(of: event).definition
        var written = EventProperties()
        event.write(to: &written)
        return checkedProperties(written.entries.map { ($0.name, $0.value) }, declaration: definition.declaration)
    }

    /// A declared generic event's values, checked like a typed event's: a value that does not fit
    /// its declared kind is invalid, an undeclared one is dropped.
    private func declaredProperties(
        _ values: [String: PropertyValue], _ event: GenericEventDeclaration
    ) -> [(key: String, value: WireValue)] {
        var entries: [(String, EventProperties.Value?)] = []
        for (name, value) in values {
            // A declaration cannot reintroduce a name PostHog reads (`distinct_id`, `set`, ...).
            if ReservedNames.contains(name) {
                metrics.recordPolicy(.reservedKey)
                continue
            }
            let kind = event.declaration(named: name)?.kind
            entries.append((name, kind.flatMap { DeclaredGenericEvents.typedValue(value, as: $0) }))
        }
        return checkedProperties(entries, declaration: event.declaration)
    }

    /// The wire properties of checked entries: declared, allowed by the policy, and of the declared kind.
    private func checkedProperties(
        _ entries: [(String, EventProperties.Value?)], declaration: (String) -> PropertyDeclaration?
    ) -> [(key: String, value: WireValue)] {
        var result: [(key: String, value: WireValue)] = []
        result.reserveCapacity(entries.count + 10)
        for (name, value) in entries {
            guard let declaration = declaration(name) else {
                metrics.recordPolicy(.undeclaredProperty)
                continue
            }
            guard policy.allows(declaration.privacyClass) else {
                metrics.recordPolicy(.onPremisePolicy)
                continue
            }
            guard let value, let wire = wireValue(value, declaredAs: declaration.kind) else {
                metrics.recordPolicy(.invalidValue)
                continue
            }
            result.append((declaration.wireName, wire))
        }
        return result
    }

    private func wireValue(_ value: EventProperties.Value, declaredAs kind: PropertyKind) -> WireValue? {
        switch (value, kind) {
        case (.enumeration(let text), .enumeration(let allowed)) where allowed.contains(text):
            return .value(.string(text))
        case (.enumerationList(let texts), .enumerationList(let allowed)) where texts.allSatisfy(allowed.contains):
            return .value(.array(texts.map(PropertyValue.string)))
        case (.label(let text), .label) where PrivacyPolicy.isLabel(text):
            var report = SanitizerReport()
            let checked = labelSanitizer.sanitize(value: .string(text), report: &report)
            metrics.record(report)
            return .value(checked)
        case (.flag(let flag), .flag):
            return .value(.bool(flag))
        case (.flagSet(let flags), .flagSet(let names)) where Set(flags.keys) == Set(names):
            return .value(.object(flags.mapValues(PropertyValue.bool)))
        case (.count(let number), .count):
            return .value(.int(number))
        case (.decimal(let number), .decimal) where !number.isNaN:
            return .decimal(number)
        case (.duration(let amount), .duration) where amount.isFinite:
            return .value(.double(amount))
        case (.opaqueIdentifier(let identifier), .opaqueIdentifier):
            // Domain-separated from tenant hashes, so an id cannot be joined to `$groups`.
            return .value(.string(identity.hash("opaque", identifier)))
        case (.freeText(let text), .freeText):
            return .value(.int(text.count))
        default:
            return nil
        }
    }

    /// The id an event about `actor` is sent with; flag evaluation uses it too, so flags bucket as events count.
    func distinctID(for actor: AnalyticsActor) -> String {
        identities.identities(for: actor).distinctID
    }

    /// The key of the actor's tenant in `$groups`; tenant-aggregated flags bucket on it, so exposures join metrics.
    func tenantGroupKey(for actor: AnalyticsActor) -> String {
        identities.identities(for: actor).groupKey ?? identity.groupKey(forTenant: actor.tenantID)
    }

    private func genericProperties(_ values: [String: PropertyValue]) -> [(key: String, value: WireValue)] {
        filteredGenericValues(values).map { ($0.key, .value($0.value)) }
    }

    /// Generic values as they may leave: reserved keys dropped, the deployment policy and the sanitizer applied.
    func filteredGenericValues(_ values: [String: PropertyValue]) -> [String: PropertyValue] {
        var allowed: [String: PropertyValue] = [:]
        for (key, value) in values {
            if key.hasPrefix("$") || CommonProperties.names.contains(key) {
                metrics.recordPolicy(.reservedKey)
            } else {
                allowed[key] = value
            }
        }
        if policy.deploymentType == .onPremise {
            // Strings and objects never leave on-premise: withhold them before anything reads them.
            allowed = allowed.compactMapValues { value in
                policy.filterGeneric(
                    value, onWithheld: { metrics.recordPolicy(.onPremisePolicy) },
                    onInvalidKey: { metrics.recordPolicy(.invalidKey) })
            }
        }
        var report = SanitizerReport()
        let sanitized = genericSanitizer.sanitize(allowed, report: &report)
        metrics.record(report)
        var result: [String: PropertyValue] = [:]
        for (key, value) in sanitized {
            guard PrivacyPolicy.isPropertyKey(key) else {
                metrics.recordPolicy(.invalidKey)
                continue
            }
            let kept = policy.filterGeneric(
                value, onWithheld: { metrics.recordPolicy(.onPremisePolicy) },
                onInvalidKey: { metrics.recordPolicy(.invalidKey) })
            if let kept { result[key] = kept }
        }
        return result
    }
}

/// A property value ready for the wire; decimals keep their exact digits.
enum WireValue: Sendable {
    case value(PropertyValue)
    case decimal(Decimal)
}
