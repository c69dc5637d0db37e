/// Detects personal data and credentials inside a string value.
///
/// One pass over the UTF-8 bytes: most bytes cost a single comparison, and the patterns run
/// only where a token starts (after a non-alphanumeric byte) or at the bytes that anchor them
/// (`@`, `%40`, `://`, `::`). Every pattern reads a bounded number of bytes forward, so the
/// work stays linear in the length of the text and nothing is allocated.
///
/// The first finding (by position) wins; the rules of each kind are documented on its pattern:
/// ``EmailPattern``, ``PhonePattern``, ``IPAddressPattern``, ``PaymentCardPattern``, ``IBAN``,
/// ``NationalIDPattern``, ``MACAddressPattern``, ``CoordinatePattern``, ``CredentialPattern``
/// and ``APIKeyPattern``. Callers fold Unicode forms first (``TextNormalizer``).
enum ValueInspector {
    /// The kind of personal data or credential found in `text`, or nil when it looks harmless.
    static func finding(in text: String) -> Redaction.Reason? {
        TextBytes.with(text) { finding(in: $0) }
    }

    static func finding(in text: TextBytes) -> Redaction.Reason? {
        var previous: UInt8 = 0
        for index in 0..<text.count {
            let byte = text.base[index]
            defer { previous = byte }
            switch byte {
            case UInt8(ascii: "@"):
                if EmailPattern.matches(text, at: index, width: 1) { return .email }
                continue
            case UInt8(ascii: "%"):
                if text.hasPrefix("%40", at: index), EmailPattern.matches(text, at: index, width: 3) { return .email }
                continue
            case UInt8(ascii: ":"):
                if CredentialPattern.matchesURLPassword(text, at: index) { return .secret }
                if IPAddressPattern.matchesIPv6(text, at: index) { return .ipAddress }
                continue
            default:
                break
            }
            // Everything else is anchored at the start of a token.
            if TextBytes.isAlphanumeric(previous) { continue }
            if let reason = findingAtTokenStart(text, at: index, byte: byte) { return reason }
        }
        return nil
    }

    private static func findingAtTokenStart(_ text: TextBytes, at index: Int, byte: UInt8) -> Redaction.Reason? {
        if TextBytes.isDigit(byte) {
            if IPAddressPattern.matchesIPv4(text, at: index) { return .ipAddress }
            if MACAddressPattern.matches(text, at: index) { return .macAddress }
            if NationalIDPattern.matchesSocialSecurityNumber(text, at: index) { return .nationalID }
            if PaymentCardPattern.matches(text, at: index) { return .paymentCard }
            if CoordinatePattern.matches(text, at: index) { return .coordinates }
            if PhonePattern.matches(text, at: index) { return .phone }
            if IPAddressPattern.matchesIPv6(text, at: index) { return .ipAddress }
            return nil
        }
        if TextBytes.isLetter(byte) {
            let lowercased = TextBytes.lowercased(byte)
            if byte == UInt8(ascii: "e"), CredentialPattern.matchesJWT(text, at: index) { return .jwt }
            if lowercased == UInt8(ascii: "b"), CredentialPattern.matchesAuthorization(text, at: index) {
                return .bearerToken
            }
            if APIKeyPattern.matches(text, at: index) { return .apiKey }
            if IBAN.matches(text, at: index) { return .iban }
            if NationalIDPattern.matchesNationalInsuranceNumber(text, at: index) { return .nationalID }
            if MACAddressPattern.matches(text, at: index) { return .macAddress }
            if IPAddressPattern.matchesIPv6(text, at: index) { return .ipAddress }
            return nil
        }
        switch byte {
        case UInt8(ascii: "+"), UInt8(ascii: "("):
            return PhonePattern.matches(text, at: index) ? .phone : nil
        case UInt8(ascii: "-"):
            if CoordinatePattern.matches(text, at: index) { return .coordinates }
            return CredentialPattern.matchesPrivateKey(text, at: index) ? .secret : nil
        default:
            return nil
        }
    }
}
