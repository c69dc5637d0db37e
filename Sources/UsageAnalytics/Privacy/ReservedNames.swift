/// Property names that PostHog's capture or person processing reads from `properties`, and the
/// SDK's own common properties: a generic event may not use them at any depth, in any spelling.
///
/// `distinct_id` inside `properties` replaces the event's hashed id with whatever it holds;
/// `set`, `set_once` and `unset` write person profiles; `token` and `api_key` pick the project;
/// `uuid`, `event` and `timestamp` are the event's own fields. Names are compared after dropping a
/// leading `$` and splitting into words, so `DISTINCT_ID`, `distinct-id`, `distinctId` and
/// `$distinct_id` are all `distinct_id`.
enum ReservedNames {
    static func contains(_ key: String) -> Bool {
        if key.hasPrefix("$") { return true }
        let words = KeyWords.split(key)
        guard !words.isEmpty else { return false }
        if names.contains(words.joined(separator: "_")) || names.contains(words.joined()) { return true }
        // `$group_0` … `$group_4` (spelled `group_0`, `group0`).
        return words.count == 2 && words[0] == "group" && words[1].utf8.allSatisfy(TextBytes.isDigit)
    }

    private static let names: Set<String> = [
        "distinct_id", "distinctid", "uuid", "event", "timestamp", "sent_at", "token", "api_key", "set",
        "set_once", "unset", "alias", "anon_distinct_id", "device_id", "session_id", "window_id", "person_id",
        "groups", "group_set", "group_type", "group_key", "ip", "insert_id", "process_person_profile",
        "cookieless_mode", "geoip_disable", "lib", "lib_version", "app_version", "environment", "deployment_type",
        "user_ids_anonymized", "identify", "create_alias", "feature_flag_response", "exception_fingerprint",
    ]
}
