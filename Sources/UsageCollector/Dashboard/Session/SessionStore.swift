import Foundation
import Synchronization

/// The dashboard's live sessions, in memory (a restart signs everyone out), bounded in number.
///
/// A session ends when its lifetime passes on the configured clock or when it signs out; expired sessions
/// are dropped as they are found and whenever a new one is created.
final class SessionStore: Sendable {
    /// The most sessions kept; creating one more drops the one closest to expiry.
    static let maximumSessions = 1000

    private let sessions = Mutex<[String: DashboardSession]>([:])
    private let lifetime: Duration
    private let now: @Sendable () -> Date

    init(lifetime: Duration, now: @escaping @Sendable () -> Date) {
        self.lifetime = lifetime
        self.now = now
    }

    /// Starts a session.
    func create() -> DashboardSession {
        let now = self.now()
        let seconds = Double(self.lifetime.components.seconds) + Double(self.lifetime.components.attoseconds) / 1e18
        let session = DashboardSession(
            id: RandomToken.make(), csrfToken: RandomToken.make(), expiresAt: now.addingTimeInterval(seconds))
        self.sessions.withLock { sessions in
            sessions = sessions.filter { $0.value.expiresAt > now }
            if sessions.count >= Self.maximumSessions,
                let soonest = sessions.min(by: { $0.value.expiresAt < $1.value.expiresAt })
            {
                sessions[soonest.key] = nil
            }
            sessions[session.id] = session
        }
        return session
    }

    /// The live session with this id.
    func session(id: String) -> Lookup {
        guard RandomToken.isWellFormed(id) else { return .unknown }
        let now = self.now()
        return self.sessions.withLock { sessions in
            guard let session = sessions[id] else { return .unknown }
            guard session.expiresAt > now else {
                sessions[id] = nil
                return .expired
            }
            return .live(session)
        }
    }

    /// Ends a session.
    func remove(id: String) {
        _ = self.sessions.withLock { $0.removeValue(forKey: id) }
    }

    enum Lookup: Sendable, Equatable {
        case live(DashboardSession)
        case expired
        case unknown
    }
}
