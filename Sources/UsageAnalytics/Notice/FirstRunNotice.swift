/// The notice printed once per installation when analytics is on.
public enum FirstRunNotice {
    /// The notice's text for `configuration`.
    public static func text(for configuration: AnalyticsConfiguration) -> String {
        let identity =
            switch configuration.deploymentType {
            case .onPremise: "one hashed id per tenant (never per user)"
            case .hosted where configuration.anonymizeUserIDs: "hashed tenant and user ids"
            case .hosted: "user ids (ANALYTICS_ANONYMIZE_USER_IDS=false)"
            }
        return """
            Usage analytics is on (\(configuration.deploymentType.rawValue) policy).
            It sends product events such as ticket_created or user_logged_in with counts, durations, yes/no \
            facts and values from fixed lists, under \(identity). It never sends names, email addresses, \
            ticket text, search queries, IP addresses or amounts. `swift run psa privacy` shows an exact payload; \
            docs/EVENTS.md lists every event.
            To opt out, set ALGA_USAGE_STATS=false: nothing is then buffered, stored or sent.
            """
    }
}

/// Where the first-run notice is written.
public struct NoticeOutput: Sendable {
    let write: @Sendable (String) -> Void

    /// Writes the notice with `write`.
    public init(_ write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    /// Standard error, so the notice never mixes with a command's output.
    public static let standardError = NoticeOutput { text in
        FileHandleOutput.standardError(text + "\n")
    }
}
