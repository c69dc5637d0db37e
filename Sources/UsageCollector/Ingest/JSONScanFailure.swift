/// Why a JSON document was refused by ``JSONScanner``.
enum JSONScanFailure: Error, Equatable {
    case syntax(String)
    case tooDeep
}
