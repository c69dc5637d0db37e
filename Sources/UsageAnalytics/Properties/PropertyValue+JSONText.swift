extension PropertyValue {
    /// The value as compact JSON text, object keys sorted, as the wire encoder writes it.
    public func jsonBytes() -> [UInt8] {
        var writer = JSONWriter(capacity: 64)
        writer.value(self)
        return writer.bytes
    }
}
