import Testing

@testable import UsageAnalytics

/// The vocabulary the issue widened: abbreviations, glued compounds, digits for letters, person
/// suffixes, other languages, and words that merely name a feature of a sensitive thing.
@Suite("KeyClassifier vocabulary")
struct KeyVocabularyTests {
    @Test(
        "drops abbreviations, glued compounds, digit spellings and other languages",
        arguments: [
            "pass", "pwd", "tel", "addr", "fname", "lname", "first_nm", "useremail", "userpass", "customerphone",
            "billingaddress", "passw0rd", "pa55word", "s3cret", "t0ken", "em4il", "ph0ne", "vorname", "nachname",
            "passwort", "kennwort", "strasse", "plz", "geburtsdatum", "prenom", "mot_de_passe", "motdepasse",
            "nombre", "apellido", "contrasena", "direccion", "voornaam", "achternaam", "wachtwoord", "cognome",
            "indirizzo", "senha", "endereco", "owner_label", "reporter_login",
        ])
    func dropsWidenedVocabulary(_ key: String) {
        #expect(KeyClassifier.classify(key) == .sensitive, "\(key)")
    }

    @Test(
        "a key ending in an action done by or to a person carries a bool at most",
        arguments: ["created_by", "assigned_to", "shared_with", "last_modified_by", "sent_to", "approvedBy"])
    func personSuffixes(_ key: String) {
        #expect(KeyClassifier.classify(key) == .flagOnly, "\(key)")
    }

    @Test(
        "sort_by, group_by and upgraded_to are not people",
        arguments: ["sort_by", "group_by", "upgraded_to", "redirect_to", "top10_hits", "http_2xx_count"])
    func notPersonSuffixes(_ key: String) {
        #expect(KeyClassifier.classify(key) == .harmless, "\(key)")
    }

    @Test(
        "a word naming a feature of a sensitive thing makes the key enum only",
        arguments: [
            "token_type", "email_template", "cookie_consent", "password_policy", "address_format", "name_format",
            "phone_type", "credential_kind",
        ])
    func featureOfSensitiveThing(_ key: String) {
        let verdict = KeyClassifier.classify(key)
        #expect(verdict == .enumOnly, "\(key)")
        #expect(verdict.allows("bearer") && verdict.allows(3) && verdict.allows(true))
        #expect(!verdict.allows(["a"]) && !verdict.allows(["k": "v"]))
    }

    @Test("a bool is never personal data: every verdict allows it")
    func boolsPassEverywhere() {
        for key in ["email", "password", "pin", "user", "ssn", "token"] {
            #expect(KeyClassifier.classify(key).allows(true), "\(key)")
            #expect(!KeyClassifier.classify(key).allows("x"), "\(key)")
        }
    }

    @Test("a key whose last word is a person may not carry an object", arguments: ["per_user", "counts_by_tenant"])
    func personKeyedMaps(_ key: String) {
        #expect(!KeyClassifier.classify(key).allows(["maria": 1]))
    }
}
