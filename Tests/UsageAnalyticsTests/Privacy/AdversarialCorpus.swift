@testable import UsageAnalytics

/// A fixed adversarial corpus for generic events: personal data in many shapes, per category, and
/// harmless controls of the same categories that must survive unchanged.
///
/// The people, numbers and secrets below are invented; the card and IBAN numbers are the
/// published test numbers of their schemes, so the checksum detectors see real shapes.
enum AdversarialCorpus {
    enum Category: String, CaseIterable, Sendable {
        case reservedNames = "reserved names"
        case numbers
        case keysAsData = "keys and event names as data"
        case freeText = "free text"
        case credentials
        case unicodeForms = "unicode and separators"
        case keyVocabulary = "key vocabulary"
        case identifiers = "national ids, MAC, coordinates"
    }

    /// Personal data that must not reach the wire: none of `needles` may appear in what is sent.
    struct Leak: Sendable {
        let category: Category
        var event = "corpus_event"
        let properties: [String: PropertyValue]
        /// Texts compared after normalisation (NFKC, Unicode digits as ASCII, case and separators ignored).
        let needles: [String]
        /// Why the sanitizer cannot catch this case, when it is a documented limit rather than a bug.
        var knownLimit: String? = nil
    }

    /// Harmless properties that must leave exactly as given (on-premise: their bools and numbers).
    struct Control: Sendable {
        let category: Category
        let properties: [String: PropertyValue]
    }

    static let person = "usr-8841-gwen"

    // MARK: Leaks

    static let leaks: [Leak] =
        reservedNameLeaks + numberLeaks + keyLeaks + freeTextLeaks + credentialLeaks + unicodeLeaks
        + vocabularyLeaks + identifierLeaks

    static let reservedNameLeaks: [Leak] = {
        var cases: [Leak] = []
        let values: [PropertyValue] = [.string(person), 88_413_377, .double(88_413_377)]
        for name in [
            "distinct_id", "DISTINCT_ID", "distinct-id", "distinctId", "distinct.id", "$distinct_id", "uuid", "event",
            "timestamp", "set", "set_once", "$set", "token", "alias", "anon_distinct_id", "$anon_distinct_id",
            "person_id", "device_id", "session_id",
        ] {
            for value in values {
                let needle = if case .string(let text) = value { text } else { "88413377" }
                cases.append(Leak(category: .reservedNames, properties: [name: value, "rows": 2], needles: [needle]))
            }
        }
        cases.append(
            Leak(category: .reservedNames, properties: ["set": ["plan_tier": .string(person)]], needles: [person]))
        cases.append(
            Leak(
                category: .reservedNames, properties: ["set_once": ["first_seen_id": 88_413_377]], needles: ["88413377"]
            ))
        cases.append(
            Leak(
                category: .reservedNames, properties: ["context": ["distinct_id": 88_413_377, "rows": 1]],
                needles: ["88413377"]))
        cases.append(
            Leak(category: .reservedNames, properties: ["items": [["distinct_id": 88_413_377]]], needles: ["88413377"]))
        return cases
    }()

    static let numberLeaks: [Leak] = {
        let identifiers: [(Int, String)] = [
            (4_111_111_111_111_111, "card"), (5_555_555_555_554_444, "card"), (378_282_246_310_005, "card"),
            (4_155_550_100, "US phone"), (14_155_550_100, "US phone +1"), (442_079_460_958, "UK phone"),
            (4_915_112_345_678, "DE mobile"), (612_345_678, "FR mobile without 0"), (536_227_391, "US SSN"),
            (65_929_970_489, "DE tax id"), (111_222_333, "NL BSN"), (8_841_337, "7-digit local number"),
        ]
        var cases: [Leak] = []
        for (number, _) in identifiers {
            let needle = String(number)
            let shapes: [[String: PropertyValue]] = [
                ["value": .int(number)], ["item_count": .int(number)], ["duration_ms": .int(number)],
                ["total": .double(Double(number))], ["results": [1, 2, .int(number)]],
                ["stats": ["rows": 3, "total": .int(number)]], ["delta": .int(-number)],
            ]
            for shape in shapes { cases.append(Leak(category: .numbers, properties: shape, needles: [needle])) }
        }
        // An identifier hidden in the fraction digits of a measure.
        cases.append(Leak(category: .numbers, properties: ["ratio": 0.4155550100], needles: ["4155550100"]))
        cases.append(Leak(category: .numbers, properties: ["score": 1.536227391], needles: ["536227391"]))
        return cases
    }()

