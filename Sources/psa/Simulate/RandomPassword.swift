/// Passwords for simulated users: 16 characters from the system's random generator, never derived
/// from the seed, with a lower-case letter, an upper-case letter, a digit and a symbol so that
/// any reasonable password policy accepts them.
enum RandomPassword {
    static let length = 16
    private static let classes: [[Character]] = [
        Array("abcdefghijkmnopqrstuvwxyz"), Array("ABCDEFGHJKLMNPQRSTUVWXYZ"), Array("23456789"), Array("-_.!#%+"),
    ]

    @Sendable static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        var characters = classes.map { $0.randomElement(using: &generator)! }
        let all = classes.flatMap { $0 }
        while characters.count < length { characters.append(all.randomElement(using: &generator)!) }
        return String(characters.shuffled(using: &generator))
    }
}
