/// Builds a simulated tenant's people and client companies, with addresses unique to the run.
enum TenantDirectory {
    /// Client users of each client company: the first has two (one of whom may later leave).
    static func clientUserCount(client: Int) -> Int { client == 0 ? 2 : 1 }

    static func make(
        stem: String, index: Int, options: SimulationOptions, run: SimulationRun,
        using generator: inout SeededGenerator
    ) -> SimulatedTenant {
        let company = "\(stem) \(SimulationVocabulary.mspSuffixes.randomElement(using: &generator)!)"
        let suffix = "t\(index + 1)-s\(options.seed)-\(run.nonce).example"
        var taken: Set<String> = []
        func person(role: UserRole, domain: String, client: ClientRef?) -> SimulatedUser {
            let first = SimulationVocabulary.firstNames.randomElement(using: &generator)!
            let last = SimulationVocabulary.lastNames.randomElement(using: &generator)!
            var local = "\(first).\(last)".lowercased()
            var counter = 2
            while taken.contains("\(local)@\(domain)") {
                local = "\(first).\(last)\(counter)".lowercased()
                counter += 1
            }
            taken.insert("\(local)@\(domain)")
            return SimulatedUser(name: "\(first) \(last)", email: "\(local)@\(domain)", role: role, client: client)
        }
        let ownDomain = "\(slug(company))-\(suffix)"
        var users = [person(role: .admin, domain: ownDomain, client: nil)]
        users += (0..<options.agents).map { _ in person(role: .agent, domain: ownDomain, client: nil) }
        var clients: [SimulatedClient] = []
        let clientStems = SimulationVocabulary.companyStems.shuffled(using: &generator)
        for client in 0..<options.clients {
            let name =
                clientStems[client % clientStems.count] + " "
                + SimulationVocabulary.clientSuffixes.randomElement(using: &generator)!
                + (client < clientStems.count ? "" : " \(client / clientStems.count + 1)")
            clients.append(SimulatedClient(name: name))
            let domain = "\(slug(name))-\(suffix)"
            for _ in 0..<clientUserCount(client: client) {
                users.append(person(role: .client, domain: domain, client: ClientRef(index: client)))
            }
        }
        return SimulatedTenant(company: company, users: users, clients: clients)
    }

    /// `Northwind IT Services` → `northwind-it-services`.
    static func slug(_ name: String) -> String {
        name.lowercased().split { !($0.isLetter || $0.isNumber) }.joined(separator: "-")
    }
}
