/// How the client delivers: what is not read from the environment.
public struct DeliveryOptions: Sendable {
    /// Where each destination's spool lives.
    public enum SpoolLocation: Sendable, Equatable {
        /// `AnalyticsConfiguration.resolvedSpoolDirectory`, one subdirectory per destination.
        case configured
        /// A subdirectory per destination of this directory.
        case directory(String)
        /// No files: undelivered events are kept in memory, within the same byte bound.
        case memoryOnly
    }

    /// Where undelivered events are kept.
    public var spool: SpoolLocation = .configured
    /// Sees every delivery attempt.
    public var observer: (any DeliveryObserver)? = nil
    /// The most events in one request.
    public var maximumBatchEvents = 100
    /// The most bytes of event JSON in one request.
    public var maximumBatchBytes = 5 * 1024 * 1024
    /// Makes the jitter of retry delays; tests make it fixed.
    public var jitter: @Sendable () -> Double = { Double.random(in: 0...1) }

    /// Options with every default.
    public init() {}

    /// Default options, with events kept in memory only (previews and tests).
    public static var memoryOnly: DeliveryOptions {
        var options = DeliveryOptions()
        options.spool = .memoryOnly
        return options
    }
}
