import Foundation

@testable import UsageCollector

/// Debian's Chromium, headless, driven over the DevTools pipe (see BROWSER-TESTING.md): one browser per suite,
/// pages opened as targets with their own session.
final class ChromiumBrowser: Sendable {
    /// `CHROMIUM` from the environment, else Debian's binary; nil when neither is executable.
    static let executable: String? = {
        let candidates = [ProcessInfo.processInfo.environment["CHROMIUM"], "/usr/lib/chromium/chromium"]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Whether browser suites run: Chromium is installed, or `CI` is set (then a missing browser fails them).
    static let isAvailable = executable != nil || ProcessInfo.processInfo.environment["CI"] != nil

    struct Missing: Error, CustomStringConvertible {
        let description = "Chromium is not installed: apt-get install -y chromium fonts-liberation (or set CHROMIUM)"
    }

    private let process: Process
    private let profile: URL
    let pipe: DevToolsPipe

    init() throws {
        guard let executable = Self.executable else { throw Missing() }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID())")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        let process = Process()
        // Foundation's Process cannot hand fds 3 and 4 to a child; the shell maps our pipes onto them and
        // `exec` keeps the browser's pid, so terminating the process ends the browser.
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments =
            ["-c", #"exec "$0" "$@" 3<&0 4>&1 </dev/null >/dev/null 2>&1"#, executable] + [
                "--headless", "--no-sandbox", "--user-data-dir=\(profile.path)", "--no-first-run",
                "--disable-extensions", "--hide-scrollbars", "--force-device-scale-factor=1", "--disable-gpu",
                "--log-level=3", "--remote-debugging-pipe",
            ]
        let commands = Pipe()
        let replies = Pipe()
        process.standardInput = commands
        process.standardOutput = replies
        try process.run()
        self.process = process
        self.profile = profile
        self.pipe = DevToolsPipe(
            writer: commands.fileHandleForWriting, reader: replies.fileHandleForReading)
    }

    /// Opens a blank page of 1280×800 CSS pixels in UTC, with its own DevTools session.
    func newPage(colorScheme: String = "light") async throws -> BrowserPage {
        let created = try await self.pipe.send("Target.createTarget", ["url": .string("about:blank")])
        guard case .string(let targetID)? = created.field("targetId") else {
            throw DevToolsPipe.ProtocolError(description: "no targetId in \(created.jsonText)")
        }
        let attached = try await self.pipe.send(
            "Target.attachToTarget", ["targetId": .string(targetID), "flatten": .bool(true)])
        guard case .string(let sessionID)? = attached.field("sessionId") else {
            throw DevToolsPipe.ProtocolError(description: "no sessionId in \(attached.jsonText)")
        }
        let page = BrowserPage(pipe: self.pipe, sessionID: sessionID)
        try await page.prepare(colorScheme: colorScheme)
        return page
    }

    /// Closes the browser and waits for it to exit.
    func close() async {
        _ = try? await self.pipe.send("Browser.close")
        self.process.waitUntilExit()
        try? FileManager.default.removeItem(at: self.profile)
    }

    deinit {
        if self.process.isRunning { self.process.terminate() }
    }
}
