import Crypto

/// Turns actors into the ids that leave the process, as EVENTS.md specifies.
///
/// | mode | distinct_id |
/// |---|---|
/// | hosted, anonymized | `u_` + 32 hex of HMAC(secret, tenant ‖ 0x00 ‖ user) |
/// | hosted, not anonymized | `user_<user id>` |
/// | on-premise | `i_` + 32 hex of HMAC(secret, tenant) |
/// | no actor | `i_` + 32 hex of HMAC(secret, installation id) |
///
/// Every id is computed from the actor it belongs to; nothing is cached per process.
struct IdentityResolver: Sendable {
    private let key: SymmetricKey
    private let installationID: String
    private let deploymentType: DeploymentType
    private let anonymizeUserIDs: Bool

    init(secret: [UInt8], installationID: String, deploymentType: DeploymentType, anonymizeUserIDs: Bool) {
        self.key = SymmetricKey(data: secret)
        self.installationID = installationID
        self.deploymentType = deploymentType
        self.anonymizeUserIDs = anonymizeUserIDs
    }

    func distinctID(for actor: AnalyticsActor?) -> String {
        guard let actor else { return "i_" + hash(installationID) }
        switch deploymentType {
        case .onPremise:
            return "i_" + hash(actor.tenantID)
        case .hosted:
            guard let user = actor.userID else { return "i_" + hash(actor.tenantID) }
            if !anonymizeUserIDs { return "user_" + user }
            return "u_" + hash(actor.tenantID, user)
        }
    }

    /// The tenant's key in `$groups`.
    func groupKey(forTenant tenant: String) -> String {
        hash(tenant)
    }

    /// The first 32 hex digits of HMAC-SHA256(secret, parts joined by NUL bytes).
    func hash(_ parts: String...) -> String {
        var message: [UInt8] = []
        for (index, part) in parts.enumerated() {
            if index > 0 { message.append(0) }
            message.append(contentsOf: part.utf8)
        }
        let code = HMAC<SHA256>.authenticationCode(for: message, using: key)
        return code.prefix(16).hexDigits
    }
}

extension Sequence<UInt8> {
    var hexDigits: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
