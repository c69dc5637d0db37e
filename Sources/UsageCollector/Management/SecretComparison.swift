/// Constant-time comparison of secrets (project keys, the admin token).
enum SecretComparison {
    /// Whether `presented` equals `expected`; the time taken depends only on the length of `expected`.
    static func equals(_ presented: String, _ expected: String) -> Bool {
        let presentedBytes = Array(presented.utf8)
        let expectedBytes = Array(expected.utf8)
        var difference = UInt8(presentedBytes.count == expectedBytes.count ? 0 : 1)
        for index in 0..<expectedBytes.count {
            let presentedByte = index < presentedBytes.count ? presentedBytes[index] : 0
            difference |= presentedByte ^ expectedBytes[index]
        }
        return difference == 0 && !expectedBytes.isEmpty
    }
}
