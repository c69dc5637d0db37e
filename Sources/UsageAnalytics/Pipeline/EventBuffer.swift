import Foundation
import Synchronization

/// The bounded in-memory queue between `capture` and the background drain.
///
/// Appending takes one short lock and never allocates beyond the array's growth; when the
/// buffer is full the new event is refused so the caller can count the drop.
final class EventBuffer: Sendable {
    private struct State {
        var events: [PendingEvent] = []
        var uuids = UUIDv7Generator()
        var isClosed = false
    }

    enum Outcome {
        case accepted(count: Int, uuid: UUID)
        case full
        /// The client stopped: its last flush has taken the buffer, so nothing would ever send the event.
        case closed
    }

    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Stamps the event with a fresh UUIDv7 and enqueues it.
    func append(
        nanosecondsSince1970: Int64, actor: AnalyticsActor?, body: PendingEvent.Body,
        verbatimDistinctID: String? = nil
    ) -> Outcome {
        state.withLock { state in
            guard !state.isClosed else { return .closed }
            guard state.events.count < capacity else { return .full }
            let uuid = state.uuids.next(millisecondsSince1970: nanosecondsSince1970 / 1_000_000)
            state.events.append(
                PendingEvent(
                    uuid: uuid, nanosecondsSince1970: nanosecondsSince1970, actor: actor, body: body,
                    verbatimDistinctID: verbatimDistinctID))
            return .accepted(count: state.events.count, uuid: uuid)
        }
    }

    /// Takes every queued event, oldest first.
    func drain() -> [PendingEvent] {
        state.withLock { state in
            var drained: [PendingEvent] = []
            swap(&drained, &state.events)
            state.events.reserveCapacity(min(drained.count, capacity))
            return drained
        }
    }

    /// Takes every queued event and refuses every later append, in one step, so no event slips in
    /// between the last drain and the close.
    func close() -> [PendingEvent] {
        state.withLock { state in
            state.isClosed = true
            var drained: [PendingEvent] = []
            swap(&drained, &state.events)
            return drained
        }
    }

    var count: Int { state.withLock { $0.events.count } }
}

/// Wall-clock time in nanoseconds since 1970, read without Foundation's `Date` allocation.
func currentNanosecondsSince1970() -> Int64 {
    var time = timespec()
    clock_gettime(CLOCK_REALTIME, &time)
    return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
}
