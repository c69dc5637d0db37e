/// Finds API keys and access tokens of well-known providers by their published shapes.
///
/// Each shape is a fixed prefix that must start a token, followed by a minimum number of
/// characters from the shape's alphabet; shapes whose prefix could begin ordinary words also
/// require a digit. `AKIA`/`ASIA` (AWS) need exactly 16 uppercase alphanumerics.
enum APIKeyPattern {
    struct Shape: Sendable {
        enum Alphabet: Sendable {
            case alphanumeric
            /// Alphanumerics, `-` and `_`.
            case base64URL
            /// Alphanumerics, `-`, `_` and `.`.
            case dotted
            case upperAlphanumeric
            case hex
        }

        let prefix: StaticString
        let minimumLength: Int
        var exactLength = false
        var alphabet = Alphabet.alphanumeric
        var needsDigit = false
    }

    static func matches(_ text: TextBytes, at start: Int) -> Bool {
        // Most tokens are rejected by their first two bytes with one bit test.
        let pair = Int(text[start]) << 8 | Int(text[start + 1])
        guard prefixPairs[pair >> 6] & (1 << UInt64(pair & 63)) != 0 else { return false }
        for shape in shapes where matches(shape, text, at: start) {
            return true
        }
        return false
    }

    /// A bit for every two-byte beginning of a prefix in ``shapes``.
    private static let prefixPairs: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 65_536 / 64)
        for shape in shapes {
            let pair = Int(shape.prefix.utf8Start[0]) << 8 | Int(shape.prefix.utf8Start[1])
            bits[pair >> 6] |= 1 << UInt64(pair & 63)
        }
        return bits
    }()

    /// Whether `value` is exactly a key of a known shape (for tests and callers validating settings).
    static func isAPIKey(_ value: String) -> Bool {
        TextBytes.with(value) { matches($0, at: 0) }
    }

    private static func matches(_ shape: Shape, _ text: TextBytes, at start: Int) -> Bool {
        guard text.hasPrefix(shape.prefix, at: start) else { return false }
        var position = start + shape.prefix.utf8CodeUnitCount
        let bodyStart = position
        var hasDigit = false
        while position - bodyStart < 256, belongs(text[position], to: shape.alphabet) {
            if TextBytes.isDigit(text[position]) { hasDigit = true }
            position += 1
        }
        let length = position - bodyStart
        if shape.exactLength {
            guard length == shape.minimumLength, !text.isAlphanumeric(at: position) else { return false }
        } else {
            guard length >= shape.minimumLength else { return false }
        }
        return hasDigit || !shape.needsDigit
    }

    private static func belongs(_ byte: UInt8, to alphabet: Shape.Alphabet) -> Bool {
        switch alphabet {
        case .alphanumeric: TextBytes.isAlphanumeric(byte)
        case .base64URL: TextBytes.isBase64URL(byte)
        case .dotted: TextBytes.isBase64URL(byte) || byte == UInt8(ascii: ".")
        case .upperAlphanumeric: TextBytes.isUppercase(byte) || TextBytes.isDigit(byte)
        case .hex: TextBytes.isHexDigit(byte)
        }
    }

    static let shapes: [Shape] = [
        // Stripe secret, publishable, restricted and webhook keys.
        Shape(prefix: "sk_live_", minimumLength: 16),
        Shape(prefix: "sk_test_", minimumLength: 16),
        Shape(prefix: "pk_live_", minimumLength: 16),
        Shape(prefix: "pk_test_", minimumLength: 16),
        Shape(prefix: "rk_live_", minimumLength: 16),
        Shape(prefix: "rk_test_", minimumLength: 16),
        Shape(prefix: "whsec_", minimumLength: 24),
        // GitHub tokens.
        Shape(prefix: "ghp_", minimumLength: 30),
        Shape(prefix: "gho_", minimumLength: 30),
        Shape(prefix: "ghs_", minimumLength: 30),
        Shape(prefix: "ghu_", minimumLength: 30),
        Shape(prefix: "ghr_", minimumLength: 30),
        Shape(prefix: "github_pat_", minimumLength: 22, alphabet: .base64URL),
        // Slack.
        Shape(prefix: "xoxb-", minimumLength: 10, alphabet: .base64URL, needsDigit: true),
        Shape(prefix: "xoxp-", minimumLength: 10, alphabet: .base64URL, needsDigit: true),
        Shape(prefix: "xoxa-", minimumLength: 10, alphabet: .base64URL, needsDigit: true),
        Shape(prefix: "xoxr-", minimumLength: 10, alphabet: .base64URL, needsDigit: true),
        Shape(prefix: "xoxs-", minimumLength: 10, alphabet: .base64URL, needsDigit: true),
        Shape(prefix: "xoxe-", minimumLength: 10, alphabet: .base64URL, needsDigit: true),
        Shape(prefix: "xapp-", minimumLength: 10, alphabet: .base64URL, needsDigit: true),
        // AWS access key ids, Google API keys and OAuth access tokens.
        Shape(prefix: "AKIA", minimumLength: 16, exactLength: true, alphabet: .upperAlphanumeric),
        Shape(prefix: "ASIA", minimumLength: 16, exactLength: true, alphabet: .upperAlphanumeric),
        Shape(prefix: "AIza", minimumLength: 35, alphabet: .base64URL),
        Shape(prefix: "ya29.", minimumLength: 20, alphabet: .base64URL, needsDigit: true),
        // PostHog project and personal keys.
        Shape(prefix: "phc_", minimumLength: 20),
        Shape(prefix: "phx_", minimumLength: 20),
        // OpenAI and Anthropic style (`sk-…`, `sk-proj-…`, `sk-ant-…`).
        Shape(prefix: "sk-", minimumLength: 20, alphabet: .base64URL, needsDigit: true),
        // GitLab, npm, PyPI, Hugging Face, DigitalOcean, Shopify, SendGrid, Square, Sentry, Linear.
        Shape(prefix: "glpat-", minimumLength: 20, alphabet: .base64URL),
        Shape(prefix: "npm_", minimumLength: 36),
        Shape(prefix: "pypi-", minimumLength: 50, alphabet: .base64URL),
        Shape(prefix: "hf_", minimumLength: 30),
        Shape(prefix: "dop_v1_", minimumLength: 64, alphabet: .hex),
        Shape(prefix: "shpat_", minimumLength: 32, alphabet: .hex),
        Shape(prefix: "shpss_", minimumLength: 32, alphabet: .hex),
        Shape(prefix: "shpca_", minimumLength: 32, alphabet: .hex),
        Shape(prefix: "SG.", minimumLength: 40, alphabet: .dotted),
        Shape(prefix: "sq0atp-", minimumLength: 20, alphabet: .base64URL),
        Shape(prefix: "sq0csp-", minimumLength: 20, alphabet: .base64URL),
        Shape(prefix: "sntrys_", minimumLength: 40, alphabet: .dotted),
        Shape(prefix: "lin_api_", minimumLength: 30),
    ]
}
