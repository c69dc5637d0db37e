import Foundation
import Logging
import Synchronization
import Testing

@testable import UsageCollector

/// Saved insights and dashboards on both engines: what is saved is read back, per project, in order, and an
/// export imports into another database unchanged.
@Suite("Insight library conformance", .timeLimit(.minutes(2)))
struct InsightLibraryConformanceTests {
    static func withLibrary(_ engine: Engine, _ body: @Sendable (any InsightLibrary) async throws -> Void) async throws
    {
        try await withStore(engine) { store in
            let library = try #require(MigratedLibrary.make(for: store, logger: Logger(label: "library-test")))
            try await body(try await library.library())
        }
    }

    static let trend = #"{"kind":"TrendsQuery","series":[{"event":"ticket_created","kind":"EventsNode"}]}"#

    @Test(
        "insights and dashboards are read back per project, oldest first, twice-migrated", arguments: Engine.available)
    func roundTrip(_ engine: Engine) async throws {
        try await Self.withLibrary(engine) { library in
            try await library.migrate()
            let first = try await library.saveInsight(project: "phc_a", name: "Tickets ✓ «daily»", query: Self.trend)
            let second = try await library.saveInsight(project: "phc_a", name: "Second", query: "{}")
            _ = try await library.saveInsight(project: "phc_b", name: "Other project", query: "{}")
            #expect(
                try await library.insights(project: "phc_a")
                    == [
                        SavedInsight(id: first, name: "Tickets ✓ «daily»", query: Self.trend),
                        SavedInsight(id: second, name: "Second", query: "{}"),
                    ])
            let dashboard = try await library.saveDashboard(
                project: "phc_a", name: "Board", insightIDs: [second, first])
            #expect(
                try await library.dashboards(project: "phc_a")
                    == [SavedDashboard(id: dashboard, name: "Board", insightIDs: [second, first])])
            #expect(try await library.dashboards(project: "phc_b").isEmpty)
        }
    }

    @Test("an export imports into an empty database as the same names, queries and tiles", arguments: Engine.available)
    func exportImport(_ engine: Engine) async throws {
        let exported = Mutex<LibraryDocument?>(nil)
        try await Self.withLibrary(engine) { library in
            let a = try await library.saveInsight(project: "phc_a", name: "A", query: Self.trend)
            let b = try await library.saveInsight(project: "phc_a", name: "B", query: Self.trend)
            _ = try await library.saveDashboard(project: "phc_a", name: "Both", insightIDs: [b, a])
            let text = String(
                decoding: try JSONEncoder().encode(try await LibraryDocument.export(library, project: "phc_a")),
                as: UTF8.self)
            let document = try LibraryDocument.parse(text)
            exported.withLock { $0 = document }
        }
        let document = try #require(exported.withLock { $0 })
        #expect(document.insights.map(\.name) == ["A", "B"])
        #expect(document.dashboards == [LibraryDocument.Dashboard(name: "Both", insights: ["B", "A"])])
        try await Self.withLibrary(engine) { library in
            try await document.load(into: library, project: "phc_z")
            let insights = try await library.insights(project: "phc_z")
            #expect(insights.map(\.name) == ["A", "B"])
            #expect(
                insights.allSatisfy { JSONValue.parse(Array($0.query.utf8)) == JSONValue.parse(Array(Self.trend.utf8)) }
            )
            let dashboards = try await library.dashboards(project: "phc_z")
            #expect(dashboards.map(\.name) == ["Both"])
            #expect(dashboards.first?.insightIDs == [insights[1].id, insights[0].id])
        }
    }

    @Test(
        "rename, delete and arrange change only the project's own rows; deleting an insight removes its tiles",
        arguments: Engine.available)
    func editing(_ engine: Engine) async throws {
        try await Self.withLibrary(engine) { library in
            let a = try await library.saveInsight(project: "phc_a", name: "A", query: Self.trend)
            let b = try await library.saveInsight(project: "phc_a", name: "B", query: Self.trend)
            let c = try await library.saveInsight(project: "phc_a", name: "C", query: Self.trend)
            let x = try await library.saveInsight(project: "phc_b", name: "X", query: Self.trend)
            let board = try await library.saveDashboard(project: "phc_a", name: "Board", insightIDs: [a, b, c])
            let small = try await library.saveDashboard(project: "phc_a", name: "Small", insightIDs: [c])
            let other = try await library.saveDashboard(project: "phc_b", name: "Other", insightIDs: [x])

            #expect(try await library.renameInsight(project: "phc_a", id: a, name: "A «renamed»"))
            #expect(try await !library.renameInsight(project: "phc_b", id: a, name: "stolen"))
            #expect(try await !library.renameInsight(project: "phc_a", id: x, name: "stolen"))
            #expect(try await !library.renameInsight(project: "phc_a", id: 987_654, name: "ghost"))
            #expect(try await library.arrangeDashboard(project: "phc_a", id: board, insightIDs: [c, b, a]))
            #expect(try await !library.arrangeDashboard(project: "phc_b", id: board, insightIDs: [x]))
            #expect(try await !library.deleteInsight(project: "phc_b", id: c))
            #expect(try await library.deleteInsight(project: "phc_a", id: c))
            #expect(try await !library.deleteInsight(project: "phc_a", id: c))
            #expect(try await library.renameDashboard(project: "phc_a", id: board, name: "Board two"))
            #expect(try await !library.renameDashboard(project: "phc_a", id: other, name: "stolen"))
            #expect(try await !library.deleteDashboard(project: "phc_b", id: small))
            #expect(
                try await library.dashboards(project: "phc_a")
                    == [
                        SavedDashboard(id: board, name: "Board two", insightIDs: [b, a]),
                        SavedDashboard(id: small, name: "Small", insightIDs: []),
                    ])
            #expect(try await library.deleteDashboard(project: "phc_a", id: small))
            #expect(try await library.dashboards(project: "phc_a").map(\.id) == [board])
            #expect(try await library.insights(project: "phc_a").map(\.name) == ["A «renamed»", "B"])
            #expect(
                try await library.dashboards(project: "phc_b")
                    == [SavedDashboard(id: other, name: "Other", insightIDs: [x])])
            #expect(try await library.insights(project: "phc_b").map(\.name) == ["X"])
            let document = try await LibraryDocument.export(library, project: "phc_a")
            #expect(
                document.dashboards == [LibraryDocument.Dashboard(name: "Board two", insights: ["B", "A «renamed»"])])
        }
    }

    @Test(
        "malformed, oversized and hostile documents are refused with the reason",
        arguments: [
            ("not json", "The document is not an export"),
            (#"{"insights": 3, "dashboards": []}"#, "The document is not an export"),
            (#"{"insights": [{"name": "", "query": {}}], "dashboards": []}"#, "A name is needed."),
            (
                #"{"insights": [{"name": "x", "query": {"kind": "HogQLQuery"}}], "dashboards": []}"#,
                "Insight x: query.kind"
            ),
            (
                #"{"insights": [], "dashboards": [{"name": "d", "insights": ["ghost"]}]}"#,
                "names a missing insight ghost"
            ),
            (#"{"insights": [{"name": "a\u0000b", "query": {}}], "dashboards": []}"#, "control characters"),
            (String(repeating: " ", count: 5 * 1024 * 1024), "larger than 4 MiB"),
        ])
    func refused(_ text: String, _ reason: String) {
        #expect {
            try LibraryDocument.parse(text)
        } throws: { error in
            "\(error)".contains(reason)
        }
    }
}
