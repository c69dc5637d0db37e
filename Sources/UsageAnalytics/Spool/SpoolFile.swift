import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file opened for appending with POSIX calls, so writes can be synced to disk.
final class SpoolFile {
    private let descriptor: Int32
    let path: String
    private(set) var size: Int

    /// Opens (creating, mode 0600) `path` for appending.
    init(path: String) throws(SpoolError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw SpoolError.io("open", path: path, errno: errno) }
        var status = stat()
        fstat(descriptor, &status)
        self.descriptor = descriptor
        self.path = path
        self.size = Int(status.st_size)
    }

    deinit {
        close(descriptor)
    }

    /// Appends `bytes` and waits until they are on disk.
    func append(_ bytes: [UInt8]) throws(SpoolError) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                write(descriptor, raw.baseAddress! + written, raw.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw SpoolError.io("write", path: path, errno: errno)
            }
            written += result
        }
        guard Self.syncData(descriptor) else { throw SpoolError.io("sync", path: path, errno: errno) }
        size += bytes.count
    }

    /// The whole content of the file at `path`, or `nil` when it does not exist.
    static func read(path: String) throws(SpoolError) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw SpoolError.io("open", path: path, errno: errno)
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { readBytes(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw SpoolError.io("read", path: path, errno: errno)
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }
}

extension SpoolFile {
    /// Flushes the file's data to stable storage. On Darwin `fsync` leaves it in the drive's cache;
    /// only `F_FULLFSYNC` survives a power cut, as `fdatasync` does on Linux.
    fileprivate static func syncData(_ descriptor: Int32) -> Bool {
        #if canImport(Darwin)
            fcntl(descriptor, F_FULLFSYNC) != -1
        #else
            fdatasync(descriptor) == 0
        #endif
    }
}

/// POSIX `read`, named apart from ``SpoolFile/read(path:)``, which hides it inside the type.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.read(descriptor, buffer, count)
    #elseif canImport(Darwin)
        Darwin.read(descriptor, buffer, count)
    #endif
}

/// A spool directory that could not be used; the channel then delivers from memory only.
struct SpoolError: Error, CustomStringConvertible {
    let description: String

    static func io(_ operation: String, path: String, errno code: Int32) -> SpoolError {
        SpoolError(description: "\(operation) \(path): \(String(cString: strerror(code)))")
    }
}
