import CCompressZlib
import NIOCore

/// Streaming gzip decompression that enforces an output cap while it inflates.
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
        guard input.count > 0, let inputBase = input.baseAddress else { throw .corrupt }
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            inflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        // 16 + 15: a gzip wrapper around a deflate stream with the largest window.
        guard CCompressZlib_inflateInit2(stream, 16 + 15) == Z_OK else { throw .corrupt }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: inputBase.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = UInt32(input.count)

        let step = 16 * 1024
        // JSON batches inflate about twelvefold: one allocation usually holds the whole output.
        var output = ByteBufferAllocator().buffer(capacity: min(limit + 1, max(step, input.count * 16)))
        while true {
            // Fill the space already allocated before asking for more; never beyond one byte past the cap.
            let room = min(limit + 1 - output.readableBytes, max(output.writableBytes, step))
            var status: Int32 = Z_OK
            output.writeWithUnsafeMutableBytes(minimumWritableBytes: room) { pointer in
                let granted = min(pointer.count, room)
                stream.pointee.next_out = pointer.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = UInt32(granted)
                status = CCompressZlib.inflate(stream, Z_NO_FLUSH)
                return granted - Int(stream.pointee.avail_out)
            }
            if output.readableBytes > limit { throw .tooLarge }
            switch status {
            case Z_STREAM_END:
                guard stream.pointee.avail_in > 0 else { return output }
                // Another gzip member may follow (concatenated gzip is valid); anything else is garbage.
                let remaining = UnsafeRawBufferPointer(
                    start: stream.pointee.next_in,
                    count: Int(stream.pointee.avail_in)
                )
                guard Self.isGzip(remaining), inflateReset(stream) == Z_OK else { throw .corrupt }
            case Z_OK:
                if stream.pointee.avail_in == 0 && stream.pointee.avail_out > 0 { throw .corrupt }
            case Z_BUF_ERROR:
                if stream.pointee.avail_in == 0 { throw .corrupt }
            default:
                throw .corrupt
            }
        }
    }
}
