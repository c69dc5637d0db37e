/// Why the ``Sanitizer`` dropped or rewrote a property.
///
/// The raw values are snake_case because they become metric dimension values.
public enum Redaction {
    /// The reason recorded for one drop or redaction.
    public enum Reason: String, Sendable, CaseIterable, Hashable {
        /// The key names personal data or a credential (`email`, `first_name`, `api_key`, `user_id`, ...),
        /// or names a measure of one (`email_count`) but carried something other than a number or bool.
        case sensitiveKey = "sensitive_key"
        /// A string value contained an email address.
        case email
        /// A string value contained a phone number.
        case phone
        /// A string value contained an IPv4 or IPv6 address.
        case ipAddress = "ip_address"
        /// A string value contained a Luhn-valid payment card number.
        case paymentCard = "payment_card"
        /// A string value contained a mod-97-valid IBAN.
        case iban
        /// A string value contained a US Social Security or UK National Insurance number.
        case nationalID = "national_id"
        /// A string value contained a hardware (MAC) address.
        case macAddress = "mac_address"
        /// A string value contained geographic coordinates.
        case coordinates
        /// A string value contained a JSON Web Token.
        case jwt
        /// A string value contained an HTTP `Bearer` or `Basic` credential.
        case bearerToken = "bearer_token"
        /// A string value contained a known API-key shape (`sk_live_…`, `ghp_…`, `AKIA…`, ...).
        case apiKey = "api_key"
        /// A string value contained another secret: a PEM private key or a URL with a password.
        case secret
        /// A string value was longer than the sanitizer's text limit and was replaced by its length.
        case longText = "long_text"
        /// A value nested deeper than the sanitizer's depth limit was removed.
        case depth
        /// A generic string that is not an enum token (free text, an identifier, a path, a date) was
        /// replaced by its length.
        case freeText = "free_text"
        /// A generic number too long to be a plain measure was rounded (see ``GenericNumber``).
        case roundedNumber = "rounded_number"
        /// A generic key that PostHog reads from properties (`distinct_id`, `uuid`, `set`, ...) was removed.
        case reservedName = "reserved_name"
        /// A generic key that is itself data (a person's name, a long number or hex run) was removed.
        case dataKey = "data_key"
    }

    /// The value that replaces a string containing personal data or a credential.
    public static let placeholder: PropertyValue = "[redacted]"
}
