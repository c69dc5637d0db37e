/// Finds a phone number starting at a given byte.
///
/// A phone number is any of:
/// - **International**: `+` then 8–15 digits, grouped by single spaces, dashes, dots or
///   parentheses: `+1 (555) 123-4567`, `+44 20 7946 0958`, `+4915112345678`.
/// - **North American**: 3-3-4 digits (optionally after `1`) with one separator kind, or a
///   parenthesised area code: `555-123-4567`, `555.123.4567`, `555 123 4567`, `(555) 123-4567`,
///   `1-555-123-4567`.
/// - **National with trunk prefix**: a first group starting with `0`, then more groups with one
///   separator kind, 9–13 digits in all: `020 7946 0958`, `06 12 34 56 78`, `030/1234567`,
///   `(02) 1234 5678`.
/// - **Bare**: one run of 10–15 digits, except Unix timestamps (10 or 13 digits starting with 1)
///   and compact dates (`yyyyMMddHH[mm[ss]]`).
///
/// The number must stand alone (see ``TextBytes/startsNumber(at:)`` and
/// ``TextBytes/endsToken(at:)``): not glued to letters or digits, nor joined by `.`, `-`, `_`,
/// `/` or `\` to a neighbouring word or number. So
/// dates (`2026-11-26`), times (`10:30:00`), UUIDs, versions (`6.3.1`), durations (`1500`),
/// tickets (`TIC-001234`), status codes and percentages never match. Seven-digit local numbers
/// without an area code (`555-1234`) are not detected.
enum PhonePattern {
    static func matches(_ text: TextBytes, at start: Int) -> Bool {
        guard text.startsNumber(at: start) else { return false }
        if text[start] == UInt8(ascii: "+") { return matchesInternational(text, at: start + 1) }
        return matchesNational(text, at: start)
    }

    private static func matchesInternational(_ text: TextBytes, at start: Int) -> Bool {
        var position = start
        var digits = 0
        while true {
            if text[position] == UInt8(ascii: "("), text.isDigit(at: position + 1) {
                position += 1
                while text.isDigit(at: position) { position += 1; digits += 1 }
                guard text[position] == UInt8(ascii: ")") else { return false }
                position += 1
            } else if text.isDigit(at: position) {
                while text.isDigit(at: position) { position += 1; digits += 1 }
            } else {
                return false
            }
            if digits > 15 { return false }
            if digits >= 8, text.endsToken(at: position) { return true }
            let next = text[position]
            if next == UInt8(ascii: " ") || next == UInt8(ascii: "-") || next == UInt8(ascii: ".") {
                guard text.isDigit(at: position + 1) || text[position + 1] == UInt8(ascii: "(") else { return false }
                position += 1
            }
        }
    }

    private static func matchesNational(_ text: TextBytes, at start: Int) -> Bool {
        var position = start
        var groups = Groups()
        if text[position] == UInt8(ascii: "(") {
            position += 1
            let groupStart = position
            while text.isDigit(at: position), position - groupStart <= 5 { position += 1 }
            guard (2...5).contains(position - groupStart), text[position] == UInt8(ascii: ")") else { return false }
            groups.append(length: position - groupStart, firstDigit: text[groupStart])
            groups.parenthesised = true
            position += 1
            if text[position] == UInt8(ascii: " ") { position += 1 }
            guard text.isDigit(at: position) else { return false }
        }
        var separator: UInt8 = 0
        while true {
            let groupStart = position
            while text.isDigit(at: position) { position += 1 }
            groups.append(length: position - groupStart, firstDigit: text[groupStart])
            if groups.digits > 15 { return false }
            if text.endsToken(at: position), groups.isPhoneNumber(separator: separator, text: text, end: position) {
                return true
            }
            let next = text[position]
            guard
                next == UInt8(ascii: " ") || next == UInt8(ascii: "-") || next == UInt8(ascii: ".")
                    || next == UInt8(ascii: "/"),
                text.isDigit(at: position + 1), separator == 0 || separator == next
            else { return false }
            separator = next
            position += 1
        }
    }
}

/// The digit groups of a candidate national number, as far as the shape rules need them.
private struct Groups {
    var count = 0
    var digits = 0
    var parenthesised = false
    var firstDigit: UInt8 = 0
    var firstLength = 0
    /// The lengths of the first four groups, for the North American shapes.
    var lengths: (Int, Int, Int, Int) = (0, 0, 0, 0)
    var shortestLaterGroup = Int.max

    mutating func append(length: Int, firstDigit digit: UInt8) {
        switch count {
        case 0:
            firstDigit = digit
            firstLength = length
            lengths.0 = length
        case 1: lengths.1 = length
        case 2: lengths.2 = length
        case 3: lengths.3 = length
        default: break
        }
        if count > 0 { shortestLaterGroup = min(shortestLaterGroup, length) }
        count += 1
        digits += length
    }

    func isPhoneNumber(separator: UInt8, text: TextBytes, end: Int) -> Bool {
        if count == 1 && !parenthesised {
            return (10...15).contains(digits) && !isTimestamp(text, end: end)
        }
        if separator != UInt8(ascii: "/") {
            if count == 3 && lengths.0 == 3 && lengths.1 == 3 && lengths.2 == 4 { return true }
            if count == 4 && !parenthesised && lengths == (1, 3, 3, 4) && firstDigit == UInt8(ascii: "1") {
                return true
            }
        }
        return firstDigit == UInt8(ascii: "0") && (9...13).contains(digits) && (2...5).contains(firstLength)
            && (2...8).contains(shortestLaterGroup)
    }

    /// Whether a bare run of digits ending at `end` reads as a Unix timestamp (seconds or
    /// milliseconds, 2001–2033) or a compact date-time `yyyyMMddHH[mm[ss]]`.
    private func isTimestamp(_ text: TextBytes, end: Int) -> Bool {
        let start = end - digits
        func number(_ offset: Int, _ length: Int) -> Int {
            var value = 0
            for index in start + offset..<start + offset + length {
                value = value * 10 + Int(text[index] &- 0x30)
            }
            return value
        }
        if (digits == 10 || digits == 13) && text[start] == UInt8(ascii: "1") { return true }
        guard digits == 10 || digits == 12 || digits == 14 else { return false }
        let century = number(0, 2)
        guard century == 19 || century == 20 else { return false }
        guard (1...12).contains(number(4, 2)), (1...31).contains(number(6, 2)), number(8, 2) <= 23 else {
            return false
        }
        if digits >= 12 && number(10, 2) > 59 { return false }
        if digits == 14 && number(12, 2) > 59 { return false }
        return true
    }
}
