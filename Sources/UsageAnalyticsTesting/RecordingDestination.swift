import Foundation
import Synchronization
import UsageAnalytics

/// A destination that keeps every delivery's exact bytes, for tests that check what left the process.
///
/// ```swift
/// let recorder = RecordingDestination()
/// let analytics = try AnalyticsClient.recording(into: recorder)
/// analytics.capture(UserLoggedOut(userType: .client), actor: actor)
/// await analytics.flush()
/// #expect(try recorder.single(named: "user_logged_out").properties["user_type"] == "client")
/// ```
public final class RecordingDestination: AnalyticsDestination {
    public let name: String
    /// Deliveries and waiters under one lock, so a waiter can never register after the delivery that
    /// satisfies it has checked for waiters.
    private struct State {
        var deliveries: [[EncodedEvent]] = []
        var delivered = 0
        var waiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state = Mutex(State())

    /// A recorder called `name`.
    public init(name: String = "recording") {
        self.name = name
    }

    public func deliver(_ events: [EncodedEvent]) async throws -> DeliveryReceipt {
        let ready = state.withLock { state in
            state.deliveries.append(events)
            state.delivered += events.count
            let delivered = state.delivered
            let ready = state.waiters.filter { $0.count <= delivered }
            state.waiters.removeAll { $0.count <= delivered }
            return ready
        }
        for waiter in ready { waiter.continuation.resume() }
        return DeliveryReceipt()
    }

    /// Returns once at least `count` events have been delivered in total.
    public func waitForEvents(count: Int) async {
        await withCheckedContinuation { continuation in
            let satisfied = state.withLock { state in
                if state.delivered >= count { return true }
                state.waiters.append((count, continuation))
                return false
            }
            if satisfied { continuation.resume() }
        }
    }

    /// Every delivery, each in the order it was made.
    public var batches: [[EncodedEvent]] { state.withLock { $0.deliveries } }

    /// Every delivered event, decoded from its wire bytes.
    public var events: [CapturedEvent] {
        get throws { try batches.joined().map(CapturedEvent.init(encoded:)) }
    }

    /// The delivered events called `name`.
    public func events(named name: String) throws -> [CapturedEvent] {
        try events.filter { $0.name == name }
    }

    /// The one delivered event called `name`; throws when there is none or more than one.
    public func single(named name: String) throws -> CapturedEvent {
        let matches = try events(named: name)
        guard matches.count == 1 else {
            throw RecordingError(description: "expected one \(name) event, found \(matches.count)")
        }
        return matches[0]
    }

    /// Forgets every delivery.
    public func reset() {
        state.withLock { state in
            state.deliveries.removeAll()
            state.delivered = 0
        }
    }
}

/// A test expectation about recorded events that did not hold.
public struct RecordingError: Error, CustomStringConvertible {
    public let description: String

    /// An error saying `description`.
    public init(description: String) {
        self.description = description
    }
}
