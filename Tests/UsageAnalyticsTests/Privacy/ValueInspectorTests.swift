import Testing

@testable import UsageAnalytics

@Suite("ValueInspector")
struct ValueInspectorTests {
    static let emails = [
        "john@example.com", "Contact: jane.doe+tag@sub.example.co.uk.", "user%40example.com", "JOHN@EXAMPLE.COM",
        "x@y.io", "<a.b-c_d@mail-server.example>", "git@github.com", "josé@exämple.de", "a@b.xn--p1ai",
        "mailto:support@company.org?subject=hi",
    ]
    static let notEmails = [
        "@mention", "user@localhost", "pkg@1.2.3", "a @ b.com", "name@", "@example.com", "@scope/pkg@2.0.0",
        "price @ 3.50",
    ]

    static let phones = [
        "+1 (555) 123-4567", "+44 20 7946 0958", "+4915112345678", "+33 6 12 34 56 78", "+1-555-123-4567",
        "+44 (0) 20 7946 0958", "555-123-4567", "(555) 123-4567", "(555)123-4567", "555.123.4567", "555 123 4567",
        "1-555-123-4567", "020 7946 0958", "06 12 34 56 78", "030/1234567", "(02) 1234 5678", "07700900123",
        "5551234567", "call me at 555-123-4567 tomorrow", "tel:+12025550123", "phone=2025550123",
        "15551234567", "4917612345678", "13812345678", "555-123-4567.",
    ]
    /// Harmless values that look a little like phone numbers.
    static let notPhones = [
        "2026-11-26", "2026-11-26T22:30:00Z", "2026-11-26T22:30:00.123+01:00", "2026-11-26 22:30:00", "10:30:00",
        "0190a3c2-7b1e-7abc-8def-0123456789ab", "12345678-1234-1234-1234-123456789012",
        "01234567-89ab-4cde-8f01-234567890123", "1.2.3", "6.3.1", "v2.10.3", "1500", "42", "TIC-001234",
        "TIC-0012345678", "503", "45%", "99.9%", "1764196200", "1764196200123", "20261126223000", "2026112622",
        "3.14159265358", "order 1500 took 2300 ms", "+5", "+05:30", "1,000,000", "release 2026.11", "555-1234",
        "/api/tickets/5551234567", "build_5551234567", "12345", "26.11.2026", "1 2 3 4 5 6 7 8 9 10 11",
        "10 20 30 40 50", "1500 2300 4500", "a1b2c3d4e5f60718293a4b5c6d7e8f90", "u_0123456789abcdef0123456789abcdef",
        "3.1.4.1.5.9.2.6.5.3.5", "0.1234567890123", "1834567890123456789", "ORD-2025550123", "2026-W48",
        "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    ]

    static let ipAddresses = [
        "10.0.0.1", "192.168.1.20:8080", "client 203.0.113.7 connected", "10.0.0.0/8", "255.255.255.255",
        "2001:db8::1", "fe80::1%eth0", "::1", "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "::ffff:192.0.2.1",
        "addr:2001:db8::ff00:42:8329", "[2001:db8::1]:443", "1:2:3:4:5:6:7:8", "2001:db8::",
    ]
    static let notIPAddresses = [
        "1.2.3", "256.1.1.1", "1.2.3.4.5", "v1.2.3.4", "10:30:00", "std::vector", "a::b",
        "Foo::Bar", "12:30 - 13:45", "1.2.3.4a", "café::bad", "::", "1:2:3:4:5:6:7:8:9",
    ]

    static let paymentCards = [
        "4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111", "5555555555554444", "378282246310005",
        "3782 822463 10005", "6011111111111117", "3530111333300000", "2223003122003222", "6200000000000005",
        "paid with 4000056655665556 today", "card: 5019717010103742", "4111 1111 1111 1111 2027", "12 4111111111111111",
    ]
    static let notPaymentCards = [
        "4111111111111112", "1234567890123456", "0000 0000 0000 0000", "4111111111111111abc", "x4111111111111111",
        "0.4111111111111111", "41 11 11 11 11 11 11 11", "41111111111111111111111",
    ]

    static let ibans = [
        "DE89370400440532013000", "DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432",
        "GB82 WEST 1234 5698 7654 32",
        "FR1420041010050500013M02606", "NL91ABNA0417164300", "CH9300762011623852957", "BE68539007547034",
        "NO9386011117947", "ES9121000418450200051332", "IT60X0542811101000000123456", "PL61109010140000071219812874",
        "iban: de89370400440532013000", "pay to DE89 3704 0044 0532 0130 00 by Friday",
    ]
    static let notIBANs = [
        "DE89370400440532013001", "DE8937040044053201300", "DE893704004405320130001", "XX89370400440532013000",
        "DE89", "AB12", "SN12345678901234",
    ]

    static let jwts = [
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "token=eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "(eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NiJ9.e30.c2ln)",
    ]
    static let notJWTs = ["eyJ", "eyJhbGciOiJIUzI1NiJ9", "keyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig", "eyJa.b.c"]

    static let bearerTokens = [
        "Bearer abc123def456ghi789", "bearer 9f86d081884c7d659a2feaa0c55ad015",
        "Authorization: Basic dXNlcjpwYXNzd29yZA==", "BEARER AbCdEfGhIjKlMnOpQr", "Bearer\tmF_9.B5f-4.1JqM_xyz",
        "Bearer 0190a3c2-7b1e-7abc-8def-0123456789ab", "basic YWxhZGRpbjpvcGVuc2VzYW1l",
    ]
    static let notBearerTokens = [
        "bearer authentication", "Basic information", "Bearer", "the bearer of bad news", "Basic plan", "Bearer short1",
        "bearer TIC-001234", "bearer of 2026-11-26T22:30:00Z", "Basic TIC-001234", "basic 2026-11-26",
        "Basic abc123456",
    ]

    static let apiKeys = [
        "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "sk_test_4eC39HqLyjWDarjtT1zdp7dc", "pk_live_51HqLyjWDarjtT1zdp7dcXyz",
        "rk_live_51HqLyjWDarjtT1zdp7dcXyz", "ghp_1234567890abcdefghijklmnopqrstuvwxyz",
        "gho_1234567890abcdefghijklmnopqrstuvwxyz", "ghs_1234567890abcdefghijklmnopqrstuvwxyz",
        "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "xoxb-1234567890-abcdefghij",
        "xoxp-1234567890-1234567890-abcdef", "AKIAIOSFODNN7EXAMPLE", "AIzaSyA-1234567890abcdefghijklmnopqrstu",
        "phc_abcdefghijklmnopqrstuvwxyz0123456789", "phx_abcdefghijklmnopqrstuvwxyz0123456789",
        "sk-proj-abc123DEF456ghi789JKL012", "sk-ant-api03-abcdefghij0123456789", "glpat-abcdefghij0123456789",
        "npm_abcdefghijklmnopqrstuvwxyz0123456789", "key=sk_live_4eC39HqLyjWDarjtT1zdp7dc&x=1",
    ]
    static let notAPIKeys = [
        "sk_live_mode", "sk-learn-is-a-library-for-machine-learning", "AKIA123", "task_list", "ghp_short",
        "AKIAIOSFODNN7EXAMPLEXYZ", "xoxb-channel", "npm_install", "phc_short",
    ]

    static let secrets = [
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA", "-----BEGIN PRIVATE KEY-----",
        "-----BEGIN OPENSSH PRIVATE KEY-----",
        "postgres://admin:hunter2@db.internal:5432/app", "redis://:s3cret@localhost:6379",
    ]
    static let notSecrets = [
        "https://example.com/path?q=1", "-----BEGIN CERTIFICATE-----", "https://example.com:8443/x", "ftp://host/a:b@c",
    ]

    /// Ordinary analytics values; none may be touched.
    static let harmless = [
        "", " ", "web_app", "manual", "GET", "/api/tickets/{id}", "TicketNotFound", "production", "on-premise",
        "usage-analytics-swift", "2026-11-26T22:30:00Z", "0190a3c2-7b1e-7abc-8def-0123456789ab", "6.3.1", "1500",
        "TIC-001234", "503", "45%", "Printer on floor 3 is jammed", "The export finished in 1500 ms", "hello world",
        "user@", "C++", "a:b:c", "UTF-8 ✓ 日本語 😀", "x", "2s", "from_email", "invalid_password",
    ]

    @Test("finds email addresses", arguments: emails)
    func findsEmail(_ text: String) { #expect(ValueInspector.finding(in: text) == .email) }

    @Test("leaves email look-alikes", arguments: notEmails)
    func ignoresNonEmail(_ text: String) { #expect(ValueInspector.finding(in: text) != .email) }

    @Test("finds phone numbers", arguments: phones)
    func findsPhone(_ text: String) { #expect(ValueInspector.finding(in: text) == .phone) }

    @Test("leaves dates, times, UUIDs, versions, durations, tickets and counts", arguments: notPhones)
    func ignoresPhoneLookAlike(_ text: String) { #expect(ValueInspector.finding(in: text) == nil) }

    @Test("finds IP addresses", arguments: ipAddresses)
    func findsIPAddress(_ text: String) { #expect(ValueInspector.finding(in: text) == .ipAddress) }

    @Test("leaves IP look-alikes", arguments: notIPAddresses)
    func ignoresIPLookAlike(_ text: String) { #expect(ValueInspector.finding(in: text) == nil) }

    @Test("finds Luhn-valid payment cards", arguments: paymentCards)
    func findsPaymentCard(_ text: String) { #expect(ValueInspector.finding(in: text) == .paymentCard) }

    @Test("leaves card look-alikes", arguments: notPaymentCards)
    func ignoresCardLookAlike(_ text: String) { #expect(ValueInspector.finding(in: text) != .paymentCard) }

    @Test("finds mod-97-valid IBANs", arguments: ibans)
    func findsIBAN(_ text: String) { #expect(ValueInspector.finding(in: text) == .iban) }

    @Test("leaves IBAN look-alikes", arguments: notIBANs)
    func ignoresIBANLookAlike(_ text: String) { #expect(ValueInspector.finding(in: text) != .iban) }

    @Test("finds JWTs", arguments: jwts)
    func findsJWT(_ text: String) { #expect(ValueInspector.finding(in: text) == .jwt) }

    @Test("leaves JWT look-alikes", arguments: notJWTs)
    func ignoresJWTLookAlike(_ text: String) { #expect(ValueInspector.finding(in: text) == nil) }

    @Test("finds bearer and basic credentials", arguments: bearerTokens)
    func findsBearerToken(_ text: String) { #expect(ValueInspector.finding(in: text) == .bearerToken) }

    @Test("leaves prose about bearers", arguments: notBearerTokens)
    func ignoresBearerProse(_ text: String) { #expect(ValueInspector.finding(in: text) == nil) }

    @Test("finds API keys", arguments: apiKeys)
    func findsAPIKey(_ text: String) { #expect(ValueInspector.finding(in: text) == .apiKey) }

    @Test("leaves API key look-alikes", arguments: notAPIKeys)
    func ignoresAPIKeyLookAlike(_ text: String) { #expect(ValueInspector.finding(in: text) == nil) }

    @Test("finds private keys and URL passwords", arguments: secrets)
    func findsSecret(_ text: String) { #expect(ValueInspector.finding(in: text) == .secret) }

    @Test("leaves ordinary URLs and certificates", arguments: notSecrets)
    func ignoresNonSecret(_ text: String) { #expect(ValueInspector.finding(in: text) == nil) }

    @Test("leaves ordinary analytics values", arguments: harmless)
    func ignoresHarmless(_ text: String) { #expect(ValueInspector.finding(in: text) == nil) }

    @Test("checks Luhn and mod 97 directly")
    func checksums() {
        #expect(Luhn.isValid("79927398713"))
        #expect(!Luhn.isValid("79927398710"))
        #expect(IBAN.isValid("GB82 WEST 1234 5698 7654 32"))
        #expect(!IBAN.isValid("GB82 WEST 1234 5698 7654 33"))
        #expect(IBAN.registeredLength(UInt8(ascii: "D"), UInt8(ascii: "E")) == 22)
        #expect(APIKeyPattern.isAPIKey("AKIAIOSFODNN7EXAMPLE"))
    }

    @Test("finds data at the very start and end of the text, and stays linear on adversarial input")
    func edgesAndAdversarialInput() {
        #expect(ValueInspector.finding(in: "a@b.co") == .email)
        #expect(ValueInspector.finding(in: "see a@b.co") == .email)
        // Pathological inputs finish quickly and find nothing or something, never crash.
        let inputs = [
            String(repeating: "1 ", count: 20_000), String(repeating: "@", count: 50_000),
            String(repeating: "a@", count: 20_000), String(repeating: "eyJ.", count: 20_000),
            String(repeating: "1:", count: 20_000), String(repeating: "+1", count: 20_000),
            String(repeating: "(1", count: 20_000), String(repeating: "DE89 ", count: 20_000),
            String(repeating: "-----BEGIN ", count: 5_000), String(repeating: "://:", count: 10_000),
            String(repeating: "9", count: 100_000),
        ]
        for input in inputs {
            _ = ValueInspector.finding(in: input)
        }
    }
}
