/// The HTTP method of a tracked request; unusual methods are reported as `OTHER`.
public enum RequestMethod: String, PropertyEnumeration {
    case get = "GET"
    case head = "HEAD"
    case post = "POST"
    case put = "PUT"
    case patch = "PATCH"
    case delete = "DELETE"
    case options = "OPTIONS"
    case other = "OTHER"

    /// The method named `name`, or ``other``.
    public init(named name: String) {
        self = RequestMethod(rawValue: name.uppercased()) ?? .other
    }
}
