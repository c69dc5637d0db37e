/// Finds credentials that are not provider API keys: JWTs, HTTP authorization values, PEM private
/// keys and passwords inside URLs.
enum CredentialPattern {
    /// A JWT: `eyJ` + at least 7 more base64url characters (the header), `.`, a payload of at least
    /// two base64url characters, `.`, and an optional signature; it must start a token (not follow
    /// base64url characters or a dot).
    static func matchesJWT(_ text: TextBytes, at start: Int) -> Bool {
        guard text.hasPrefix("eyJ", at: start) else { return false }
        let previous = text[start - 1]
        guard !TextBytes.isBase64URL(previous), previous != UInt8(ascii: ".") else { return false }
        var position = start
        while TextBytes.isBase64URL(text[position]) { position += 1 }
        guard position - start >= 10, text[position] == UInt8(ascii: ".") else { return false }
        position += 1
        let payloadStart = position
        while TextBytes.isBase64URL(text[position]) { position += 1 }
        return position - payloadStart >= 2 && text[position] == UInt8(ascii: ".")
    }

    /// An HTTP authorization value: `Bearer` or `Basic` (any case), whitespace, then a token68 of at
    /// least 8 characters that looks random (has a digit, a symbol, or a capital after a small
    /// letter), so prose such as "bearer authentication" is left alone.
    static func matchesAuthorization(_ text: TextBytes, at start: Int) -> Bool {
        var position: Int
        if text.hasCaseInsensitivePrefix("bearer", at: start) {
            position = start + 6
        } else if text.hasCaseInsensitivePrefix("basic", at: start) {
            position = start + 5
        } else {
            return false
        }
        guard text[position] == UInt8(ascii: " ") || text[position] == UInt8(ascii: "\t") else { return false }
        while text[position] == UInt8(ascii: " ") || text[position] == UInt8(ascii: "\t") { position += 1 }
        let tokenStart = position
        var looksRandom = false
        var previous: UInt8 = 0
        while isToken68(text[position]), position - tokenStart < 512 {
            let byte = text[position]
            if !TextBytes.isLetter(byte) || (TextBytes.isUppercase(byte) && TextBytes.isLowercase(previous)) {
                looksRandom = true
            }
            previous = byte
            position += 1
        }
        return looksRandom && position - tokenStart >= 8
    }

    /// A PEM private key block: `-----BEGIN ` followed, on the same line, by `PRIVATE KEY`.
    static func matchesPrivateKey(_ text: TextBytes, at start: Int) -> Bool {
        guard text.hasPrefix("-----BEGIN ", at: start) else { return false }
        var position = start + 11
        while position < start + 64, text[position] != UInt8(ascii: "\n"), text[position] != 0 {
            if text.hasPrefix("PRIVATE KEY", at: position) { return true }
            position += 1
        }
        return false
    }

    /// A URL with a password: `://`, then `user:password@` before any `/`, `?`, `#` or whitespace.
    static func matchesURLPassword(_ text: TextBytes, at colon: Int) -> Bool {
        guard text.hasPrefix("://", at: colon) else { return false }
        var position = colon + 3
        var passwordStart: Int?
        while position < colon + 259 {
            switch text[position] {
            case UInt8(ascii: "@"):
                guard let passwordStart else { return false }
                return position > passwordStart
            case UInt8(ascii: ":"):
                if passwordStart == nil { passwordStart = position + 1 }
            case 0, UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: " "), UInt8(ascii: "\n"),
                UInt8(ascii: "\t"):
                return false
            default:
                break
            }
            position += 1
        }
        return false
    }

    private static func isToken68(_ byte: UInt8) -> Bool {
        if TextBytes.isAlphanumeric(byte) { return true }
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "+"),
            UInt8(ascii: "/"), UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }
}
