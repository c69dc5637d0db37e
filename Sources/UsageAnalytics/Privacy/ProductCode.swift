/// Product codes that carry a check digit: GTIN-8, UPC-A (GTIN-12), EAN-13 / ISBN-13 (GTIN-13),
/// GTIN-14 (GS1 mod 10) and ISBN-10 (mod 11, `X` for ten), with or without `-` or space separators.
///
/// Used only under a key that names a product code (`isbn`, `ean`, `gtin`, `upc`), where a valid
/// check digit shows the number is the product's, not a person's.
enum ProductCode {
    static func isValid(_ text: String) -> Bool {
        var digits: [Int] = []
        var lastIsX = false
        for byte in text.utf8 {
            if TextBytes.isDigit(byte), !lastIsX {
                digits.append(Int(byte &- 0x30))
            } else if byte == UInt8(ascii: "X") || byte == UInt8(ascii: "x"), !lastIsX {
                lastIsX = true
            } else if byte != UInt8(ascii: "-") && byte != UInt8(ascii: " ") {
                return false
            }
        }
        if lastIsX { return digits.count == 9 && isbn10(digits + [10]) }
        switch digits.count {
        case 10: return isbn10(digits)
        case 8, 12, 13, 14: return gs1(digits)
        default: return false
        }
    }

    /// Whether the digits of `number` form a valid GTIN.
    static func isValid(_ number: Int) -> Bool {
        number > 0 && isValid(String(number))
    }

    private static func gs1(_ digits: [Int]) -> Bool {
        // From the right, the check digit has weight 1, then weights alternate 3 and 1.
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            sum += offset % 2 == 0 ? digit : digit * 3
        }
        return sum % 10 == 0
    }

    private static func isbn10(_ digits: [Int]) -> Bool {
        var sum = 0
        for (index, digit) in digits.enumerated() { sum += digit * (10 - index) }
        return sum % 11 == 0
    }
}
