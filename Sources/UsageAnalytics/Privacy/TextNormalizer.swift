import Foundation

/// Folds the Unicode forms people and programs use for the same text into the ASCII the
/// detectors read: NFKC (full-width letters and digits, ligatures, compatibility spaces), every
/// space separator as a space, every dash as `-`, every decimal digit of any script as its ASCII
/// digit, and invisible format characters (zero-width spaces and joiners, soft hyphens) removed.
///
/// Matching runs on the folded text, so `４１５–５５５–０１００` and `maria\u{200B}@example.com`
/// are found like their ASCII forms. ASCII text is returned as is without any work.
enum TextNormalizer {
    static func normalized(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return text }
        var folded = String.UnicodeScalarView()
        for scalar in text.precomposedStringWithCompatibilityMapping.unicodeScalars {
            let properties = scalar.properties
            switch properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator:
                folded.append(" ")
            case .dashPunctuation:
                folded.append("-")
            case .format:
                continue
            case .decimalNumber:
                if let value = properties.numericValue, let digit = Unicode.Scalar(0x30 + UInt32(value)) {
                    folded.append(digit)
                } else {
                    folded.append(scalar)
                }
            default:
                folded.append(scalar)
            }
        }
        return String(folded)
    }
}
