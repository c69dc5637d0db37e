/// The Luhn (mod 10) checksum of payment card numbers.
enum Luhn {
    /// Whether the digits in `text[start..<end]` pass the Luhn check; other bytes (separators) are skipped.
    static func isValid(_ text: TextBytes, from start: Int, to end: Int) -> Bool {
        var sum = 0
        var doubled = false
        var digits = 0
        var position = end - 1
        while position >= start {
            let byte = text[position]
            position -= 1
            guard TextBytes.isDigit(byte) else { continue }
            var value = Int(byte &- 0x30)
            if doubled {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
            doubled.toggle()
            digits += 1
        }
        return digits > 1 && sum % 10 == 0
    }

    /// Whether the decimal digits of `number` pass the Luhn check.
    static func isValid(_ number: String) -> Bool {
        TextBytes.with(number) { isValid($0, from: 0, to: $0.count) }
    }
}
