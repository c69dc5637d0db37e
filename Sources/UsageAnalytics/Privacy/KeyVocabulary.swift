/// The words the ``KeyClassifier`` knows, each with the roles it plays in a key.
struct KeyVocabulary {
    struct Traits: OptionSet, Sendable {
        let rawValue: UInt16

        /// Names personal data or a credential on its own: `email`, `password`, `iban`, `useragent`.
        static let sensitive = Traits(rawValue: 1 << 0)
        /// Says the value is a measure or a flag about the thing: `count`, `length`, `has`, `is`, `used`.
        static let measure = Traits(rawValue: 1 << 1)
        /// A person or organisation: makes `name` personal wherever it appears in the key
        /// (`customer_name`, `customer_file_name`).
        static let person = Traits(rawValue: 1 << 2)
        /// A technical thing whose name is not personal (`metric_name`, `host_name`).
        static let technical = Traits(rawValue: 1 << 3)
        /// An identifier (`id`, `number`, `code`) that is personal after a ``identityQualifier``.
        static let identifier = Traits(rawValue: 1 << 4)
        /// Qualifies an identifier as personal: persons, documents, and words that may mean a person
        /// (`user_id`, `tax_id`, `card_number`, `agent_id`).
        static let identityQualifier = Traits(rawValue: 1 << 5)
        /// A person reference that, as the whole key (`user`, `owner`), may only carry a bool.
        static let bareReference = Traits(rawValue: 1 << 6)
        /// The word `name` (or its abbreviation `nm`).
        static let name = Traits(rawValue: 1 << 7)
        /// Names what a person is called when it follows a person word: `owner_label`, `reporter_login`.
        static let naming = Traits(rawValue: 1 << 8)
        /// Names a feature or setting of the thing before it, whose value is an enum token rather than
        /// the thing itself: `token_type`, `email_template`, `cookie_consent`, `name_format`.
        static let qualifier = Traits(rawValue: 1 << 9)
        /// An action done by or to a person, so that a key ending in it plus `by`, `to`, `with`, `for`
        /// or `from` names that person: `created_by`, `assigned_to`, `shared_with`.
        static let personAction = Traits(rawValue: 1 << 10)
        /// Says the value is a version or build number: `version`, `build`, `release`.
        static let version = Traits(rawValue: 1 << 11)
        /// Says the value is a product code with a check digit: `isbn`, `ean`, `gtin`, `upc`.
        static let productCode = Traits(rawValue: 1 << 12)
        /// Set by ``KeyVocabulary/traits(of:)`` when the word was known only in its singular.
        static let plural = Traits(rawValue: 1 << 15)
    }

    /// The traits of `word`, also recognising simple plurals (`emails`, `addresses`, `ids`).
    static func traits(of word: String) -> Traits {
        if let traits = table[word] { return traits }
        let bytes = word.utf8
        guard bytes.count > 2, bytes.last == UInt8(ascii: "s") else { return [] }
        if let traits = table[String(word.dropLast())] { return traits.union(.plural) }
        if bytes.count > 4, word.hasSuffix("es"), let traits = table[String(word.dropLast(2))] {
            return traits.union(.plural)
        }
        return []
    }

