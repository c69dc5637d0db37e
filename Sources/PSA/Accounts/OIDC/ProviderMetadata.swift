import Foundation

/// The parts of a provider's discovery document (`/.well-known/openid-configuration`) the sign-in uses.
struct ProviderMetadata: Decodable, Sendable, Equatable {
    var issuer: String
    var authorizationEndpoint: String
    var tokenEndpoint: String
    var jwksURI: String
    /// The PKCE methods the provider supports; absent in some providers' documents.
    var codeChallengeMethods: [String]?

    enum CodingKeys: String, CodingKey {
        case issuer
        case authorizationEndpoint = "authorization_endpoint"
        case tokenEndpoint = "token_endpoint"
        case jwksURI = "jwks_uri"
        case codeChallengeMethods = "code_challenge_methods_supported"
    }

    /// Throws unless the document is the configured issuer's (OpenID Connect Discovery §4.3), its endpoints
    /// are URLs the PSA may use, and it does not refuse PKCE with S256.
    func validated(for client: OIDCConfiguration.Client) throws -> ProviderMetadata {
        guard issuer == client.issuer else { throw ProviderDocumentError.issuerMismatch }
        for endpoint in [authorizationEndpoint, tokenEndpoint, jwksURI] {
            guard OIDCConfiguration.isAcceptableURL(endpoint) || Self.isAcceptableWithQuery(endpoint) else {
                throw ProviderDocumentError.unusableEndpoint
            }
        }
        if let codeChallengeMethods, !codeChallengeMethods.contains("S256") {
            throw ProviderDocumentError.noPKCE
        }
        return self
    }

    /// An endpoint may carry a query of its own (some providers put a tenant there).
    private static func isAcceptableWithQuery(_ endpoint: String) -> Bool {
        guard let queryStart = endpoint.firstIndex(of: "?"), !endpoint.contains("#") else { return false }
        return OIDCConfiguration.isAcceptableURL(String(endpoint[..<queryStart]))
            && endpoint.utf8.allSatisfy({ (0x21...0x7E).contains($0) })
    }
}

/// Why a provider's document cannot be used; logged, never shown to the user beyond "provider unavailable".
enum ProviderDocumentError: Error, Equatable {
    case unreachable(status: UInt)
    case tooLarge
    case malformed
    case issuerMismatch
    case unusableEndpoint
    case noPKCE
}
