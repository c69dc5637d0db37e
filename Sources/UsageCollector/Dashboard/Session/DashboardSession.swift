import Foundation

/// A signed-in browser: the secret its cookie carries, the CSRF token its forms must return, and when it ends.
struct DashboardSession: Sendable, Equatable {
    let id: String
    let csrfToken: String
    let expiresAt: Date
}