    static let keyLeaks: [Leak] = [
        Leak(category: .keysAsData, properties: ["maria.garcia@example.com": true], needles: ["maria.garcia"]),
        Leak(category: .keysAsData, properties: ["maria_garcia": 1], needles: ["mariagarcia"]),
        Leak(category: .keysAsData, properties: ["MariaGarcia": true], needles: ["mariagarcia"]),
        Leak(category: .keysAsData, properties: ["john_smith_opened": 2], needles: ["johnsmith"]),
        Leak(category: .keysAsData, properties: ["ticket_88413377_viewed": true], needles: ["88413377"]),
        Leak(category: .keysAsData, properties: ["user_9f86d081884c7d65": 3], needles: ["9f86d081884c7d65"]),
        Leak(category: .keysAsData, properties: ["acme_4155550100": true], needles: ["4155550100"]),
        Leak(category: .keysAsData, properties: ["t88413377": true], needles: ["88413377"]),
        Leak(
            category: .keysAsData, properties: ["counts_by_assignee": ["gwendolyn_okonkwo": 4, "rows": 2]],
            needles: ["gwendolynokonkwo"]),
        Leak(category: .keysAsData, properties: ["per_user": ["okonkwo": 3]], needles: ["okonkwo"]),
        Leak(category: .keysAsData, properties: ["assignees": ["gwendolyn": true]], needles: ["gwendolyn"]),
        Leak(category: .keysAsData, properties: ["tickets_by_requester": ["kowalski": 5]], needles: ["kowalski"]),
        Leak(category: .keysAsData, properties: ["stats": ["maria_garcia": 5]], needles: ["mariagarcia"]),
        Leak(category: .keysAsData, properties: ["open_for": ["jan_kowalski": 2]], needles: ["kowalski"]),
        Leak(
            category: .keysAsData, event: "export_for_maria_garcia", properties: ["rows": 1], needles: ["mariagarcia"]),
        Leak(category: .keysAsData, event: "ticket_88413377_opened", properties: ["rows": 1], needles: ["88413377"]),
        Leak(
            category: .keysAsData, event: "report_9f86d081884c7d65", properties: ["rows": 1], needles: ["9f86d081884c"]),
        Leak(category: .keysAsData, event: "call_4155550100", properties: ["rows": 1], needles: ["4155550100"]),
        Leak(category: .keysAsData, event: "sent_to_john_smith", properties: ["rows": 1], needles: ["johnsmith"]),
    ]

    static let freeTextLeaks: [Leak] = [
        Leak(
            category: .freeText, properties: ["note": "Maria Garcia called about her invoice"], needles: ["mariagarcia"]
        ),
        Leak(category: .freeText, properties: ["label": "Maria Garcia"], needles: ["mariagarcia"]),
        Leak(category: .freeText, properties: ["label": "Garcia"], needles: ["garcia"]),
        Leak(category: .freeText, properties: ["owner_label": "Gwendolyn"], needles: ["gwendolyn"]),
        Leak(category: .freeText, properties: ["hint": "221B Baker Street, London NW1 6XE"], needles: ["bakerstreet"]),
        Leak(category: .freeText, properties: ["hint": "Hauptstraße 5, 10115 Berlin"], needles: ["hauptstra"]),
        Leak(category: .freeText, properties: ["detail": "DOB 14/03/1985"], needles: ["14031985"]),
        Leak(category: .freeText, properties: ["value": "1985-03-14"], needles: ["19850314"]),
        Leak(category: .freeText, properties: ["value": "14.03.1985"], needles: ["14031985"]),
        Leak(category: .freeText, properties: ["path": "/home/mgarcia/reports/q3.xlsx"], needles: ["mgarcia"]),
        Leak(category: .freeText, properties: ["path": "C:\\Users\\mgarcia\\Desktop\\q3.xlsx"], needles: ["mgarcia"]),
        Leak(category: .freeText, properties: ["file": "/Users/mgarcia/Library/x.db"], needles: ["mgarcia"]),
        Leak(category: .freeText, properties: ["dir": "~mgarcia/notes"], needles: ["mgarcia"]),
        Leak(
            category: .freeText, properties: ["reason": "patient reports chest pain, diabetic"], needles: ["chestpain"]),
        Leak(
            category: .freeText, properties: ["reason": "chest_pain_diabetic"], needles: ["chestpain"],
            knownLimit: "free text written as one snake_case token has an enum token's shape"),
        Leak(category: .freeText, properties: ["subject": "Re: Meeting with Jan Kowalski"], needles: ["kowalski"]),
        Leak(category: .freeText, properties: ["tags": ["billing", "Maria Garcia"]], needles: ["mariagarcia"]),
        Leak(category: .freeText, properties: ["context": ["screen": "Jan Kowalski's board"]], needles: ["kowalski"]),
        Leak(category: .freeText, properties: ["search": "invoices for kowalski"], needles: ["kowalski"]),
        Leak(category: .freeText, properties: ["query": "kowalski"], needles: ["kowalski"]),
    ]

