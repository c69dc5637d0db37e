import Foundation
import InMemoryLogging
import Logging
import Testing
import UsageAnalytics
import UsageAnalyticsTesting

@Suite("First-run notice")
struct FirstRunNoticeTests {
    @Test("printed once per installation, saying what is collected and how to opt out")
    func printedOnce() throws {
        let directory = try TemporaryDirectory()
        let notices = NoticeRecorder()
        let store = FileInstallationStore(directory: directory.path)
        for _ in 0..<3 {
            _ = try AnalyticsClient(
                configuration: AnalyticsConfiguration(), installationStore: store, destinations: [],
                logger: .init(label: "test"), noticeOutput: notices.output)
        }
        #expect(notices.texts.count == 1)
        let text = try #require(notices.texts.first)
        #expect(text.contains("ALGA_USAGE_STATS=false"))
        #expect(text.contains("never sends names, email addresses"))
        #expect(try store.load()?.noticeShownAt != nil)
    }

    @Test("a failure to record the notice is logged, not fatal, and events still flow")
    func recordingFailureIsNotFatal() async throws {
        let handler = InMemoryLogHandler()
        let logger = Logger(label: "test") { _ in handler }
        let notices = NoticeRecorder()
        let recorder = RecordingDestination()
        let store = SaveOnceStore()
        let analytics = try AnalyticsClient(
            configuration: AnalyticsConfiguration(), installationStore: store, destinations: [recorder],
            logger: logger, noticeOutput: notices.output, delivery: .memoryOnly)
        analytics.capture(UserLoggedOut(userType: .internal), actor: nil)
        await analytics.flush()
        #expect(notices.texts.count == 1)
        #expect(handler.entries.contains { $0.level == .warning && "\($0.message)".contains("notice") })
        #expect(try recorder.events.count == 1)
    }
}

/// Stores the new installation, then fails every later save (a disk that filled up).
final class SaveOnceStore: InstallationStore {
    private let inner = EphemeralInstallationStore()
    private let saves = ManagedCounter()

    func load() throws -> Installation? { try inner.load() }

    func save(_ installation: Installation) throws {
        guard saves.next() == 1 else { throw CocoaError(.fileWriteOutOfSpace) }
        try inner.save(installation)
    }
}
