import Testing

@testable import UsageAnalytics

@Suite("KeyClassifier")
struct KeyClassifierTests {
    /// The drop list of the specification, plus the brief's additions.
    static let specificationDrops = [
        "email", "user_email", "emailAddress", "e-mail", "first_name", "full_name", "last_name", "username",
        "user_name", "customer_name", "company_name", "client_name", "contact_name", "name", "phone",
        "phone_number", "mobile_number", "address", "street", "city", "zip", "zipcode", "postal_code", "ssn",
        "tax_id", "password", "token", "access_token", "api_key", "apiKey", "secret", "client_secret", "ip",
        "ip_address", "ipAddress", "user_agent", "dob", "date_of_birth", "iban", "card_number", "credit_card",
        "cvv",
    ]

    /// Further personal-data keys a mature product drops.
    static let additionalDrops = [
        "latitude", "longitude", "lat", "lng", "passport", "passport_number", "national_id", "license_number",
        "drivers_license", "birthday", "birth_date", "cookie", "cookies", "session_token", "refresh_token",
        "private_key", "privateKey", "authorization", "Authorization", "credential", "credentials", "passwd", "pwd",
        "otp", "totp_secret", "mfa_secret", "fax", "telephone", "user_id", "userId", "userID", "user_ids",
        "customer_id", "contact_id", "client_id", "person_id", "account_id", "tenant_id", "org_id", "employee_id",
        "customerName", "CustomerName", "display_name", "displayName", "nickname", "surname", "given_name",
        "owner_name", "sender_name", "recipient_name", "account_name", "organization_name", "business_name",
        "first-name", "FIRST_NAME", "x-api-key", "X-Api-Key", "secret_key", "access_key", "signing_key",
        "ipv4", "ipv6_address", "IPv4Address", "$ip", "mac_address", "home_address", "street_address",
        "billing_address", "shipping_address", "postcode", "zip_code", "routing_number", "account_number",
        "iban_number", "sort_code", "bank_account", "social_security_number", "ssn_last4", "cvc", "pin",
        "verification_code", "recovery_codes", "gender", "nationality", "salary", "imei", "idfa", "jwt",
        "bearer", "signature", "names", "emails", "phone_numbers", "customer_file_name", "plan_nickname",
        "invoice_number", "screen_name", "agent_id", "profile_id", "preferred_name", "userid", "customername",
        "tenantid", "gps_coordinates", "email_hash", "email_domain",
        "pass_word", "dateOfBirth", "e_mail", "user_uuid", "member_number",
    ]

    static let specificationKeeps: [(String, PropertyValue)] = [
        ("metric_name", "signups"), ("feature_name", "export"), ("step_name", "confirm"),
        ("operation_name", "sync"), ("has_description", true), ("recipient_count", 3), ("capacity", 10),
        ("velocity", 2.5), ("statement_count", 4), ("is_mobile", false), ("tokens_used", 1500),
        ("hostname_length", 12), ("description", "Printer on floor 3 is jammed"),
    ]

    /// Technical names and everyday analytics keys that must never be dropped.
    static let additionalKeeps = [
        "event_name", "field_name", "file_name", "fileName", "table_name", "column_name", "host_name", "hostname",
        "route_name", "endpoint", "method", "status", "duration_ms", "error_type", "error_code", "status_code",
        "country_code", "uuid", "event_id", "request_id", "trace_id", "session_id", "ticket_id", "distinct_id",
        "timestamp", "environment", "app_version", "$lib", "$lib_version", "$geoip_disable",
        "$process_person_profile", "$groups", "tenant", "deployment_type", "user_type", "login_method",
        "registration_method", "provider", "has_two_factor", "is_admin", "company_created", "priority",
        "ticket_type", "created_via", "fields_updated", "time_to_first_assignment_minutes", "age_in_days",
        "query_length", "search_fields", "filters_used", "result_count", "limit", "content_length",
        "has_formatting", "is_internal", "amount_bucket", "work_item_type", "approval_status",
        "total_hours", "period_days", "line_count", "rule_type", "updated_fields", "threshold_ms", "operation",
        "is_slow", "has_auth", "was_reassignment", "tokenizer", "rename_count", "capacity_planning", "plan_name",
        "category_name", "team_name", "velocity", "card_type", "card_last_four",
        "statement", "mobile", "is_pinned", "first_step_name", "last_event_name", "billing_rule_name", "display_mode",
        "screen_view", "agent_version", "lead_time_ms",
        "days_since_generated", "delivery_method", "sent_at", "start_date", "end_date", "had_comments",
        "time_to_resolution_minutes", "duration_changed", "duration_delta_minutes", "duration_minutes",
        "approval_type", "is_billable", "has_notes", "was_billable", "is_resolution", "include_closed",
        "had_assignment", "was_resolved", "threshold_exceeded", "updated_assignment", "updated_category",
        "updated_priority", "updated_status", "has_category", "has_subcategory", "is_assigned", "has_asset",
        "reason", "destination", "events", "batch", "valid", "paid", "android_version",
    ]

