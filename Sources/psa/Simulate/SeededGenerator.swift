/// A deterministic random number generator (xoshiro256**, seeded through SplitMix64).
///
/// The simulator's plan must be a pure function of its options and seed, so it never touches
/// `SystemRandomNumberGenerator`; the same seed gives the same sequence on every platform.
struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    init(seed: UInt64) {
        var splitMix = seed
        func nextSplitMix() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (nextSplitMix(), nextSplitMix(), nextSplitMix(), nextSplitMix())
    }

    /// A generator for one independent stream (a tenant, a day) derived from this seed, so that
    /// changing one tenant's activity does not shift the random choices of every other tenant.
    static func stream(seed: UInt64, _ parts: Int...) -> SeededGenerator {
        var mixed = seed
        for part in parts {
            mixed = (mixed ^ UInt64(truncatingIfNeeded: part)) &* 0x100_0000_01B3 &+ 0x9E37_79B9_7F4A_7C15
        }
        return SeededGenerator(seed: mixed)
    }

    mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, by: 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotateLeft(state.3, by: 45)
        return result
    }

    /// True with the given probability (0...1).
    mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &self) < probability
    }

    private func rotateLeft(_ value: UInt64, by amount: UInt64) -> UInt64 {
        (value << amount) | (value >> (64 - amount))
    }
}
