/// Per-query access to event properties: each distinct `properties` text is parsed once, and each condition
/// or breakdown is evaluated once per distinct text, whatever the number of events that share it.
struct PropertyLookup {
    private let texts: Interner
    private var parsed: [[String: JSONValue]?]

    init(texts: Interner) {
        self.texts = texts
        self.parsed = Array(repeating: nil, count: texts.count)
    }

    mutating func properties(_ id: UInt32) -> [String: JSONValue] {
        if let cached = self.parsed[Int(id)] { return cached }
        var object: [String: JSONValue] = [:]
        if case .object(let fields)? = JSONValue.parse(Array(self.texts[id].utf8)) { object = fields }
        self.parsed[Int(id)] = object
        return object
    }
}

/// A property predicate's answer per distinct `properties` text, computed on first use. A predicate with cohort
/// conditions is answered per text and per combination of the person's memberships (at most
/// ``InsightQuery/maxFilterCohorts`` cohorts, so at most 16 answers per text).
struct PredicateCache {
    let predicate: PropertyPredicate
    private var answers: [UInt8]
    private let cohortIDs: [Int]
    private let cohortMasks: [PersonMask]

    init(_ predicate: PropertyPredicate, textCount: Int, cohorts: CohortMasks = CohortMasks()) {
        self.predicate = predicate
        self.cohortIDs = predicate.cohortIDs
        self.cohortMasks = self.cohortIDs.map { cohorts.masks[$0] ?? PersonMask(personCount: 0) }
        self.answers = predicate.isAlways ? [] : Array(repeating: 0, count: textCount << self.cohortIDs.count)
    }

    /// Whether the conditions depend on the person as well as on the properties.
    var dependsOnPerson: Bool { !self.cohortIDs.isEmpty }

    mutating func matches(_ id: UInt32, person: UInt32, _ lookup: inout PropertyLookup) -> Bool {
        if self.answers.isEmpty { return true }
        var memberships = 0
        for (index, mask) in self.cohortMasks.enumerated() where mask.contains(person) { memberships |= 1 << index }
        let slot = Int(id) << self.cohortIDs.count | memberships
        let answer = self.answers[slot]
        if answer != 0 { return answer == 2 }
        let ids = self.cohortIDs
        let result = self.predicate.matches(lookup.properties(id)) { cohort in
            ids.firstIndex(of: cohort).map { memberships & (1 << $0) != 0 } ?? false
        }
        self.answers[slot] = result ? 2 : 1
        return result
    }
}

/// A breakdown property's label id per distinct `properties` text; missing, null and empty values share
/// PostHog's null label.
struct BreakdownCache {
    let property: String
    private(set) var labels = Interner()
    private var answers: [UInt32]
    let nullID: UInt32

    init(property: String, textCount: Int) {
        self.property = property
        self.answers = Array(repeating: UInt32.max, count: textCount)
        self.nullID = self.labels.id(Breakdown.nullLabel)
    }

    mutating func label(_ id: UInt32, _ lookup: inout PropertyLookup) -> UInt32 {
        let answer = self.answers[Int(id)]
        if answer != UInt32.max { return answer }
        let value = lookup.properties(id)[self.property]
        let text = value.flatMap { $0.comparableText ?? ($0 == .null ? nil : $0.jsonText) }
        let label = text.map { $0.isEmpty ? self.nullID : self.labels.id($0) } ?? self.nullID
        self.answers[Int(id)] = label
        return label
    }
}

/// A numeric property per distinct `properties` text, for property math.
struct NumberCache {
    let property: String
    private var answers: [Double]
    private var known: [Bool]

    init(property: String, textCount: Int) {
        self.property = property
        self.answers = Array(repeating: .nan, count: textCount)
        self.known = Array(repeating: false, count: textCount)
    }

    /// The value, or nil when the property is missing or not a number.
    mutating func number(_ id: UInt32, _ lookup: inout PropertyLookup) -> Double? {
        if !self.known[Int(id)] {
            self.answers[Int(id)] = lookup.properties(id)[self.property].flatMap(PropertyFilter.numeric) ?? .nan
            self.known[Int(id)] = true
        }
        let value = self.answers[Int(id)]
        return value.isNaN ? nil : value
    }
}