    static let credentialLeaks: [Leak] = [
        Leak(category: .credentials, properties: ["config": "password=hunter2hunter"], needles: ["hunter2hunter"]),
        Leak(category: .credentials, properties: ["config": "pwd:hunter2hunter"], needles: ["hunter2hunter"]),
        Leak(
            category: .credentials, properties: ["dsn": "postgres://admin:S3cretPw@db.internal:5432/psa"],
            needles: ["s3cretpw"]),
        Leak(
            category: .credentials, properties: ["conn": "Server=db1;Database=psa;User Id=sa;Password=Tr0ub4dor&3;"],
            needles: ["tr0ub4dor"]),
        Leak(
            category: .credentials, properties: ["header": "X-Api-Key: 9f86d081884c7d659a2feaa0c55ad015"],
            needles: ["9f86d081884c7d659a2feaa0c55ad015"]),
        Leak(
            category: .credentials, properties: ["env": "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY"],
            needles: ["wjalrxutnfemi"]),
        Leak(
            category: .credentials, properties: ["query": "?token=abc123def456ghi789"], needles: ["abc123def456ghi789"]),
        Leak(category: .credentials, properties: ["cli": "--password hunter2hunter"], needles: ["hunter2hunter"]),
        Leak(
            category: .credentials, properties: ["session": "sessionid=8f14e45fceea167a5a36dedd4bea2543"],
            needles: ["8f14e45fceea167a5a36dedd4bea2543"]),
        Leak(category: .credentials, properties: ["value": "hunter2hunter"], needles: ["hunter2hunter"]),
        Leak(
            category: .credentials, properties: ["value": "8f14e45fceea167a5a36dedd4bea2543"],
            needles: ["8f14e45fceea167a5a36dedd4bea2543"]),
        Leak(
            category: .credentials, properties: ["redis": "redis://:S3cretPw@cache:6379/0"], needles: ["s3cretpw"]),
        Leak(
            category: .credentials, properties: ["jdbc": "jdbc:mysql://db/psa?user=sa&password=S3cretPw"],
            needles: ["s3cretpw"]),
    ]

    static let unicodeLeaks: [Leak] = [
        Leak(category: .unicodeForms, properties: ["value": "maria．garcia＠example．com"], needles: ["mariagarcia"]),
        Leak(
            category: .unicodeForms, properties: ["value": "maria.garcia\u{200B}@example.com"], needles: ["mariagarcia"]
        ),
        Leak(
            category: .unicodeForms, properties: ["value": "+1\u{00A0}415\u{00A0}555\u{00A0}0100"],
            needles: ["4155550100"]),
        Leak(category: .unicodeForms, properties: ["value": "415\u{2013}555\u{2013}0100"], needles: ["4155550100"]),
        Leak(category: .unicodeForms, properties: ["value": "415\u{2011}555\u{2011}0100"], needles: ["4155550100"]),
        Leak(category: .unicodeForms, properties: ["value": "４１５５５５０１００"], needles: ["4155550100"]),
        Leak(category: .unicodeForms, properties: ["value": "٤١٥٥٥٥٠١٠٠"], needles: ["4155550100"]),
        Leak(
            category: .unicodeForms, properties: ["value": "４１１１ １１１１ １１１１ １１１１"], needles: ["4111111111111111"]),
        Leak(
            category: .unicodeForms, properties: ["value": "4111\u{2009}1111\u{2009}1111\u{2009}1111"],
            needles: ["4111111111111111"]),
        Leak(category: .unicodeForms, properties: ["value": "Tel.4155550100"], needles: ["4155550100"]),
        Leak(category: .unicodeForms, properties: ["value": "ph#4155550100"], needles: ["4155550100"]),
        Leak(category: .unicodeForms, properties: ["value": "mobile:+4915112345678"], needles: ["4915112345678"]),
        Leak(
            category: .unicodeForms, properties: ["value": "IBAN:DE89370400440532013000"],
            needles: ["370400440532013000"]),
        Leak(category: .unicodeForms, properties: ["value": "cardno4111111111111111"], needles: ["4111111111111111"]),
        Leak(
            category: .unicodeForms, properties: ["value": "mailto:maria.garcia@example.com"], needles: ["mariagarcia"]),
        Leak(category: .unicodeForms, properties: ["value": "MARIA.GARCIA@EXAMPLE.COM"], needles: ["mariagarcia"]),
        Leak(category: .unicodeForms, properties: ["value": "maria garcia"], needles: ["mariagarcia"]),
        Leak(category: .unicodeForms, properties: ["value": "Ｍａｒｉａ　Ｇａｒｃｉａ"], needles: ["mariagarcia"]),
    ]

