import Foundation

/// One request to a destination, as observers see it.
public struct DeliveryAttempt: Sendable {
    /// The destination's name.
    public let destination: String
    /// When the attempt finished.
    public let finishedAt: Date
    /// The HTTP status, when the destination answered.
    public let statusCode: Int?
    /// 0 for the first attempt of a batch, then 1, 2, … for its retries.
    public let retryAttempt: Int
    /// The events the request carried, in order.
    public let uuids: [UUID]
    /// Why the attempt failed, if it did.
    public let failure: DeliveryFailure?

    /// How many events the request carried.
    public var eventCount: Int { uuids.count }
}

/// Watches every delivery attempt: tests and the PostHog harness adapter use it.
public protocol DeliveryObserver: Sendable {
    /// Called after every attempt, successful or not, from the delivering task.
    func deliveryAttempted(_ attempt: DeliveryAttempt)
}
