/// Finds a payment card number starting at a given digit.
///
/// Rule: 13–19 digits, either in one run or in groups of 3 or more digits separated by one kind
/// of separator (space or dash), starting with 2–6 (the issuer ranges of Visa, Mastercard, Amex,
/// Discover, JCB, Diners, UnionPay and Maestro), passing the Luhn check, and standing alone (see
/// ``TextBytes/startsNumber(at:)`` and ``TextBytes/endsToken(at:)``). A shorter run of groups inside a longer one also counts, so
/// `4111 1111 1111 1111 2027` is found. Unix timestamps in milliseconds start with 1 and never match.
enum PaymentCardPattern {
    static func matches(_ text: TextBytes, at start: Int) -> Bool {
        guard text.startsNumber(at: start), text[start - 1] != UInt8(ascii: ".") else { return false }
        guard (UInt8(ascii: "2")...UInt8(ascii: "6")).contains(text[start]) else { return false }
        var position = start
        var digits = 0
        var groups = 0
        var separator: UInt8 = 0
        var firstGroupLength = 0
        while true {
            let groupStart = position
            while text.isDigit(at: position) {
                position += 1
                digits += 1
                if digits > 19 { return false }
            }
            let length = position - groupStart
            groups += 1
            if groups == 1 { firstGroupLength = length }
            if groups > 1 && (length < 3 || firstGroupLength < 3) { return false }
            if digits >= 13, text.endsToken(at: position), Luhn.isValid(text, from: start, to: position) {
                return true
            }
            let next = text[position]
            guard next == UInt8(ascii: " ") || next == UInt8(ascii: "-"), text.isDigit(at: position + 1),
                separator == 0 || separator == next
            else { return false }
            separator = next
            position += 1
        }
    }
}
