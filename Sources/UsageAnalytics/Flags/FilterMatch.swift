/// The outcome of matching one property filter or one condition group.
public enum FilterMatch: Sendable, Hashable {
    /// The person's properties satisfy the filter.
    case match
    /// They do not.
    case noMatch
    /// The properties at hand cannot decide, such as a missing property in local evaluation;
    /// an SDK then asks the collector instead.
    case inconclusive
}
