import Foundation
import Logging

/// One provider's discovery document and signing keys, fetched when first needed and kept as long as their
/// `Cache-Control` allows.
///
/// A token naming a key the cached set lacks refreshes the set, since the provider may have rotated its keys;
/// but no document is fetched twice within ``OIDCConfiguration/minimumRefreshInterval``, so a flood of tokens
/// with made-up key ids costs the provider at most one request a minute. While the provider is unreachable, the
/// last good copy keeps serving.
actor ProviderDocuments {
    private let client: OIDCConfiguration.Client
    private let transport: ProviderTransport
    private let settings: OIDCConfiguration
    private let now: @Sendable () -> Date
    private let logger: Logger

    private var metadata: (value: ProviderMetadata, expiresAt: Date)?
    private var metadataFetchedAt: Date?
    private var keySet: (value: ProviderKeySet, expiresAt: Date)?
    private var keysFetchedAt: Date?
    private var keysRefresh: Task<ProviderKeySet, any Error>?

    static let metadataLimit = 64 * 1_024
    static let keySetLimit = 256 * 1_024

    init(
        client: OIDCConfiguration.Client, transport: ProviderTransport, settings: OIDCConfiguration,
        logger: Logger, now: @escaping @Sendable () -> Date
    ) {
        self.client = client
        self.transport = transport
        self.settings = settings
        self.logger = logger
        self.now = now
    }

    /// The discovery document, validated against the configured issuer.
    func providerMetadata() async throws -> ProviderMetadata {
        if let cached = metadata, cached.expiresAt > now() || isRecent(metadataFetchedAt) { return cached.value }
        // A provider that failed a moment ago is not asked again for each sign-in started meanwhile.
        if metadata == nil, isRecent(metadataFetchedAt) { throw ProviderDocumentError.unreachable(status: 0) }
        metadataFetchedAt = now()
        do {
            let document = try await transport.get(client.discoveryURL, limit: Self.metadataLimit)
            guard let decoded = try? JSONDecoder().decode(ProviderMetadata.self, from: document.body) else {
                throw ProviderDocumentError.malformed
            }
            let validated = try decoded.validated(for: client)
            metadata = (validated, now().addingTimeInterval(lifetime(of: document)))
            return validated
        } catch {
            logger.warning("OpenID discovery failed", metadata: ["issuer": "\(client.issuer)", "error": "\(error)"])
            guard let cached = metadata else { throw error }
            return cached.value
        }
    }

    /// The key set when it has a key `kid`, refreshing it (at most once per refresh interval) when it is
    /// expired or lacks that key; nil when the provider has no such key.
    func keys(for kid: String) async throws -> ProviderKeySet? {
        if let cached = keySet, cached.expiresAt > now(), cached.value.algorithms[kid] != nil { return cached.value }
        if let refresh = keysRefresh { return try await refresh.value.containing(kid) }
        if isRecent(keysFetchedAt) { return keySet?.value.containing(kid) }
        keysFetchedAt = now()
        let refresh = Task { try await fetchKeys() }
        keysRefresh = refresh
        defer { keysRefresh = nil }
        do {
            return try await refresh.value.containing(kid)
        } catch {
            logger.warning("JWKS fetch failed", metadata: ["issuer": "\(client.issuer)", "error": "\(error)"])
            guard let cached = keySet else { throw error }
            return cached.value.containing(kid)
        }
    }

    private func fetchKeys() async throws -> ProviderKeySet {
        var url = client.jwksURL
        if url == nil { url = try await providerMetadata().jwksURI }
        guard let url else { throw ProviderDocumentError.malformed }
        let document = try await transport.get(url, limit: Self.keySetLimit)
        let parsed = try await ProviderKeySet.parse(document.body)
        keySet = (parsed, now().addingTimeInterval(lifetime(of: document)))
        return parsed
    }

    private func lifetime(of document: ProviderTransport.Document) -> TimeInterval {
        CacheLifetime.seconds(cacheControl: document.cacheControl, default: settings.defaultCacheLifetime)
    }

    private func isRecent(_ fetchedAt: Date?) -> Bool {
        fetchedAt.map { now().timeIntervalSince($0) < settings.minimumRefreshInterval } ?? false
    }
}

extension ProviderKeySet {
    /// This set when it has a key `kid`, else nil.
    fileprivate func containing(_ kid: String) -> ProviderKeySet? {
        algorithms[kid] == nil ? nil : self
    }
}
