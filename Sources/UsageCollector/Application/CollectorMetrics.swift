import Metrics
import Prometheus

/// The collector's operational metrics, made through swift-metrics with an explicit factory (the collector's own
/// Prometheus registry, exported at `GET /metrics`), never the process-wide `MetricsSystem`.
///
/// | metric | kind | meaning |
/// |---|---|---|
/// | `collector_events_accepted_total` | counter | events of capture requests answered 200 (committed) |
/// | `collector_requests_rejected_total{reason}` | counter | refused capture requests, by error code |
/// | `collector_capture_duration_seconds` | histogram | capture request time, body read to answer |
/// | `collector_commit_duration_seconds` | histogram | one group commit in the store |
/// | `collector_commit_batch_events` | histogram | events per group commit |
/// | `collector_writer_waiting_events` | gauge | events waiting for the next commit (queue depth) |
/// | `collector_body_bytes_in_flight` | gauge | request-body bytes held by capture and import requests |
public struct CollectorMetrics: Sendable {
    let factory: any MetricsFactory
    let acceptedEvents: Metrics.Counter
    let captureDuration: Metrics.Timer
    let commitDuration: Metrics.Timer
    let commitBatchEvents: Recorder
    let waitingEvents: Metrics.Gauge
    let bodyBytesInFlight: Metrics.Gauge

    /// Creates the metrics in `factory`.
    /// - Parameter factory: where metrics go, such as `PrometheusMetricsFactory(registry:)`
    public init(factory: any MetricsFactory) {
        self.factory = factory
        self.acceptedEvents = Metrics.Counter(label: "collector_events_accepted_total", factory: factory)
        self.captureDuration = Metrics.Timer(label: "collector_capture_duration_seconds", factory: factory)
        self.commitDuration = Metrics.Timer(label: "collector_commit_duration_seconds", factory: factory)
        self.commitBatchEvents = Recorder(label: "collector_commit_batch_events", factory: factory)
        self.waitingEvents = Metrics.Gauge(label: "collector_writer_waiting_events", factory: factory)
        self.bodyBytesInFlight = Metrics.Gauge(label: "collector_body_bytes_in_flight", factory: factory)
    }

    /// The metrics in `registry`, with histogram buckets that suit commit sizes and millisecond latencies.
    public init(registry: PrometheusCollectorRegistry) {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.valueHistogramBuckets["collector_commit_batch_events"] = [1, 10, 100, 500, 1000, 5000, 10_000, 50_000]
        factory.defaultDurationHistogramBuckets.insert(.milliseconds(1), at: 0)
        self.init(factory: factory)
    }

    /// Metrics that go nowhere, for writers and controllers built without a collector.
    public static let none = CollectorMetrics(factory: NOOPMetricsHandler.instance)

    /// Counts one refused capture request under its error code.
    func rejected(_ error: IngestError) {
        Metrics.Counter(
            label: "collector_requests_rejected_total", dimensions: [("reason", error.code)], factory: self.factory
        )
        .increment()
    }
}
