import Foundation
import UsageAnalytics

/// A flag's history for the timeline, newest first: each revision with what it changed from the one before, in
/// words. The store records when and what; the collector has a single admin identity (its token), so not who.
struct FlagTimeline: Sendable {
    struct Entry: Sendable, Equatable {
        let version: Int
        let action: String
        let time: String
        let timestamp: String
        let changes: [String]
    }

    let entries: [Entry]

    init(_ revisions: [FlagRevision]) {
        var entries: [Entry] = []
        var previous: FeatureFlag?
        for revision in revisions.sorted(by: { $0.version < $1.version }) {
            let changes: [String]
            switch (revision.action, previous) {
            case (.archived, _): changes = ["Archived: no longer served or evaluated, and turned off"]
            case (_, let before?): changes = Self.changes(from: before, to: revision.flag)
            case (_, nil): changes = Self.created(revision.flag)
            }
            entries.append(
                Entry(
                    version: revision.version, action: revision.action.rawValue,
                    time: FlagTimeline.text(revision.changedAt),
                    timestamp: revision.changedAt.formatted(.iso8601), changes: changes))
            previous = revision.flag
        }
        self.entries = entries.reversed()
    }

    /// `2026-11-14 18:00:05 UTC`.
    static func text(_ date: Date) -> String {
        let iso = date.formatted(.iso8601)
        return "\(iso.prefix(10)) \(iso.dropFirst(11).prefix(8)) UTC"
    }

    static func created(_ flag: FeatureFlag) -> [String] {
        var lines = ["Created as a \(FlagWording.type(of: flag)) flag, \(flag.active ? "on" : "off")"]
        lines += flag.conditions.enumerated().map { "Condition \($0.offset + 1): \(FlagWording.condition($0.element))" }
        return lines
    }

    static func changes(from before: FeatureFlag, to after: FeatureFlag) -> [String] {
        var lines: [String] = []
        if before.key != after.key { lines.append("Key: \(before.key) → \(after.key)") }
        if before.name != after.name { lines.append("Name: “\(before.name)” → “\(after.name)”") }
        if before.active != after.active { lines.append(after.active ? "Turned on" : "Turned off") }
        if before.variants != after.variants {
            lines.append(
                before.isMultivariate && after.isMultivariate
                    ? "Split: \(FlagWording.split(before.variants)) → \(FlagWording.split(after.variants))"
                    : "Type: \(FlagWording.type(of: before)) → \(FlagWording.type(of: after))")
        }
        for index in 0..<max(before.conditions.count, after.conditions.count) {
            let old = index < before.conditions.count ? FlagWording.condition(before.conditions[index]) : nil
            let new = index < after.conditions.count ? FlagWording.condition(after.conditions[index]) : nil
            switch (old, new) {
            case (nil, let new?): lines.append("Condition \(index + 1) added: \(new)")
            case (let old?, nil): lines.append("Condition \(index + 1) removed: \(old)")
            case (let old?, let new?) where old != new: lines.append("Condition \(index + 1): \(old) → \(new)")
            default: break
            }
        }
        for key in Set(before.payloads.keys).union(after.payloads.keys).sorted()
        where before.payloads[key] != after.payloads[key] {
            let verb = before.payloads[key] == nil ? "added" : after.payloads[key] == nil ? "removed" : "changed"
            lines.append("Payload of \(key) \(verb)")
        }
        return lines.isEmpty ? ["Saved without changes"] : lines
    }
}
