/// The experiment analysis's one read of a project's columns: exposures to a flag and the events of its
/// metrics, attributed to the experiment's unit. Additive: it only reads the columns the other runners use.
extension ProjectColumns {
    func experimentObservations(_ request: ExperimentScanRequest) -> ExperimentObservations {
        var lookup = PropertyLookup(texts: self.propertyTexts)
        let exposureName = self.eventNames.existingID(ExperimentScanRequest.exposureEvent)
        var matchers = request.metricSeries.map {
            SeriesMatcher($0, names: self.eventNames, textCount: self.propertyTexts.count)
        }
        var sums = request.sumProperties.map { property in
            property.map { NumberCache(property: $0, textCount: self.propertyTexts.count) }
        }
        // Per distinct `properties` text: the group key (for group units) and the exposure's variant, if any.
        var groupKeys: [String?]? = nil
        if case .group = request.unit { groupKeys = Array(repeating: nil, count: self.propertyTexts.count) }
        var groupKnown = Array(repeating: false, count: groupKeys == nil ? 0 : self.propertyTexts.count)
        var observations = ExperimentObservations(metricEvents: Array(repeating: [], count: matchers.count))
        let latest = max(request.to, request.metricsTo)
        for chunk in self.chunks where chunk.overlaps(from: request.from, to: latest &+ 1) {
            for row in 0..<chunk.count where !chunk.isDeleted(row) {
                let timestamp = chunk.timestamps[row]
                guard timestamp >= request.from, timestamp <= latest else { continue }
                let event = chunk.events[row]
                let isExposure = event == exposureName && timestamp <= request.to
                let mayMatch = timestamp <= request.metricsTo && matchers.contains { $0.mayMatch(event: event) }
                guard isExposure || mayMatch else { continue }
                let properties = chunk.properties[row]
                let unit: String
                switch request.unit {
                case .person: unit = self.persons[chunk.persons[row]]
                case .group(let type):
                    if !groupKnown[Int(properties)] {
                        groupKnown[Int(properties)] = true
                        if case .object(let groups)? = lookup.properties(properties)["$groups"],
                            case .string(let key)? = groups[type], !key.isEmpty
                        {
                            groupKeys![Int(properties)] = key
                        }
                    }
                    guard let key = groupKeys![Int(properties)] else { continue }
                    unit = key
                }
                if isExposure {
                    let fields = lookup.properties(properties)
                    if case .string(let key)? = fields["$feature_flag"], key == request.flagKey,
                        let variant = fields["$feature_flag_response"]?.comparableText
                    {
                        observations.exposures.append(.init(unit: unit, timestamp: timestamp, variant: variant))
                    }
                }
                guard mayMatch else { continue }
                for index in matchers.indices where matchers[index].mayMatch(event: event) {
                    let steps = matchers[index].mask(
                        event: event, properties: properties, person: chunk.persons[row], &lookup)
                    guard steps != 0 else { continue }
                    var value = 1.0
                    if sums[index] != nil {
                        guard let number = sums[index]!.number(properties, &lookup) else { continue }
                        value = number
                    }
                    observations.metricEvents[index].append(
                        .init(
                            unit: unit, timestamp: timestamp, tiebreak: chunk.tiebreaks[row], steps: steps,
                            value: value))
                }
            }
        }
        return observations
    }
}