    static let vocabularyLeaks: [Leak] = {
        var cases: [Leak] = []
        let secretText = "correcthorse42"
        for key in [
            "pass", "passw0rd", "pa55word", "s3cret", "t0ken", "user_pass", "userpass", "passwort", "kennwort",
            "mot_de_passe", "motdepasse", "contrasena", "wachtwoord", "senha", "clave",
        ] {
            cases.append(Leak(category: .keyVocabulary, properties: [key: .string(secretText)], needles: [secretText]))
        }
        let surname = "okonkwo"
        for key in [
            "fname", "lname", "first_nm", "customername", "contactname", "useremail", "em4il", "ph0ne", "addr",
            "created_by", "assigned_to", "shared_with", "updated_by", "sent_to", "vorname", "nachname", "prenom",
            "nom", "nombre", "apellido", "voornaam", "achternaam", "cognome", "sobrenome", "strasse", "rue", "calle",
            "adresse", "direccion", "indirizzo", "endereco", "ort", "ciudad", "citta", "cidade", "owner", "assignee",
            "customer", "reporter_login", "tel", "telefon", "telefono", "handynummer", "geburtsdatum",
        ] {
            cases.append(Leak(category: .keyVocabulary, properties: [key: .string(surname)], needles: [surname]))
        }
        let numbers: [(String, Int)] = [
            ("pin", 4821), ("otp", 482_193), ("postcode", 90210), ("zip", 10115), ("plz", 10115), ("cvv", 737),
            ("tel", 5_550_100), ("pincode", 4821), ("postleitzahl", 10115), ("code_postal", 75001),
        ]
        for (key, number) in numbers {
            cases.append(Leak(category: .keyVocabulary, properties: [key: .int(number)], needles: [String(number)]))
        }
        cases.append(
            Leak(
                category: .keyVocabulary, properties: ["cp": 28013], needles: ["28013"],
                knownLimit: "two-letter abbreviations (cp: código postal, or copy) are too ambiguous to drop"))
        return cases
    }()

    static let identifierLeaks: [Leak] = [
        Leak(category: .identifiers, properties: ["ref": "536-22-7391"], needles: ["536227391"]),
        Leak(category: .identifiers, properties: ["ref": "my number is 536 22 7391"], needles: ["536227391"]),
        Leak(category: .identifiers, properties: ["ref": "QQ 12 34 56 C"], needles: ["qq123456c"]),
        Leak(category: .identifiers, properties: ["ref": "QQ123456C"], needles: ["qq123456c"]),
        Leak(category: .identifiers, properties: ["ref": "ab-12-34-56-d"], needles: ["ab123456d"]),
        Leak(category: .identifiers, properties: ["device": "00:1A:2B:3C:4D:5E"], needles: ["001a2b3c4d5e"]),
        Leak(category: .identifiers, properties: ["device": "00-1a-2b-3c-4d-5e"], needles: ["001a2b3c4d5e"]),
        Leak(category: .identifiers, properties: ["device": "001a.2b3c.4d5e"], needles: ["001a2b3c4d5e"]),
        Leak(category: .identifiers, properties: ["device": "001A2B3C4D5E"], needles: ["001a2b3c4d5e"]),
        Leak(category: .identifiers, properties: ["where": "51.507412, -0.127812"], needles: ["51507412"]),
        Leak(category: .identifiers, properties: ["where": "40.748817,-73.985428"], needles: ["40748817"]),
        Leak(category: .identifiers, properties: ["where": "48°51′29.6″N 2°17′40.2″E"], needles: ["4851296"]),
        Leak(category: .identifiers, properties: ["x": 51.507412, "y": -0.127812], needles: ["51507412"]),
        Leak(category: .identifiers, properties: ["point": [40.748817, -73.985428]], needles: ["40748817"]),
        Leak(
            category: .identifiers, properties: ["ref": "DE89 3704 0044 0532 0130 00"], needles: ["370400440532013000"]),
        Leak(category: .identifiers, properties: ["ref": "536227391"], needles: ["536227391"]),
    ]

