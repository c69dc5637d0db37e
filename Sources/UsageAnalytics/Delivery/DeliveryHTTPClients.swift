import AsyncHTTPClient
import Synchronization

/// The HTTP clients deliveries use by default: one per connect timeout, made on first use and
/// kept for the life of the process, like `HTTPClient.shared` (so never shut down, never freed).
///
/// They differ from the shared client in two ways: a connection must be made within the connect
/// timeout, and a connection that fails fails the request at once instead of being retried until
/// the request's deadline, so a refused or black-holed server costs one connect timeout per
/// attempt, and the SDK's own retry policy decides what comes next.
enum DeliveryHTTPClients {
    private static let clients = Mutex<[Duration: HTTPClient]>([:])

    /// The client whose connections time out after `connectTimeout`.
    static func client(connectTimeout: Duration) -> HTTPClient {
        clients.withLock { clients in
            if let existing = clients[connectTimeout] { return existing }
            var configuration = HTTPClient.Configuration.singletonConfiguration
            configuration.timeout.connect = .nanoseconds(connectTimeout.nanosecondsValue)
            configuration.connectionPool.retryConnectionEstablishment = false
            let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
            clients[connectTimeout] = client
            return client
        }
    }
}
