import Foundation
import Synchronization

@testable import UsageCollector

/// The DevTools protocol over Chromium's `--remote-debugging-pipe`: NUL-terminated JSON messages, commands
/// written to the browser's fd 3 (our end: its stdin) and replies and events read from its fd 4 (its stdout).
///
/// A thread of its own reads the pipe, so no task of the cooperative pool ever blocks on it. When the browser
/// exits, every pending command and event wait fails instead of hanging.
final class DevToolsPipe: Sendable {
    struct ProtocolError: Error, CustomStringConvertible {
        let description: String
    }

    /// An event someone registered for: not yet seen, seen (its params kept), or awaited.
    private struct EventSlot {
        let method: String
        let sessionID: String?
        var delivered: JSONValue?
        var continuation: CheckedContinuation<JSONValue, any Error>?
    }

    private struct State {
        var nextID = 1
        var replies: [Int: CheckedContinuation<JSONValue, any Error>] = [:]
        var events: [UUID: EventSlot] = [:]
        var closed: String?
    }

    private let state = Mutex(State())
    private let writer: FileHandle

    init(writer: FileHandle, reader: FileHandle) {
        self.writer = writer
        let thread = Thread { [self] in self.readLoop(reader) }
        thread.start()
    }

    /// Sends a command and returns its `result`; a protocol error reply throws.
    func send(_ method: String, _ params: [String: JSONValue] = [:], sessionID: String? = nil) async throws
        -> JSONValue
    {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<JSONValue, any Error>) in
            let outcome = self.state.withLock { state -> Result<Int, ProtocolError> in
                if let closed = state.closed { return .failure(ProtocolError(description: closed)) }
                let id = state.nextID
                state.nextID += 1
                state.replies[id] = continuation
                return .success(id)
            }
            switch outcome {
            case .failure(let error): continuation.resume(throwing: error)
            case .success(let id):
                var message: [String: JSONValue] = [
                    "id": .int(id), "method": .string(method), "params": .object(params),
                ]
                if let sessionID { message["sessionId"] = .string(sessionID) }
                self.writer.write(Data(message.jsonValue.jsonText.utf8) + Data([0]))
            }
        }
    }

    /// Registers interest in the next event `method` of the session; call before the command that causes it,
    /// so that an event arriving before ``wait(for:)`` is kept, not missed.
    func expect(_ method: String, sessionID: String?) -> UUID {
        let key = UUID()
        self.state.withLock { $0.events[key] = EventSlot(method: method, sessionID: sessionID) }
        return key
    }

    /// The parameters of the event registered as `key`, once it has arrived.
    func wait(for key: UUID) async throws -> JSONValue {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<JSONValue, any Error>) in
            let outcome = self.state.withLock { state -> Result<JSONValue, ProtocolError>? in
                guard let slot = state.events[key] else {
                    return .failure(ProtocolError(description: state.closed ?? "no such event registration"))
                }
                if let delivered = slot.delivered {
                    state.events[key] = nil
                    return .success(delivered)
                }
                if let closed = state.closed { return .failure(ProtocolError(description: closed)) }
                state.events[key]?.continuation = continuation
                return nil
            }
            switch outcome {
            case .success(let params)?: continuation.resume(returning: params)
            case .failure(let error)?: continuation.resume(throwing: error)
            case nil: break
            }
        }
    }

    private func readLoop(_ reader: FileHandle) {
        var buffer = Data()
        while true {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            while let end = buffer.firstIndex(of: 0) {
                let message = buffer[buffer.startIndex..<end]
                buffer = Data(buffer[(end + 1)...])
                if let value = JSONValue.parse(message) { self.dispatch(value) }
            }
        }
        let (replies, waiters) = self.state.withLock { state in
            state.closed = "the browser closed its DevTools pipe"
            let waiters = state.events.values.compactMap(\.continuation)
            let replies = Array(state.replies.values)
            state.replies = [:]
            state.events = state.events.filter { $0.value.continuation == nil }
            return (replies, waiters)
        }
        for reply in replies { reply.resume(throwing: ProtocolError(description: "the browser exited")) }
        for waiter in waiters { waiter.resume(throwing: ProtocolError(description: "the browser exited")) }
    }

    private func dispatch(_ message: JSONValue) {
        guard case .object(let fields) = message else { return }
        if case .int(let id)? = fields["id"] {
            guard let reply = self.state.withLock({ $0.replies.removeValue(forKey: id) }) else { return }
            if let error = fields["error"] {
                reply.resume(throwing: ProtocolError(description: error.jsonText))
            } else {
                reply.resume(returning: fields["result"] ?? .null)
            }
            return
        }
        guard case .string(let method)? = fields["method"] else { return }
        var sessionID: String?
        if case .string(let session)? = fields["sessionId"] { sessionID = session }
        let params = fields["params"] ?? .null
        let waiters = self.state.withLock { state in
            var waiters: [CheckedContinuation<JSONValue, any Error>] = []
            for (key, slot) in state.events
            where slot.method == method && slot.sessionID == sessionID && slot.delivered == nil {
                if let continuation = slot.continuation {
                    waiters.append(continuation)
                    state.events[key] = nil
                } else {
                    state.events[key]?.delivered = params
                }
            }
            return waiters
        }
        for waiter in waiters { waiter.resume(returning: params) }
    }
}

extension Dictionary where Key == String, Value == JSONValue {
    var jsonValue: JSONValue { .object(self) }
}
