import Foundation

extension OIDCService {
    /// The email domain whose verified addresses may create an agent account in the admin's tenant through a
    /// provider, or nil when sign-in only links existing accounts (the default).
    public func signupDomain(by admin: Principal) async throws -> String? {
        try UserService.requireAdmin(admin)
        return try await OIDCStore().signupDomain(tenantID: admin.tenantID, in: database)
    }

    /// Sets (or with nil, clears) the tenant's sign-up domain.
    public func setSignupDomain(_ domain: String?, by admin: Principal) async throws {
        try UserService.requireAdmin(admin)
        try await database.transaction { session in
            try await OIDCStore().setSignupDomain(domain, tenantID: admin.tenantID, in: session)
        }
    }
}
