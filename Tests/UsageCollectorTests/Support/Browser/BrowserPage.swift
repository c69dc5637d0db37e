import Foundation

@testable import UsageCollector

/// One tab: navigate, wait until the page says it is drawn, read its DOM, take screenshots.
struct BrowserPage: Sendable {
    struct ScriptError: Error, CustomStringConvertible {
        let description: String
    }

    let pipe: DevToolsPipe
    let sessionID: String

    func send(_ method: String, _ params: [String: JSONValue] = [:]) async throws -> JSONValue {
        try await self.pipe.send(method, params, sessionID: self.sessionID)
    }

    func prepare(colorScheme: String) async throws {
        _ = try await self.send("Page.enable")
        _ = try await self.send("Network.enable")
        _ = try await self.send(
            "Emulation.setDeviceMetricsOverride",
            ["width": .int(1280), "height": .int(800), "deviceScaleFactor": .int(1), "mobile": .bool(false)])
        _ = try await self.send("Emulation.setTimezoneOverride", ["timezoneId": .string("UTC")])
        _ = try await self.send(
            "Emulation.setEmulatedMedia",
            ["features": .array([.object(["name": .string("prefers-color-scheme"), "value": .string(colorScheme)])])])
    }

    /// Loads `url` and waits for its load event and its `data-ready` flag.
    func navigate(_ url: String) async throws {
        try await self.loading {
            let result = try await self.send("Page.navigate", ["url": .string(url)])
            if case .string(let error)? = result.field("errorText") {
                throw ScriptError(description: "navigation to \(url) failed: \(error)")
            }
        }
    }

    /// Runs `trigger` (a navigation, a form submission) and waits until the page it leads to is drawn.
    func loading(_ trigger: () async throws -> Void) async throws {
        let loaded = self.pipe.expect("Page.loadEventFired", sessionID: self.sessionID)
        try await trigger()
        _ = try await self.pipe.wait(for: loaded)
        try await self.waitUntilReady()
    }

    /// Waits, inside the page, until the inline script has set `data-ready` on the body. An exception (the page is
    /// between documents) counts as not ready yet; the suite's time limit bounds the wait.
    func waitUntilReady() async throws {
        let script = """
            new Promise(resolve => {
              const check = () => document.body && document.body.dataset.ready === "true"
                ? resolve(true) : requestAnimationFrame(check);
              check();
            })
            """
        while true {
            if case .bool(true)? = try? await self.evaluate(script) { return }
        }
    }

    /// The value of a JavaScript expression (promises awaited), as JSON.
    func evaluate(_ expression: String) async throws -> JSONValue {
        let reply = try await self.send(
            "Runtime.evaluate",
            ["expression": .string(expression), "awaitPromise": .bool(true), "returnByValue": .bool(true)])
        if let exception = reply.field("exceptionDetails") {
            throw ScriptError(description: "script failed: \(exception.jsonText)")
        }
        return reply.field("result")?.field("value") ?? .null
    }

    /// The text of an expression that yields a string.
    func text(_ expression: String) async throws -> String {
        guard case .string(let text) = try await self.evaluate(expression) else {
            throw ScriptError(description: "\(expression) is not a string")
        }
        return text
    }

    /// The browser's cookies for the page.
    func cookies() async throws -> [JSONValue] {
        guard case .array(let cookies)? = try await self.send("Network.getCookies").field("cookies") else { return [] }
        return cookies
    }

    /// Writes a PNG of the whole page to `file`.
    func screenshot(to file: URL) async throws {
        let metrics = try await self.send("Page.getLayoutMetrics")
        let size = metrics.field("cssContentSize")
        let clip: JSONValue = .object([
            "x": .int(0), "y": .int(0), "scale": .int(1),
            "width": size?.field("width") ?? .int(1280), "height": size?.field("height") ?? .int(800),
        ])
        let reply = try await self.send(
            "Page.captureScreenshot",
            ["format": .string("png"), "captureBeyondViewport": .bool(true), "clip": clip])
        guard case .string(let base64)? = reply.field("data"), let data = Data(base64Encoded: base64) else {
            throw ScriptError(description: "no screenshot data")
        }
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }
}
