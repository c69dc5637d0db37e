import Testing
import PropertyBased
import MetricsTestKit
@Test func warm() {}
