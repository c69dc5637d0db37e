import Foundation
import Testing

@testable import UsageCollector

/// The rebuild's hand-off between the store's reading thread and the projecting thread.
@Suite("Page hand-off", .timeLimit(.minutes(1)))
struct PageHandOffTests {
    static func page(_ number: Int) -> [EventRecord] {
        [
            EventRecord(
                project: "phc_test", uuid: UUID(), event: "e", distinctID: "p\(number)", timestamp: Int64(number),
                properties: "{}", receivedAt: 0)
        ]
    }

    @Test("pages arrive in order through the bounded queue, and finish ends the stream")
    func orderAndBound() async {
        let handOff = PageHandOff(capacity: 2)
        let produced = Thread {
            for number in 0..<200 { handOff.put(Self.page(number)) }
            handOff.finish()
        }
        produced.start()
        var received: [Int] = []
        while let page = handOff.take() { received.append(page.count == 1 ? Int(page[0].timestamp) : -1) }
        #expect(received == Array(0..<200))
        #expect(handOff.take() == nil)
    }

    @Test("after finish, a waiting producer is released and its page dropped")
    func finishReleasesProducer() {
        let handOff = PageHandOff(capacity: 1)
        handOff.put(Self.page(0))
        handOff.finish()
        handOff.put(Self.page(1))  // would wait forever on a full queue without finish
        #expect(handOff.take().map { $0[0].timestamp } == 0)
        #expect(handOff.take() == nil)
    }
}
