import Foundation

/// What a browser test reads from a rendered report page's DOM.
struct PageSnapshot: Decodable {
    struct Link: Decodable {
        let text: String
        let href: String
        let current: Bool
    }

    struct Section: Decodable {
        let id: String
        let title: String
        let empty: Bool
        let emptyText: String?
        let charts: Int
        let points: Int
        let bars: Int
        let tooltips: [String]
        let columns: [String]
        let rows: [[String]]
        let queries: [String]
    }

    let path: String
    let title: String
    let heading: String
    let navigation: [Link]
    let notice: String?
    let sections: [Section]

    func section(_ id: String) -> Section? { self.sections.first { $0.id == id } }

    /// The script that collects the snapshot, as a JSON string.
    static let script = """
        JSON.stringify({
          path: location.pathname + location.search,
          title: document.title,
          heading: document.querySelector("h1")?.textContent ?? "",
          navigation: [...document.querySelectorAll("nav a")].map(a => ({
            text: a.textContent, href: a.getAttribute("href"), current: a.getAttribute("aria-current") === "page"})),
          notice: document.querySelector("main > p.error")?.textContent ?? null,
          sections: [...document.querySelectorAll("section.report-section")].map(s => ({
            id: s.id,
            title: s.querySelector("h2").textContent,
            empty: s.dataset.empty === "true",
            emptyText: s.querySelector(".empty")?.textContent ?? null,
            charts: s.querySelectorAll("svg.chart").length,
            points: s.querySelectorAll("svg.chart circle").length,
            bars: s.querySelectorAll("svg.chart .bar rect").length,
            tooltips: [...s.querySelectorAll("svg.chart title")].map(t => t.textContent),
            columns: [...s.querySelectorAll("table.data thead th")].map(c => c.textContent),
            rows: [...s.querySelectorAll("table.data tbody tr")].map(r => [...r.children].map(c => c.textContent)),
            queries: [...s.querySelectorAll("pre.query")].map(p => p.textContent)}))
        })
        """
}
