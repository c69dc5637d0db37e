import Crypto
import Foundation

/// Seals secrets kept in the database (TOTP seeds) with AES-GCM under the installation's 32-byte key, so a
/// copy of the database alone does not reveal them. The key lives in `$PSA_DATA_DIR/secret-key` (mode 0600),
/// never in the database and never in logs.
public struct SecretBox: Sendable {
    private let key: SymmetricKey

    /// A box with `key` (32 bytes).
    public init(key: [UInt8]) throws {
        guard key.count == 32 else { throw SecretBoxError.badKey }
        self.key = SymmetricKey(data: key)
    }

    /// The key in `<directory>/secret-key`, created (32 random bytes, readable by the owner only) if missing.
    public static func loadOrCreate(directory: String) throws -> SecretBox {
        let path = directory + "/secret-key"
        if let data = FileManager.default.contents(atPath: path) {
            guard data.count == 32 else { throw SecretBoxError.badKeyFile(path: path) }
            return try SecretBox(key: Array(data))
        }
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let key = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        guard FileManager.default.createFile(atPath: path, contents: Data(key), attributes: [.posixPermissions: 0o600])
        else { throw SecretBoxError.badKeyFile(path: path) }
        return try SecretBox(key: key)
    }

    /// `plaintext` sealed, as base64 (nonce, ciphertext and tag).
    func seal(_ plaintext: String) throws -> String {
        try AES.GCM.seal(Data(plaintext.utf8), using: key).combined?.base64EncodedString() ?? ""
    }

    /// The plaintext of a sealed value; throws when it was not sealed with this key.
    func open(_ sealed: String) throws -> String {
        guard let data = Data(base64Encoded: sealed) else { throw SecretBoxError.tampered }
        let plaintext = try AES.GCM.open(AES.GCM.SealedBox(combined: data), using: key)
        return String(decoding: plaintext, as: UTF8.self)
    }
}

/// Why the secret key cannot be used.
public enum SecretBoxError: Error, CustomStringConvertible {
    case badKey
    case badKeyFile(path: String)
    case tampered

    public var description: String {
        switch self {
        case .badKey: "the secret key must be 32 bytes"
        case .badKeyFile(let path): "\(path) must hold exactly 32 bytes; restore it from a backup"
        case .tampered: "a sealed secret is not readable with this installation's key"
        }
    }
}
