/// Normalisation of a raw `properties` JSON object before storage.
enum PropertiesText {
    /// Rewrites each `\u0000` escape as `\ufffd`: PostgreSQL's `jsonb` refuses NUL characters, and both
    /// engines must store the same text. Other escapes are copied untouched.
    static func replacingNullEscapes(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            if byte == UInt8(ascii: "\\"), index + 1 < raw.count {
                if raw[index + 1] == UInt8(ascii: "u"), index + 5 < raw.count, raw[index + 2] == UInt8(ascii: "0"),
                    raw[index + 3] == UInt8(ascii: "0"), raw[index + 4] == UInt8(ascii: "0"),
                    raw[index + 5] == UInt8(ascii: "0")
                {
                    output.append(contentsOf: Array("\\ufffd".utf8))
                    index += 6
                } else {
                    output.append(byte)
                    output.append(raw[index + 1])
                    index += 2
                }
                continue
            }
            output.append(byte)
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }
}