    @Test("drops every personal-data key of the specification", arguments: specificationDrops)
    func dropsSpecificationKey(_ key: String) {
        #expect(KeyClassifier.classify(key) == .sensitive)
        #expect(KeyClassifier.isSensitive(key))
    }

    @Test("drops further personal-data keys", arguments: additionalDrops)
    func dropsAdditionalKey(_ key: String) {
        #expect(KeyClassifier.classify(key) == .sensitive)
    }

    @Test("keeps the specification's harmless keys with their values", arguments: specificationKeeps)
    func keepsSpecificationKey(_ key: String, _ value: PropertyValue) {
        #expect(!KeyClassifier.isSensitive(key))
        #expect(KeyClassifier.classify(key).allows(value))
    }

    @Test("keeps technical names and the event catalogue's keys", arguments: additionalKeeps)
    func keepsAdditionalKey(_ key: String) {
        // `tenant` may carry anything but an object, whose keys would be tenants.
        #expect([.harmless, .noMap].contains(KeyClassifier.classify(key)))
    }

    @Test(
        "a measure of a sensitive thing keeps numbers and bools only",
        arguments: [
            "email_count", "address_length", "has_password", "is_phone_verified", "tokens_used", "name_length",
            "user_ids_anonymized", "emailCount", "hasPassword", "max_tokens", "password_attempts",
        ])
    func measureOfSensitiveThing(_ key: String) {
        let verdict = KeyClassifier.classify(key)
        #expect(verdict == .measureOnly)
        #expect(!KeyClassifier.isSensitive(key))
        #expect(verdict.allows(3))
        #expect(verdict.allows(2.5))
        #expect(verdict.allows(true))
        #expect(verdict.allows(nil))
        #expect(!verdict.allows("someone@example.com"))
        #expect(!verdict.allows("3"))
        #expect(!verdict.allows([1, 2]))
        #expect(!verdict.allows(["count": 1]))
    }

    @Test("a bare person reference keeps flags only", arguments: ["user", "owner", "client", "customer", "assignee"])
    func bareReferenceIsFlagOnly(_ key: String) {
        let verdict = KeyClassifier.classify(key)
        #expect(verdict == .flagOnly)
        #expect(verdict.allows(true))
        #expect(verdict.allows(nil))
        #expect(!verdict.allows(42))
        #expect(!verdict.allows("Jane Doe"))
        #expect(KeyClassifier.classify(key + "s") == .measureOnly)
    }

    @Test(
        "splits keys into lowercase words",
        arguments: [
            ("user_email", ["user", "email"]), ("emailAddress", ["email", "address"]), ("e-mail", ["e", "mail"]),
            ("IPAddress", ["ip", "address"]), ("userID", ["user", "id"]), ("userIDs", ["user", "ids"]),
            ("ipv4", ["ipv", "4"]), ("IPv6Address", ["ipv", "6", "address"]), ("$lib_version", ["lib", "version"]),
            ("HTTPServerURL", ["http", "server", "url"]), ("address1Line", ["address", "1", "line"]),
            ("top10Users", ["top", "10", "users"]), ("X-Api-Key", ["x", "api", "key"]), ("a.b c", ["a", "b", "c"]),
            ("", []), ("__", []), ("ÉtatCivil", ["État", "civil"]),
        ] as [(String, [String])])
    func splitsWords(_ key: String, _ words: [String]) {
        #expect(KeyWords.split(key) == words)
    }

    @Test("matches words, never substrings")
    func matchesWordsNotSubstrings() {
        // Each of these contains a sensitive word as a substring only.
        for key in ["capacity", "velocity", "statement_count", "tokenizer", "zipper", "description", "shipment"] {
            #expect(KeyClassifier.classify(key) == .harmless, "\(key)")
        }
    }
}
