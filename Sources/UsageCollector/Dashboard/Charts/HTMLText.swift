/// Escaping for text placed into HTML or SVG built in Swift (templates escape on their own).
enum HTMLText {
    /// `text` with `& < > " '` replaced by entities, safe in element content and quoted attributes.
    static func escaped(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
        return output
    }
}
