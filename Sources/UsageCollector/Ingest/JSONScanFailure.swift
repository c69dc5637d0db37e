/// Why a JSON document was refused by ``JSONScanner``.
enum JSONScanFailure: Error, Equatable {
    case syntax(String)
    case tooDeep
    /// A batch holds more events than the configured limit (checked while parsing, to bound memory).
    case tooManyEvents
}
