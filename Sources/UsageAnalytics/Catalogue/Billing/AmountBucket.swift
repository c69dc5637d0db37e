import Foundation

/// A coarse range an invoice total falls in; the amount itself is never sent.
public enum AmountBucket: String, PropertyEnumeration {
    case credit
    case zero
    case under100 = "under_100"
    case from100To1k = "100_to_1k"
    case from1kTo10k = "1k_to_10k"
    case from10kTo100k = "10k_to_100k"
    case atLeast100k = "100k_and_over"

    /// The bucket an amount in the invoice's currency (major units) falls in.
    public init(amount: Decimal) {
        switch amount {
        case ..<0: self = .credit
        case 0: self = .zero
        case ..<100: self = .under100
        case ..<1_000: self = .from100To1k
        case ..<10_000: self = .from1kTo10k
        case ..<100_000: self = .from10kTo100k
        default: self = .atLeast100k
        }
    }
}
