import Foundation
import JWTKit

/// The claims of an ID token the PSA reads (OpenID Connect Core §2).
///
/// jwt-kit checks the signature and the audience; the time-dependent claims are checked by ``IDTokenVerifier``
/// against the PSA's clock, so ``verify(using:)`` does nothing more.
struct IDTokenClaims: JWTIdentityToken, Equatable {
    var issuer: IssuerClaim
    var subject: SubjectClaim
    var audience: AudienceClaim
    var expiration: ExpirationClaim
    var issuedAt: IssuedAtClaim
    var nonce: String?
    var email: String?
    var emailVerified: BoolClaim?

    enum CodingKeys: String, CodingKey {
        case issuer = "iss"
        case subject = "sub"
        case audience = "aud"
        case expiration = "exp"
        case issuedAt = "iat"
        case nonce, email
        case emailVerified = "email_verified"
    }

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
