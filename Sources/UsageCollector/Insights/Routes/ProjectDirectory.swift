/// The collector's projects: one per ingestion key, with a numeric id derived from the key so that it
/// stays the same across restarts and reorderings of the configuration.
struct ProjectDirectory: Sendable {
    let keys: [String]

    /// A positive id from the key's FNV-1a hash.
    static func id(of key: String) -> Int {
        var hash: UInt32 = 2_166_136_261
        for byte in key.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return Int(hash & 0x7fff_ffff) | 1
    }

    /// The key named by a route's `{project_id}`: a numeric id, or `@current` for the first project.
    func key(for reference: String) -> String? {
        if reference == "@current" { return self.keys.first }
        guard let id = Int(reference) else { return nil }
        return self.keys.first { Self.id(of: $0) == id }
    }

    /// `{"results": [{"id", "name", "api_token"}]}`.
    var listing: JSONValue {
        .object([
            "count": .int(self.keys.count),
            "results": .array(
                self.keys.map { key in
                    .object(["id": .int(Self.id(of: key)), "name": .string(key), "api_token": .string(key)])
                }),
        ])
    }
}
