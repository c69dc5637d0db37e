/// Saved insights and dashboards: the lists, a form composing a dashboard, export and import.
enum SavedTemplate {
    static let name = "saved"
    static let text = """
        <h1>Saved insights and dashboards</h1>
        <p class="lede">Insights saved from the builder, and dashboards made of them. Everything is kept in the
        collector's database and can be exported as JSON and imported into another collector.</p>
        {{#message}}<p class="notice" role="status">{{message}}</p>{{/message}}
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        <section class="card" id="dashboards"><h2>Dashboards</h2>
        {{^dashboards}}<p class="empty">No dashboard yet: tick saved insights below and name the dashboard.</p>{{/dashboards}}
        <ul>{{#dashboards}}<li><a href="/dashboards/{{id}}">{{name}}</a> ({{tiles}} tiles)</li>{{/dashboards}}</ul>
        </section>
        <section class="card" id="insights"><h2>Saved insights</h2>
        {{^insights}}<p class="empty">No insight saved yet: build one in the insight builder, name it and press Save.</p>{{/insights}}
        {{#hasInsights}}
        <form method="post" action="/saved/dashboards">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <ul class="tiles">{{#insights}}<li><input type="checkbox" id="tile-{{id}}" name="tile-{{id}}" value="on">
        <label for="tile-{{id}}">{{name}}</label> <span class="kind">{{kind}}</span></li>{{/insights}}</ul>
        <label for="dashboard-name">Dashboard name</label> <input id="dashboard-name" name="name" required>
        <button type="submit">Make a dashboard of the ticked insights</button>
        </form>
        {{/hasInsights}}
        </section>
        <section class="card" id="transfer"><h2>Export and import</h2>
        <p><a href="/saved/export">Download every saved insight and dashboard as JSON</a></p>
        <form method="post" action="/saved/import">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="document">Exported JSON to import</label>
        <textarea id="document" name="document" rows="6" spellcheck="false" required></textarea>
        <button type="submit">Import</button>
        </form>
        </section>
        """
}
