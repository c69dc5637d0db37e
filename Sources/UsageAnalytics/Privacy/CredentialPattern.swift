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

    /// An HTTP authorization value: `Bearer` or `Basic` (any case) and whitespace, then a credential
    /// that looks random (has a digit, or a capital after a small letter), so prose such as "bearer
    /// authentication", "Basic plan" or "bearer of TIC-001234" is left alone. A `Bearer` credential
    /// is a token68 (`A–Z a–z 0–9 - . _ ~ + / =`) of at least 16 characters; a `Basic` one is padded
    /// base64 of at least 8 characters, a multiple of 4 long.
    static func matchesAuthorization(_ text: TextBytes, at start: Int) -> Bool {
        var position: Int
        let isBasic: Bool
        if text.hasCaseInsensitivePrefix("bearer", at: start) {
            position = start + 6
            isBasic = false
        } else if text.hasCaseInsensitivePrefix("basic", at: start) {
            position = start + 5
            isBasic = true
        } else {
            return false
        }
        guard text[position] == UInt8(ascii: " ") || text[position] == UInt8(ascii: "\t") else { return false }
        while text[position] == UInt8(ascii: " ") || text[position] == UInt8(ascii: "\t") { position += 1 }
        let credentialStart = position
        var looksRandom = false
        var previous: UInt8 = 0
        while position - credentialStart < 512 {
            let byte = text[position]
            guard isBasic ? isBase64(byte) : isToken68(byte) else { break }
            if TextBytes.isDigit(byte) || (TextBytes.isUppercase(byte) && TextBytes.isLowercase(previous)) {
                looksRandom = true
            }
            previous = byte
            position += 1
        }
        let length = position - credentialStart
        guard looksRandom else { return false }
        return isBasic ? length >= 8 && length % 4 == 0 : length >= 16
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

    private static func isBase64(_ byte: UInt8) -> Bool {
        TextBytes.isAlphanumeric(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/")
            || byte == UInt8(ascii: "=")
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
