import Hummingbird
import UsageAnalytics

extension RequestMethod {
    /// The catalogue's method for `method`, without building a string for the common ones.
    init(_ method: HTTPRequest.Method) {
        switch method {
        case .get: self = .get
        case .head: self = .head
        case .post: self = .post
        case .put: self = .put
        case .patch: self = .patch
        case .delete: self = .delete
        case .options: self = .options
        default: self = .other
        }
    }
}
