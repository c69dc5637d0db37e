import Hummingbird

/// `GET /`: the collector's front page. It shows no data (the admin-token sign-in and the insight
/// dashboards arrive with the dashboard); it says what runs here and where the data can be reached.
enum DashboardPage {
    static let html = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Usage collector</title>
        <style>
        body { font: 16px/1.5 system-ui, sans-serif; max-width: 44rem; margin: 3rem auto; padding: 0 1rem; color: #1d1d1f; }
        code { background: #f2f2f4; padding: 0.1rem 0.3rem; border-radius: 4px; }
        </style>
        </head>
        <body>
        <h1>Usage collector</h1>
        <p>This collector is running and accepts PostHog capture requests on <code>/batch/</code>,
        <code>/capture/</code>, <code>/e/</code> and <code>/i/v0/e/</code>.</p>
        <p>Insight dashboards (trends, funnels, retention) come in a later release. Until then, the stored events
        can be read with the admin token: <code>GET /api/export?format=ndjson</code> with
        <code>Authorization: Bearer &lt;token&gt;</code> (the token <code>psa serve</code> printed on first start,
        also in <code>.psa/collector/admin-token</code>).</p>
        </body>
        </html>
        """

    static func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: html)))
        }
    }
}
