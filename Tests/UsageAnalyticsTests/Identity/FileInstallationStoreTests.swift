import Foundation
import Testing
import UsageAnalytics

@Suite("Installation identity file")
struct FileInstallationStoreTests {
    @Test("created on first start, readable by its owner only, and stable across restarts")
    func createdOnceAndStable() throws {
        let directory = try TemporaryDirectory()
        let store = FileInstallationStore(directory: directory.path + "/nested")
        #expect(try store.load() == nil)
        let installation = Installation.generate()
        try store.save(installation)
        let attributes = try FileManager.default.attributesOfItem(atPath: store.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let reloaded = try #require(try FileInstallationStore(directory: directory.path + "/nested").load())
        #expect(reloaded.id == installation.id)
        #expect(reloaded.secret == installation.secret)
        #expect(reloaded.secret.count == 32)
    }

    @Test("two installations never share a secret or an id")
    func generatedIdentitiesDiffer() {
        let first = Installation.generate()
        let second = Installation.generate()
        #expect(first.secret != second.secret && first.id != second.id)
    }

    @Test(
        "a corrupt file is a clear error, never silently replaced",
        arguments: [
            "not json", #"{"installation_id": "x", "secret": "c2hvcnQ=", "created_at": "2026-01-01T00:00:00Z"}"#,
            #"{"installation_id": "", "secret": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "created_at": "2026-01-01T00:00:00Z"}"#,
            String(repeating: " ", count: 70_000),
        ])
    func corruptFile(contents: String) throws {
        let directory = try TemporaryDirectory()
        let store = FileInstallationStore(directory: directory.path)
        try contents.write(toFile: store.path, atomically: true, encoding: .utf8)
        do {
            _ = try store.load()
            Issue.record("a corrupt identity loaded")
        } catch {
            #expect("\(error)".contains("installation.json is unreadable"))
        }
        #expect(try String(contentsOfFile: store.path, encoding: .utf8) == contents, "the file is left for inspection")
    }

    @Test("the client stays off on a corrupt identity rather than changing every id")
    func clientStaysOffOnCorruptIdentity() throws {
        let directory = try TemporaryDirectory()
        let store = FileInstallationStore(directory: directory.path)
        try "{}".write(toFile: store.path, atomically: true, encoding: .utf8)
        let analytics = try AnalyticsClient(
            configuration: AnalyticsConfiguration(), installationStore: store, destinations: [],
            logger: .init(label: "test"), noticeOutput: NoticeOutput { _ in })
        #expect(!analytics.isEnabled)
        #expect(try String(contentsOfFile: store.path, encoding: .utf8) == "{}", "no new identity was made")
    }
}
