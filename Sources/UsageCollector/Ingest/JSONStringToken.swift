/// A string token found by ``JSONScanner``: the byte range between its quotes.
struct JSONStringToken {
    var range: Range<Int>
    /// Whether the string contains backslash escapes and must be decoded before use.
    var hasEscapes: Bool
}
