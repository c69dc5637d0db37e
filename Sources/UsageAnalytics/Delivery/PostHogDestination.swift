import AsyncHTTPClient
import CompressNIO
import Foundation
import NIOCore
import NIOHTTP1

/// Sends batches to a PostHog capture v0 endpoint: `POST {host}/batch/` with
/// `{api_key, batch, sent_at}`, gzip-compressed by default.
///
/// Works with PostHog cloud, self-hosted PostHog and the UsageCollector. No connection is opened
/// until the first delivery.
public struct PostHogDestination: AnalyticsDestination {
    public let name: String
    /// The full capture URL, `{host}/batch/`.
    public let endpoint: String
    private let apiKey: String
    private let compress: Bool
    private let timeout: Duration
    private let client: HTTPClient

    /// A destination for the PostHog-compatible server at `host`.
    /// - Parameters:
    ///   - name: The destination's unique name (its spool directory).
    ///   - host: The server's base URL, such as `https://eu.i.posthog.com`.
    ///   - apiKey: The project key sent as `api_key`.
    ///   - compress: Whether to send `Content-Encoding: gzip`.
    ///   - timeout: The longest a request may take, connection included.
    ///   - connectTimeout: The longest making a connection may take, so that a refused or unreachable
    ///     server costs this, not the whole `timeout`; used only with the default client.
    ///   - client: The HTTP client; by default one kept per connect timeout, which fails a request
    ///     as soon as its connection fails.
    public init(
        name: String = "posthog", host: String, apiKey: String, compress: Bool = true, timeout: Duration = .seconds(10),
        connectTimeout: Duration = .seconds(2), client: HTTPClient? = nil
    ) {
        self.name = name
        var base = host
        while base.hasSuffix("/") { base.removeLast() }
        self.endpoint = base + "/batch/"
        self.apiKey = apiKey
        self.compress = compress
        self.timeout = timeout
        self.client = client ?? DeliveryHTTPClients.client(connectTimeout: connectTimeout)
    }

    /// A destination for `configuration.host` with its API key, compression, request and connect timeouts;
    /// `nil` when no host is configured (events then go to the embedded collector).
    public init?(configuration: AnalyticsConfiguration, apiKey defaultKey: String, name: String = "posthog") {
        guard let host = configuration.host else { return nil }
        self.init(
            name: name, host: host, apiKey: configuration.apiKey ?? defaultKey,
            compress: configuration.compressBatches, timeout: configuration.requestTimeout,
            connectTimeout: configuration.connectTimeout)
    }

    public func deliver(_ events: [EncodedEvent]) async throws -> DeliveryReceipt {
        let body = BatchBody.encode(events, apiKey: apiKey, sentAt: Date())
        var request = HTTPClientRequest(url: endpoint)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "\(CommonProperties.library)/\(UsageAnalyticsVersion.current)")
        if compress {
            var plain = ByteBuffer(bytes: body)
            let compressed: ByteBuffer
            do {
                compressed = try plain.compress(with: .gzip())
            } catch {
                throw DeliveryFailure(kind: .rejected, reason: "gzip failed: \(type(of: error))")
            }
            request.headers.add(name: "Content-Encoding", value: "gzip")
            request.body = .bytes(compressed)
        } else {
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .nanoseconds(Int64(timeout.nanosecondsValue)))
        } catch {
            throw DeliveryFailure(kind: .transient, reason: "network error: \(Self.describe(error))")
        }
        // The answer is decided by the status; the body is only drained (an oversized one is not a failure).
        _ = try? await response.body.collect(upTo: 1 << 20)
        let status = Int(response.status.code)
        let retryAfter = response.headers.first(name: "Retry-After").flatMap { Self.parseRetryAfter($0) }
        if let failure = DeliveryFailure.forStatus(status, retryAfter: retryAfter) { throw failure }
        return DeliveryReceipt(statusCode: status)
    }

    /// `Retry-After` as seconds or as an HTTP date.
    static func parseRetryAfter(_ value: String, now: Date = Date()) -> Duration? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed), seconds >= 0 { return .seconds(seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return .milliseconds(max(0, Int64(date.timeIntervalSince(now) * 1000)))
    }

    private static func describe(_ error: any Error) -> String {
        if let client = error as? HTTPClientError { return "\(client)" }
        return "\(type(of: error))"
    }
}

extension Duration {
    var nanosecondsValue: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
