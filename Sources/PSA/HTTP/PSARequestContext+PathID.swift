import Hummingbird

extension PSARequestContext {
    /// The `{id}` of the route: a malformed id cannot name anything, so it is answered like an unknown one (404).
    func pathID(naming what: String) throws -> String {
        guard let id = parameters.get("id"), id.utf8.count == 36, UUIDText.isCanonical(id) else {
            throw RequestError.notFound(what)
        }
        return id
    }
}
