/// A static cohort's CSV upload, PostHog-like: one column of distinct ids, one per line, with an optional
/// `distinct_id` header. Fields may be quoted (`"a,b"`, `""` for a quote); blank lines are skipped; `\r\n` and
/// `\n` both end a line. Any malformed line refuses the whole file, so nothing is half-imported.
enum CohortCSV {
    static let maxBytes = 8 * 1024 * 1024
    static let maxIDs = 200_000
    static let maxIDLength = 200
    static let headers: Set<String> = ["distinct_id", "distinct_ids", "distinctid"]

    /// The distinct ids of `bytes`, each once, in file order.
    /// - Throws: ``InsightQueryError`` with `attr` `csv` and the line at fault.
    static func distinctIDs(_ bytes: some Collection<UInt8>) throws(InsightQueryError) -> [String] {
        guard bytes.count <= Self.maxBytes else {
            throw InsightQueryError("csv", "the file is larger than \(Self.maxBytes / 1024 / 1024) MiB")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw InsightQueryError("csv", "the file is not UTF-8 text")
        }
        var ids: [String] = []
        var seen: Set<String> = []
        var lineNumber = 0
        var isFirstRow = true
        // "\r\n" is one Character in Swift, so both line ends are separators.
        for trimmed in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            guard !trimmed.allSatisfy({ $0 == " " || $0 == "\t" }) else { continue }
            let field = try Self.field(trimmed, line: lineNumber)
            defer { isFirstRow = false }
            if isFirstRow && Self.headers.contains(field.lowercased()) { continue }
            guard !field.isEmpty else { throw InsightQueryError("csv", "line \(lineNumber): the distinct id is empty") }
            guard field.count <= Self.maxIDLength else {
                throw InsightQueryError("csv", "line \(lineNumber): a distinct id is longer than \(Self.maxIDLength)")
            }
            guard !field.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw InsightQueryError("csv", "line \(lineNumber): a distinct id contains a control character")
            }
            if seen.insert(field).inserted {
                ids.append(field)
                guard ids.count <= Self.maxIDs else {
                    throw InsightQueryError("csv", "the file lists more than \(Self.maxIDs) distinct ids")
                }
            }
        }
        guard !ids.isEmpty else { throw InsightQueryError("csv", "the file lists no distinct ids") }
        return ids
    }

    /// The one field of a line: bare (no comma, no quote) or quoted.
    private static func field(_ line: Substring, line number: Int) throws(InsightQueryError) -> String {
        let value = line.trimmingPrefix(while: { $0 == " " })
        guard value.first == "\"" else {
            guard !value.contains(","), !value.contains("\"") else {
                throw InsightQueryError("csv", "line \(number): expected one column of distinct ids")
            }
            return String(value.reversed().drop(while: { $0 == " " }).reversed())
        }
        var result = ""
        var index = value.index(after: value.startIndex)
        while index < value.endIndex {
            let character = value[index]
            index = value.index(after: index)
            guard character == "\"" else {
                result.append(character)
                continue
            }
            if index < value.endIndex && value[index] == "\"" {
                result.append("\"")
                index = value.index(after: index)
                continue
            }
            guard value[index...].allSatisfy({ $0 == " " }) else {
                throw InsightQueryError("csv", "line \(number): expected one column of distinct ids")
            }
            return result
        }
        throw InsightQueryError("csv", "line \(number): a quoted field is not closed")
    }
}
