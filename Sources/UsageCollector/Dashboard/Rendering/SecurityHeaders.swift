import HTTPTypes
import Hummingbird

/// Headers on every dashboard page: a Content-Security-Policy that admits nothing from another origin (scripts
/// only with this response's nonce), no framing, no caching of pages that show data, no MIME sniffing.
enum SecurityHeaders {
    static func contentSecurityPolicy(scriptNonce: String) -> String {
        "default-src 'none'; script-src 'nonce-\(scriptNonce)'; style-src 'self'; img-src 'self' data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    static func fields(scriptNonce: String) -> [(HTTPField.Name, String)] {
        [
            (.contentSecurityPolicy, Self.contentSecurityPolicy(scriptNonce: scriptNonce)),
            (.cacheControl, "no-store"),
            (.xContentTypeOptions, "nosniff"),
            (HTTPField.Name("X-Frame-Options")!, "DENY"),
            (HTTPField.Name("Referrer-Policy")!, "same-origin"),
        ]
    }
}
