import Foundation
import JWTKit

/// Verifies an ID token from the token endpoint before anyone is signed in with it: its size and header, its
/// signature against the provider's JWKS (jwt-kit), then `aud`, `iss`, `exp`, `iat`, `nonce` and
/// `email_verified`.
struct IDTokenVerifier: Sendable {
    let client: OIDCConfiguration.Client
    let documents: ProviderDocuments
    let clockSkew: TimeInterval
    /// The oldest `iat` accepted: a token cannot be older than the sign-in it answers.
    let maximumAge: TimeInterval

    /// Tokens are about 1 KiB (Google) to a few KiB (Keycloak with many roles).
    static let maximumLength = 16 * 1_024

    /// Only asymmetric signatures: `none` and the HMAC family (whose "secret" an attacker could take from the
    /// public JWKS) are refused before any key is looked at.
    static let acceptedAlgorithms: Set<String> = [
        "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA",
    ]

    /// The verified identity in `token`, issued for the sign-in whose nonce is `nonce`.
    func verify(_ token: String, nonce: String, at now: Date) async throws(IDTokenRejection) -> VerifiedIdentity {
        guard token.utf8.count <= Self.maximumLength else { throw .oversized }
        let header = try Self.header(of: token)
        guard let algorithm = header.alg, Self.acceptedAlgorithms.contains(algorithm) else {
            throw .algorithm(String((header.alg ?? "").prefix(16)))
        }
        guard let kid = header.kid, !kid.isEmpty, kid.utf8.count <= 256 else { throw .malformed }
        let found: ProviderKeySet?
        do {
            found = try await documents.keys(for: kid)
        } catch {
            throw .keysUnavailable
        }
        guard let keySet = found else { throw .unknownKey }
        // A key that names its algorithm is used with that one only.
        if case .some(.some(let declared)) = keySet.algorithms[kid], declared != algorithm {
            throw .algorithm(algorithm)
        }
        let claims: IDTokenClaims
        do {
            claims = try await keySet.keys.verify(token, as: IDTokenClaims.self, expectedAudience: client.clientID)
        } catch let error as JWTError where error.errorType == .claimVerificationFailure {
            throw .audience
        } catch {
            throw .signature
        }
        try check(claims, nonce: nonce, at: now)
        guard let email = claims.email, claims.emailVerified?.value == true else { throw .emailUnverified }
        return VerifiedIdentity(subject: claims.subject.value, email: email)
    }

    private func check(_ claims: IDTokenClaims, nonce: String, at now: Date) throws(IDTokenRejection) {
        guard claims.issuer.value == client.issuer else { throw .issuer }
        guard claims.expiration.value.addingTimeInterval(clockSkew) > now else { throw .expired }
        guard claims.issuedAt.value <= now.addingTimeInterval(clockSkew),
            claims.issuedAt.value >= now.addingTimeInterval(-maximumAge - clockSkew)
        else { throw .issuedAt }
        guard let tokenNonce = claims.nonce, Self.constantTimeEqual(tokenNonce, nonce) else { throw .nonce }
    }

    private struct Header: Decodable {
        var alg: String?
        var kid: String?
    }

    private static func header(of token: String) throws(IDTokenRejection) -> Header {
        let parts = token.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3, let encoded = String(parts[0]),
            let data = Data(base64URLEncoded: encoded),
            let header = try? JSONDecoder().decode(Header.self, from: data)
        else { throw .malformed }
        return header
    }

    private static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Who the provider vouches for: its stable subject and a verified email.
struct VerifiedIdentity: Sendable, Equatable {
    var subject: String
    var email: String
}

/// Why an ID token was refused; logged by name, never with the token.
enum IDTokenRejection: Error, Equatable {
    case oversized, malformed, unknownKey, keysUnavailable, signature, audience, issuer, expired, issuedAt, nonce
    case emailUnverified
    case algorithm(String)
}

extension Data {
    /// The bytes in base64url without padding (JWT segments, PKCE challenges).
    func base64URLEncodedString() -> String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes base64url without padding (JWT segments).
    init?(base64URLEncoded text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard !base64.contains("=") else { return nil }
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }
}
