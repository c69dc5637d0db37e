/// Saved insights and dashboards: the lists, a form composing a dashboard in a chosen order, renaming and deleting
/// insights, export and import.
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
        <ul>{{#dashboards}}<li><a href="/dashboards/{{id}}">{{name}}</a> ({{tiles}} tiles) ·
        <a href="/dashboards/{{id}}/arrange" aria-label="Arrange, rename or delete {{name}}">arrange</a></li>{{/dashboards}}</ul>
        </section>
        <section class="card" id="insights"><h2>Saved insights</h2>
        {{^insights}}<p class="empty">No insight saved yet: build one in the insight builder, name it and press Save.</p>{{/insights}}
        {{#hasInsights}}
        <form method="post" action="/saved/dashboards">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <ul class="tiles">{{#insights}}<li><input type="checkbox" id="tile-{{id}}" name="tile-{{id}}" value="on">
        <label for="tile-{{id}}">{{name}}</label> <span class="kind">{{kind}}</span>
        <input type="number" class="position" id="position-{{id}}" name="position-{{id}}" min="1" max="24"
        aria-label="Tile position of {{name}}" placeholder="position"></li>{{/insights}}</ul>
        <p class="explain">Tiles appear in the order of their positions; ticked insights without one follow in list
        order. The order can be changed afterwards.</p>
        <label for="dashboard-name">Dashboard name</label> <input id="dashboard-name" name="name" maxlength="200" required>
        <button type="submit">Make a dashboard of the ticked insights</button>
        </form>
        <table class="library"><caption>Rename or delete a saved insight. Deleting one also removes its tile from
        every dashboard showing it; the dashboards stay.</caption>
        <thead><tr><th scope="col">Insight</th><th scope="col">Rename</th><th scope="col">Delete</th></tr></thead>
        <tbody>{{#insights}}<tr><th scope="row">{{name}}</th>
        <td><form method="post" action="/saved/insights/{{id}}/rename" class="inline">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input name="name" value="{{name}}" maxlength="200" required aria-label="New name of {{name}}">
        <button type="submit">Rename</button></form></td>
        <td><form method="post" action="/saved/insights/{{id}}/delete" class="inline">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit" class="danger" aria-label="Delete {{name}}">Delete</button></form></td></tr>{{/insights}}
        </tbody></table>
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
