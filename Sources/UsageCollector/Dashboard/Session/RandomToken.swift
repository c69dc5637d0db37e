/// Unguessable tokens for session ids, CSRF tokens and script nonces: 32 bytes from the system's
/// cryptographic generator, as lowercase hex (valid in cookies, form fields and CSP headers alike).
enum RandomToken {
    static func make(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes * 2)
        for _ in 0..<bytes {
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Whether `text` has the shape of a token (so hostile cookie values never reach a lookup or a page).
    static func isWellFormed(_ text: String, bytes: Int = 32) -> Bool {
        text.utf8.count == bytes * 2
            && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
