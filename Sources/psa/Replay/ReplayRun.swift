import Foundation
import UsageCollector

/// One replay: reads events in a stable order from where the checkpoint says, sends them batch by batch,
/// and moves the checkpoint after each batch the target acknowledged.
struct ReplayRun {
    let sender: ReplaySender
    let checkpointPath: String
    let batchSize: Int
    let report: (String) -> Void

    /// Replays the stored events matching `filter`, in (timestamp, uuid) order.
    func replay(store: any EventStore, filter: EventFilter, progress: inout ReplayCheckpoint) async throws {
        while true {
            let cursor = progress.afterTimestamp.flatMap { timestamp in
                progress.afterUUID.map { EventCursor(timestamp: timestamp, uuid: $0) }
            }
            let page = try await store.events(filter, after: cursor, limit: self.batchSize)
            guard let last = page.last else { break }
            try await self.sender.send(page)
            progress.afterTimestamp = last.timestamp
            progress.afterUUID = last.uuid
            try self.acknowledged(page.count, progress: &progress)
        }
        try self.finish(&progress)
    }

    /// Replays the events of an export file matching `filter`, in file order. The whole file is validated before
    /// the first request, so a bad line stops the replay before anything is sent.
    func replay(file: String, filter: EventFilter, progress: inout ReplayCheckpoint) async throws {
        var validation = try ExportFileReader(path: file)
        while try validation.nextEvent(matching: filter) != nil {}

        var reader = try ExportFileReader(path: file)
        let skipTo = progress.afterLine ?? 0
        var batch: [EventRecord] = []
        while let record = try reader.nextEvent(matching: filter) {
            if reader.lineNumber <= skipTo { continue }
            batch.append(record)
            if batch.count == self.batchSize {
                try await self.sender.send(batch)
                progress.afterLine = reader.lineNumber
                try self.acknowledged(batch.count, progress: &progress)
                batch = []
            }
        }
        if !batch.isEmpty {
            try await self.sender.send(batch)
            progress.afterLine = reader.lineNumber
            try self.acknowledged(batch.count, progress: &progress)
        }
        try self.finish(&progress)
    }

    private func acknowledged(_ count: Int, progress: inout ReplayCheckpoint) throws {
        progress.sent += count
        try progress.save(path: self.checkpointPath)
        self.report("sent \(progress.sent) events")
    }

    private func finish(_ progress: inout ReplayCheckpoint) throws {
        progress.complete = true
        try progress.save(path: self.checkpointPath)
    }
}