    private static let table: [String: Traits] = {
        var table: [String: Traits] = [:]
        func add(_ traits: Traits, _ words: String) {
            for word in words.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
                table[String(word), default: []].formUnion(traits)
            }
        }
        add(.sensitive, sensitiveWords)
        add(.measure, measureWords)
        add([.person, .identityQualifier], personWords)
        add(.identityQualifier, documentWords)
        add(.technical, technicalWords)
        add(.identifier, "id uid uuid guid number no nr code")
        add(.bareReference, bareReferenceWords)
        add(.name, "name nm")
        add(.naming, "label handle login alias initials nick moniker signature display")
        add(.qualifier, qualifierWords)
        add(.personAction, personActionWords)
        add(.version, "version versions ver build release rev revision")
        add(.productCode, "isbn isbn10 isbn13 ean ean8 ean13 gtin gtin8 gtin12 gtin13 gtin14 upc barcode")
        return table
    }()

    /// Personal data and credentials, including compounds matched across two words (`e`+`mail`,
    /// `pass`+`word`, `credit`+`card`, `api`+`key`, `user`+`agent`, `social`+`security`).
    private static let sensitiveWords = """
        email emailaddress phone phonenumber telephone cellphone mobilephone fax
        address streetaddress homeaddress street city zip zipcode postcode postal postalcode
        latitude longitude lat lng lon geolocation gps coordinates coords
        ssn passport iban cvv cvc cvn pin pincode otp totp hotp
        password passwd pwd pw passcode passphrase secret clientsecret token accesstoken refreshtoken
        idtoken authtoken sessiontoken bearer jwt credential creds cookie authorization signature salt
        apikey accesskey privatekey secretkey signingkey encryptionkey masterkey sshkey licensekey
        licencekey productkey sessionkey clientkey authkey
        ip ipv ipaddress macaddress imei imsi udid idfa idfv gaid msisdn iccid useragent
        dob birthday birthdate birth birthplace dateofbirth gender sex ethnicity religion nationality salary
        pass passw pword pswd tel tele telno phoneno mobileno cellno addr fname lname mname gname
        username userid uid firstname lastname fullname surname nickname displayname givenname familyname
        middlename maidenname screenname realname legalname preferredname
        creditcard debitcard cardnumber cardholder ccnumber taxid nationalid socialsecurity
        driverslicense driverlicense bankaccount accountnumber routingnumber sortcode geo coord
        vorname nachname familienname geburtsname passwort kennwort strasse adresse anschrift ort wohnort stadt
        plz postleitzahl telefon telefonnummer handy handynummer mobilnummer geburtsdatum geburtstag geburtsort
        ausweis personalausweis steuernummer steuerid kontonummer sozialversicherungsnummer
        prenom nom motdepasse mdp rue ville codepostal telephone portable naissance datedenaissance courriel
        nombre apellido apellidos contrasena clave direccion domicilio calle ciudad telefono movil celular
        nacimiento correo dni nie nif curp rfc
        voornaam achternaam wachtwoord wachtwoorden straat woonplaats adres telefoonnummer geboortedatum bsn
        cognome indirizzo citta cellulare nascita codicefiscale
        sobrenome senha endereco morada cidade telefone nascimento cpf cnpj
        nazwisko imie haslo ulica pesel
        """

    private static let measureWords = """
        count cnt length len size bytes total sum max min avg mean median limit ratio rate percent
        percentage pct score strength duration ms seconds secs minutes hours days age attempts attempt
        retries failures errors used remaining changed updated added removed deleted verified confirmed
        validated valid invalid enabled disabled required present provided missing exists expired expires
        anonymized hashed masked redacted encrypted has have had is was were did does should can needs
        allowed shown hidden included matched known unknown sent received opened clicked bounced
        delivered failed succeeded
        """

    /// People and organisations: `name` anywhere after one of these is personal (`customer_file_name`).
    private static let personWords = """
        user customer client contact person people account organization organisation org company
        business tenant owner employee member sender recipient receiver author assignee reporter
        requester requestor approver reviewer creator technician staff supervisor patient student
        teacher parent child spouse guest visitor buyer seller vendor merchant partner supplier
        subscriber player friend beneficiary holder signer signatory attendee participant prospect
        candidate applicant
        """

    /// Documents, and words that may or may not mean a person: they make an identifier personal
    /// (`tax_id`, `card_number`, `agent_id`) but do not taint a technical name (`billing_rule_name`).
    /// Name modifiers such as `first`, `display` or `screen` need no list: `name` after any word
    /// that is not technical is personal.
    private static let documentWords = """
        agent admin manager profile lead billing shipping caller actor emergency
        tax national passport license licence social insurance vat routing card cc credit debit
        membership phone mobile cell fax telephone voter bank health medical driver drivers identity
        citizen resident pension sort serial house security verification recovery backup reset
        confirmation activation access auth otp pin iban ssn invoice receipt
        """

    private static let technicalWords = """
        metric feature step operation event field file table column host route endpoint path method
        function func class type kind module package pkg service plan product category subcategory
        status state role permission scope team queue topic channel job task action button page view
        component flag experiment variant cohort app application browser os platform region zone
        cluster node pod container image bucket index schema database db attribute attr param parameter
        property prop header tag label layout theme template workflow pipeline stage source target
        provider integration plugin extension library lib framework tool command cmd query report
        dashboard widget tab section form input element enum variable var env environment config
        setting option mode locale language lang currency timezone tz country campaign error exception
        span trace logger log counter gauge histogram dimension measure unit format mime content media
        resource entity model object record collection domain repo repository branch sku tier key
        series signal test suite spec check rule policy filter segment funnel goal group font color
        icon folder dir directory bundle binary process thread server instance interface protocol
        scheme codec algorithm algo cipher hash cert certificate geoip
        """

    /// Words after a sensitive word that make the key name a feature or setting of it.
    private static let qualifierWords = """
        type types kind template templates consent format policy mode method provider strategy style status
        state setting settings option options preference preferences scheme algorithm rule rules requirement
        requirements category variant channel visibility permission permissions scope layout source
        """

    /// Actions done by or to a person (`created_by`, `assigned_to`, `shared_with`).
    private static let personActionWords = """
        assigned reassigned created updated modified edited changed approved rejected reviewed owned submitted
        sent shared forwarded escalated delegated invited referred requested reported closed resolved deleted
        signed handled paid billed sold authored written managed opened completed uploaded reply replied mail
        mailed emailed cc bcc transferred mentioned notified messaged called contacted visited booked delivered
        addressed issued granted given claimed accepted declined verified checked locked archived restored
        """

    private static let bareReferenceWords = """
        user customer client contact person owner sender recipient receiver author assignee reporter
        requester member employee patient account company actor login identity guest visitor
        subscriber signer holder buyer seller caller attendee participant admin
        technician agent approver vendor supplier organization organisation manager supervisor partner
        colleague teammate worker staff representative dispatcher engineer
        """
}
