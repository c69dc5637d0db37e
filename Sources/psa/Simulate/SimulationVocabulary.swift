/// The words simulated people use: names, companies, ticket titles, categories and comments.
/// Fictional, and addresses use the reserved `.example` top-level domain.
enum SimulationVocabulary {
    static let firstNames = [
        "Amara", "Bastian", "Chiara", "Dmitri", "Elif", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kofi", "Lena",
        "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Sami", "Tove", "Umar", "Vera", "Wanjiru", "Yusuf",
    ]

    static let lastNames = [
        "Achterberg", "Bello", "Castellano", "Dubois", "Eriksen", "Fontaine", "Gallagher", "Haddad", "Ivanova",
        "Jansen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov", "Quispe", "Rahman",
    ]

    static let companyStems = [
        "Northwind", "Bluepeak", "Cedarline", "Driftwood", "Evergreen", "Foxglove", "Granite", "Harbor", "Ironbridge",
        "Juniper", "Keystone", "Lakeshore", "Meridian", "Nightjar", "Oakridge", "Pinecrest", "Quarry", "Redwood",
    ]

    static let mspSuffixes = ["IT Services", "Managed IT", "Tech Partners", "Systems", "Networks", "Digital"]
    static let clientSuffixes = ["Dental", "Logistics", "Bakery", "Law Office", "Architects", "Clinic", "Hotel"]

    /// The distinctive word of a ticket title (its longest), which searches use to find it again.
    static func keyword(of title: String) -> String {
        title.split(separator: " ").map(String.init).max { $0.count < $1.count } ?? title
    }

    /// Ticket subjects; each has a distinctive word that searches use to find it again.
    static let ticketTitles = [
        "Printer on second floor jams every morning", "Outlook keeps asking for the password",
        "VPN disconnects after ten minutes", "New laptop setup for incoming accountant",
        "Shared drive mapping missing after update", "Wi-Fi slow in the conference room",
        "Phishing email reported by reception", "Backup job failed overnight", "Firewall blocks supplier portal",
        "Monitor flickering on docking station", "Cannot open invoices in accounting software",
        "Request access to payroll folder", "Server disk almost full", "Teams calls drop audio",
        "Scanner does not send to email", "Replace failing UPS battery", "Password reset for warehouse tablet",
        "Antivirus alert on workstation", "Calendar invites not syncing on mobile", "Website certificate expires soon",
    ]

    static let descriptions = [
        "Started this morning, affects several people.", "Happens intermittently since the weekend.",
        "Urgent before month-end closing.", "User already tried restarting the device.",
        "See attached screenshot in the original email.", "Only one workstation affected so far.",
    ]

    /// Categories with their subcategories.
    static let categories: [(name: String, subcategories: [String])] = [
        ("Hardware", ["Printer", "Laptop", "Monitor", "Peripherals"]),
        ("Software", ["Email", "Office", "Line of business", "Updates"]),
        ("Network", ["VPN", "Wi-Fi", "Firewall"]),
        ("Security", ["Phishing", "Malware", "Access"]),
        ("Accounts", ["Password reset", "New user", "Permissions"]),
        ("Backup", ["Failed job", "Restore request"]),
    ]

    static let externalComments = [
        "Thanks for reporting this, we are looking into it now.", "Could you tell us when this last worked?",
        "We pushed a fix remotely, please try again.", "A technician will come by this afternoon.",
        "Can you send the exact error message?", "We ordered the replacement part.",
    ]

    static let internalComments = [
        "Checked the event log, driver crash at 07:58.", "Same issue as last month, see previous ticket.",
        "Escalating to network team.", "Vendor support case opened.", "Needs a maintenance window.",
    ]

    static let clientReplies = [
        "It happened again just now.", "Here is the error: access denied.", "Thanks, it works now!",
        "Still the same problem after restarting.",
    ]

    static let resolutions = [
        "Replaced the toner unit and cleaned the rollers.", "Reset the credential cache and re-added the account.",
        "Updated the VPN client to the current version.", "Freed disk space and extended the volume.",
        "Restored the mapping via group policy.",
    ]

    /// Why an admin sends a time sheet back.
    static let rejectionReasons = [
        "Please split the long entries per visit.", "Two entries are missing their notes.",
        "Check the hours on Tuesday, they look doubled.",
    ]

    /// Words that no simulated ticket contains: searches for them find nothing.
    static let absentWords = ["zeppelin", "quasar", "marzipan", "xylophone", "kumquat"]
}
