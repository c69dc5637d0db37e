/// The NDJSON line of an exported event; it is also a valid capture event, so exports import back as is.
enum EventLine {
    static func encode(_ record: EventRecord) -> String {
        "{\"uuid\":\"\(UUIDBytes.text(record.uuid))\",\"event\":\(JSONText.quoted(record.event)),"
            + "\"distinct_id\":\(JSONText.quoted(record.distinctID)),"
            + "\"timestamp\":\"\(ISO8601Timestamp.format(record.timestamp))\","
            + "\"properties\":\(record.properties),\"project\":\(JSONText.quoted(record.project)),"
            + "\"received_at\":\"\(ISO8601Timestamp.format(record.receivedAt))\"}\n"
    }
}
