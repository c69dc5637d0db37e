import Foundation
import NIOCore

/// Turns the bytes of a capture request into JSON text: plain JSON, gzip (by `Content-Encoding` or magic
/// bytes), form-encoded `data=<base64>` (optionally `compression=gzip-js`), or a GET `data` parameter.
struct CaptureBodyDecoder: Sendable {
    let limits: IngestLimits

    /// The largest raw body read from the socket: base64 adds a third to a full-size batch.
    var maxRawBodyBytes: Int { self.limits.maxBatchRequestBytes / 2 * 3 + 4096 }

    /// What the request carried besides its body.
    struct Envelope {
        var contentType: String?
        var contentEncoding: String?
        /// `data` query parameter (GET requests from browser clients).
        var queryData: String?
        /// `compression` query parameter, such as `gzip-js`.
        var queryCompression: String?
    }

    func json(body: ByteBuffer, envelope: Envelope) throws(IngestError) -> ByteBuffer {
        if body.readableBytes == 0 {
            guard let data = envelope.queryData, !data.isEmpty else { throw .invalidPayload("the request has no body") }
            return try self.decodeBase64(data, compression: envelope.queryCompression)
        }
        let declaredGzip = envelope.contentEncoding?.lowercased().contains("gzip") ?? false
        let isGzip = body.withUnsafeReadableBytes { GzipInflater.isGzip($0) }
        if declaredGzip || isGzip {
            return try self.inflate(body)
        }
        let contentType = envelope.contentType?.lowercased() ?? ""
        let looksLikeForm = body.withUnsafeReadableBytes { $0.starts(with: Array("data=".utf8)) }
        // curl -d labels raw JSON as a form; a body that opens like JSON is read as JSON.
        let looksLikeJSON = body.withUnsafeReadableBytes { bytes in
            bytes.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }.map {
                $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "[")
            } ?? false
        }
        if looksLikeForm || (contentType.hasPrefix("application/x-www-form-urlencoded") && !looksLikeJSON) {
            return try self.decodeForm(body)
        }
        guard body.readableBytes <= self.limits.maxBatchRequestBytes else {
            throw .requestTooLarge(limit: self.limits.maxBatchRequestBytes)
        }
        return body
    }

    private func inflate(_ body: ByteBuffer) throws(IngestError) -> ByteBuffer {
        let limit = self.limits.maxBatchRequestBytes
        let result: Result<ByteBuffer, GzipInflater.Failure> = body.withUnsafeReadableBytes { bytes in
            do throws(GzipInflater.Failure) {
                return .success(try GzipInflater.inflate(bytes, limit: limit))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let json): return json
        case .failure(.tooLarge): throw .requestTooLarge(limit: limit)
        case .failure(.corrupt): throw .invalidPayload("the body is not valid gzip")
        }
    }

    private func decodeForm(_ body: ByteBuffer) throws(IngestError) -> ByteBuffer {
        let text = String(decoding: body.readableBytesView, as: UTF8.self)
        var data: String?
        var compression: String?
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            let value = String(parts[1]).removingPercentEncoding ?? String(parts[1])
            switch parts[0] {
            case "data": data = value
            case "compression": compression = value
            default: break
            }
        }
        guard let data else { throw .invalidPayload("the form has no data field") }
        return try self.decodeBase64(data, compression: compression)
    }

    private func decodeBase64(_ text: String, compression: String?) throws(IngestError) -> ByteBuffer {
        if let compression, compression != "gzip-js", compression != "gzip", compression != "base64" {
            throw .invalidPayload("unsupported compression \(compression)")
        }
        // Some clients put the JSON itself in `data`, unencoded.
        if compression == nil, let first = text.utf8.first(where: { $0 != 0x20 }),
            first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
        {
            return ByteBuffer(string: text)
        }
        // Form decoding turns '+' into ' '; URL-safe base64 uses '-' and '_'.
        var normalized = text.replacingOccurrences(of: " ", with: "+")
            .replacingOccurrences(of: "-", with: "+")
            .replacingOccurrences(of: "_", with: "/")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        while normalized.utf8.count % 4 != 0 { normalized += "=" }
        guard let decoded = Data(base64Encoded: normalized) else {
            throw .invalidPayload("the data field is not valid base64")
        }
        let buffer = ByteBuffer(bytes: decoded)
        if compression == "gzip-js" || compression == "gzip"
            || buffer.withUnsafeReadableBytes({ GzipInflater.isGzip($0) })
        {
            return try self.inflate(buffer)
        }
        guard buffer.readableBytes <= self.limits.maxBatchRequestBytes else {
            throw .requestTooLarge(limit: self.limits.maxBatchRequestBytes)
        }
        return buffer
    }
}