    // MARK: Controls

    static let controls: [Control] = [
        // Near-misses of reserved names.
        Control(category: .reservedNames, properties: ["event_count": 3, "set_size": 4, "uuid_version": 7]),
        Control(category: .reservedNames, properties: ["event_type": "click", "timestamp_source": "server"]),
        Control(category: .reservedNames, properties: ["session_count": 2, "has_session": true]),
        // Plausible measures.
        Control(category: .numbers, properties: ["rows": 0, "item_count": 42, "retries": 3, "status": 200]),
        Control(category: .numbers, properties: ["duration_ms": 12.5, "ratio": 0.875, "delta": -3]),
        Control(category: .numbers, properties: ["seconds_per_day": 86_400, "max_rows": 999_999]),
        Control(category: .numbers, properties: ["latency_ms": 1_523.7, "sizes": [1, 2, 3], "score": 0.25]),
        Control(category: .numbers, properties: ["limits": [10, 50, 100], "offset": 120, "pct": 99.9]),
        // Keys that are names of things.
        Control(category: .keysAsData, properties: ["http_2xx_count": 4, "p99_ms": 88, "top10_hits": 3]),
        Control(category: .keysAsData, properties: ["ipv4_enabled": true, "s3_bucket_count": 2]),
        Control(category: .keysAsData, properties: ["by_status": ["open": 3, "closed": 5]]),
        Control(category: .keysAsData, properties: ["filters": ["priority": "high", "status": "open"]]),
        // Enum tokens.
        Control(category: .freeText, properties: ["format": "csv", "view": "by_status", "theme": "dark"]),
        Control(category: .freeText, properties: ["plan": "pro", "browser": "firefox", "locale": "en-US"]),
        Control(category: .freeText, properties: ["endpoint": "/api/tickets/{id}", "error_type": "DecodingError"]),
        Control(category: .freeText, properties: ["result": "ok", "step": "step_3", "source": "web_app"]),
        Control(category: .freeText, properties: ["tags": ["billing", "beta"], "lang": "C++", "arch": "x86_64"]),
        Control(category: .freeText, properties: ["charset": "utf-8", "screen": "ticket_board", "mode": "on-premise"]),
        // Words that merely name a feature of a sensitive thing.
        Control(category: .credentials, properties: ["auth_method": "password", "token_type": "bearer"]),
        Control(category: .credentials, properties: ["password_policy": "strong", "has_password": true]),
        Control(category: .credentials, properties: ["credential_kind": "api_key", "secret_rotation_days": 90]),
        Control(category: .credentials, properties: ["cookie_consent": "accepted", "session_token_ttl_ms": 3_600]),
        // Unicode-free tokens with ordinary separators.
        Control(category: .unicodeForms, properties: ["release_channel": "beta-2", "region": "eu-west-1"]),
        Control(category: .unicodeForms, properties: ["encoding": "base64", "hash_algorithm": "sha-256"]),
        // Sensitive words as features, bools and measures.
        Control(category: .keyVocabulary, properties: ["email_template": "welcome_v2", "phone_type": "mobile"]),
        Control(category: .keyVocabulary, properties: ["cookie_consent": true, "pin_to_top": true]),
        Control(category: .keyVocabulary, properties: ["sort_by": "priority", "group_by": "status"]),
        Control(category: .keyVocabulary, properties: ["address_format": "us", "name_format": "last_first"]),
        Control(category: .keyVocabulary, properties: ["password_strength": 3, "tokens_used": 1_500]),
        Control(category: .keyVocabulary, properties: ["email_count": 3, "user_count": 42, "pass_rate": 0.97]),
        Control(category: .keyVocabulary, properties: ["is_phone_verified": false, "email": true, "password": true]),
        Control(category: .keyVocabulary, properties: ["display_mode": "compact", "upgraded_to": "pro"]),
        // Versions, build numbers and product codes.
        Control(category: .identifiers, properties: ["build": "10.0.19045.2965", "agent_version": "1.2.3.4"]),
        Control(category: .identifiers, properties: ["version": "6.3.1", "build_number": "2026.11.26.1"]),
        Control(category: .identifiers, properties: ["isbn": "978-3-16-148410-0", "ean": "4006381333931"]),
        Control(category: .identifiers, properties: ["ean_code": 4_006_381_333_931, "isbn13": 9_783_161_484_100]),
        Control(category: .identifiers, properties: ["client_version": "2.1.0.7", "os_build": "22631.4460"]),
    ]
}
