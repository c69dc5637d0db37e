import Foundation
import JWTKit

/// A provider's signing keys from its JWKS: the keys jwt-kit verifies with, by `kid`.
///
/// Keys meant for encryption (`use: enc`), keys of types jwt-kit does not verify with (`oct`) and keys without
/// a `kid` are left out rather than failing the whole set, as Keycloak publishes an encryption key beside its
/// signing keys.
struct ProviderKeySet: Sendable {
    let keys: JWTKeyCollection
    /// Each usable key's `kid` and the algorithm the key declares, if any.
    let algorithms: [String: String?]

    /// An empty set, before the first fetch.
    static let empty = ProviderKeySet(keys: JWTKeyCollection(), algorithms: [:])

    /// The signing keys of a JWKS document; throws when it is not a JWKS or holds no usable key.
    static func parse(_ data: Data) async throws -> ProviderKeySet {
        guard let document = try? JSONDecoder().decode(Document.self, from: data) else {
            throw ProviderDocumentError.malformed
        }
        let keys = JWTKeyCollection()
        var algorithms: [String: String?] = [:]
        for entry in document.keys {
            guard let jwk = entry.jwk, entry.use != "enc", let kid = jwk.keyIdentifier?.string,
                algorithms[kid] == nil, jwk.algorithm != .rsaOAEP
            else { continue }
            guard (try? await keys.add(jwk: jwk)) != nil else { continue }
            algorithms.updateValue(jwk.algorithm?.rawValue, forKey: kid)
        }
        guard !algorithms.isEmpty else { throw ProviderDocumentError.malformed }
        return ProviderKeySet(keys: keys, algorithms: algorithms)
    }

    private struct Document: Decodable {
        var keys: [Entry]
    }

    /// One key of the set, decoded on its own so that one unusable key does not spoil the others.
    private struct Entry: Decodable {
        var jwk: JWK?
        var use: String?

        enum CodingKeys: String, CodingKey {
            case use
        }

        init(from decoder: any Decoder) throws {
            jwk = try? JWK(from: decoder)
            use = try? decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .use)
        }
    }
}
