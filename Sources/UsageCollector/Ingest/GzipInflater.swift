import CompressNIO
import NIOCore

/// Streaming gzip decompression that enforces an output cap while it inflates, on compress-nio's public
/// `ZlibDecompressor`.
///
/// Output grows in bounded steps and inflation stops as soon as the cap is passed, so a gzip bomb costs
/// at most about the cap in memory, never its declared size.
enum GzipInflater {
    enum Failure: Error, Equatable {
        case corrupt
        case tooLarge
    }

    static let magic: (UInt8, UInt8) = (0x1F, 0x8B)

    /// Whether `bytes` starts with the gzip magic number.
    static func isGzip(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 2 && bytes[0] == Self.magic.0 && bytes[1] == Self.magic.1
    }

    /// Inflates one or more concatenated gzip members; throws `.tooLarge` once output passes `limit` bytes.
    static func inflate(_ input: UnsafeRawBufferPointer, limit: Int) throws(Failure) -> ByteBuffer {
        guard input.count > 0 else { throw .corrupt }
        var compressed = ByteBuffer(bytes: input)
        // JSON batches inflate about twelvefold: one allocation usually holds the whole output. It grows in
        // steps of at least 16 KiB (ByteBuffer rounds capacities up, so a bomb costs at most about twice the cap).
        var output = ByteBufferAllocator().buffer(capacity: min(limit + 1, max(16 * 1024, input.count * 16)))
        do {
            let decompressor = try ZlibDecompressor(algorithm: .gzip)
            while true {
                if output.writableBytes == 0 { output.reserveCapacity(minimumWritableBytes: 16 * 1024) }
                do {
                    try decompressor.inflate(from: &compressed, to: &output)
                } catch let error as CompressNIOError where error == .bufferOverflow {
                    if output.readableBytes > limit { throw Failure.tooLarge }
                    output.reserveCapacity(minimumWritableBytes: 16 * 1024)
                    continue
                } catch let error as CompressNIOError where error == .inputBufferOverflow {
                    throw Failure.corrupt  // the input ended inside a member
                }
                if output.readableBytes > limit { throw Failure.tooLarge }
                if compressed.readableBytes > 0 {
                    // The member ended and more input follows: only another gzip member may (concatenated gzip).
                    guard compressed.withUnsafeReadableBytes({ Self.isGzip($0) }) else { throw Failure.corrupt }
                    try decompressor.reset()
                    continue
                }
                // All input was read. A finished member takes no more input; a truncated one would read on.
                var probe = ByteBuffer(integer: UInt8(0))
                var scratch = ByteBufferAllocator().buffer(capacity: 64)
                try? decompressor.inflate(from: &probe, to: &scratch)
                guard probe.readableBytes == 1 else { throw Failure.corrupt }
                return output
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .corrupt
        }
    }
}
