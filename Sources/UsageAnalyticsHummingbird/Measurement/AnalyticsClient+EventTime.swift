import Foundation
import UsageAnalytics

extension AnalyticsClient {
    /// Captures `event` at `eventTime` when the host gave one, otherwise now.
    func capture<Event: AnalyticsEvent>(_ event: Event, actor: AnalyticsActor?, eventTime: Date?) {
        if let eventTime {
            capture(event, actor: actor, at: eventTime)
        } else {
            capture(event, actor: actor)
        }
    }
}
