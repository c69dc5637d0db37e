/// The name `api_error` and `operation_error` report for `error`: its dynamic type's name,
/// never its message.
///
/// Generic arguments are cut (`Wrapped<Payload>` becomes `Wrapped`) so that the name stays a
/// label the privacy policy accepts, whatever types an application nests.
func errorTypeName(of error: any Error) -> String {
    let name = String(describing: type(of: error))
    guard let genericStart = name.firstIndex(of: "<") else { return name }
    return String(name[..<genericStart])
}
