import PSA
import Testing
import UsageAnalytics

/// `PSA_OIDC_*`: a provider is on with its client id, complete or refused, and hostile values never pass.
@Suite("OpenID Connect configuration")
struct OIDCConfigurationTests {
    static let keycloak = [
        "PSA_OIDC_KEYCLOAK_ISSUER": "https://sso.example.com/realms/msp",
        "PSA_OIDC_KEYCLOAK_CLIENT_ID": "psa",
        "PSA_OIDC_KEYCLOAK_CLIENT_SECRET": "s3cret-value",
        "PSA_OIDC_KEYCLOAK_REDIRECT_URI": "https://psa.example.com/api/auth/oidc/keycloak/callback",
    ]

    @Test func noVariablesMeansNoProvider() throws {
        #expect(try PSAConfiguration(environment: [:]).oidc.clients.isEmpty)
        #expect(try PSAConfiguration(environment: ["PSA_OIDC_GOOGLE_CLIENT_ID": "  "]).oidc.clients.isEmpty)
    }

    @Test func providersAreReadExactly() throws {
        var environment = Self.keycloak
        environment["PSA_OIDC_GOOGLE_CLIENT_ID"] = "123-abc.apps.googleusercontent.com"
        environment["PSA_OIDC_GOOGLE_CLIENT_SECRET"] = "GOCSPX-secret"
        environment["PSA_OIDC_GOOGLE_REDIRECT_URI"] = "http://localhost:8080/api/auth/oidc/google/callback"
        environment["PSA_OIDC_KEYCLOAK_JWKS_URL"] = "https://sso.example.com/realms/msp/protocol/openid-connect/certs"
        let clients = try PSAConfiguration(environment: environment).oidc.clients
        #expect(
            clients[.google]
                == OIDCConfiguration.Client(
                    issuer: "https://accounts.google.com", clientID: "123-abc.apps.googleusercontent.com",
                    clientSecret: "GOCSPX-secret", redirectURI: "http://localhost:8080/api/auth/oidc/google/callback"))
        #expect(clients[.keycloak]?.issuer == "https://sso.example.com/realms/msp")
        #expect(clients[.keycloak]?.jwksURL == "https://sso.example.com/realms/msp/protocol/openid-connect/certs")
    }

    @Test(
        arguments: [
            ("PSA_OIDC_KEYCLOAK_ISSUER", nil, "PSA_OIDC_KEYCLOAK_ISSUER"),
            ("PSA_OIDC_KEYCLOAK_CLIENT_SECRET", nil, "PSA_OIDC_KEYCLOAK_CLIENT_SECRET"),
            ("PSA_OIDC_KEYCLOAK_REDIRECT_URI", nil, "PSA_OIDC_KEYCLOAK_REDIRECT_URI"),
            ("PSA_OIDC_KEYCLOAK_CLIENT_ID", nil, "PSA_OIDC_KEYCLOAK_CLIENT_ID"),
            ("PSA_OIDC_KEYCLOAK_ISSUER", "http://sso.example.com/realms/msp", "PSA_OIDC_KEYCLOAK_ISSUER"),
            ("PSA_OIDC_KEYCLOAK_ISSUER", "javascript:alert(1)", "PSA_OIDC_KEYCLOAK_ISSUER"),
            ("PSA_OIDC_KEYCLOAK_ISSUER", "https://user:pw@sso.example.com", "PSA_OIDC_KEYCLOAK_ISSUER"),
            ("PSA_OIDC_KEYCLOAK_ISSUER", "https://sso.example.com/realms/msp?x=1", "PSA_OIDC_KEYCLOAK_ISSUER"),
            ("PSA_OIDC_KEYCLOAK_ISSUER", "https:///realms/msp", "PSA_OIDC_KEYCLOAK_ISSUER"),
            ("PSA_OIDC_KEYCLOAK_REDIRECT_URI", "https://psa.example.com/cb#frag", "PSA_OIDC_KEYCLOAK_REDIRECT_URI"),
            ("PSA_OIDC_KEYCLOAK_REDIRECT_URI", "https://psa.example.com/c b", "PSA_OIDC_KEYCLOAK_REDIRECT_URI"),
            ("PSA_OIDC_KEYCLOAK_REDIRECT_URI", "https://psa.example.com/\u{0}", "PSA_OIDC_KEYCLOAK_REDIRECT_URI"),
            ("PSA_OIDC_KEYCLOAK_JWKS_URL", "file:///etc/passwd", "PSA_OIDC_KEYCLOAK_JWKS_URL"),
            (
                "PSA_OIDC_KEYCLOAK_JWKS_URL", "https://x.example/" + String(repeating: "a", count: 3_000),
                "PSA_OIDC_KEYCLOAK_JWKS_URL"
            ),
            ("PSA_OIDC_KEYCLOAK_CLIENT_ID", "two words", "PSA_OIDC_KEYCLOAK_CLIENT_ID"),
            ("PSA_OIDC_KEYCLOAK_CLIENT_SECRET", String(repeating: "x", count: 300), "PSA_OIDC_KEYCLOAK_CLIENT_SECRET"),
            ("PSA_OIDC_GOOGLE_REDIRECT_URI", "https://psa.example.com/cb", "PSA_OIDC_GOOGLE_CLIENT_ID"),
        ] as [(String, String?, String)])
    func incompleteOrHostileValuesAreRefused(variable: String, value: String?, blamed: String) {
        var environment = Self.keycloak
        environment[variable] = value
        #expect {
            try PSAConfiguration(environment: environment)
        } throws: { error in
            (error as? ConfigurationError)?.variable == blamed
        }
    }

    @Test func theSecretIsNeverEchoed() {
        var environment = Self.keycloak
        environment["PSA_OIDC_KEYCLOAK_CLIENT_SECRET"] = "bad secret with zebras"
        #expect {
            try PSAConfiguration(environment: environment)
        } throws: { error in
            let text = "\(error)"
            return text.contains("PSA_OIDC_KEYCLOAK_CLIENT_SECRET") && !text.contains("zebras")
        }
    }
}
