/// A dashboard's arrange page: its tiles in order, each with move and remove buttons (one small form per tile,
/// naming its position and insight), a form adding a saved insight, renaming, and deleting the dashboard.
enum ArrangeTemplate {
    static let name = "arrange"
    static let text = """
        <h1>Arrange {{name}}</h1>
        <p class="lede">Tiles appear on <a href="/dashboards/{{dashboardID}}">the dashboard</a> in this order.
        Back to <a href="/saved">saved insights and dashboards</a>.</p>
        {{#message}}<p class="notice" role="status">{{message}}</p>{{/message}}
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        <section class="card" id="tiles"><h2>Tiles</h2>
        {{^tiles}}<p class="empty">This dashboard has no tiles: add a saved insight below.</p>{{/tiles}}
        <ol class="arranged">{{#tiles}}<li id="arranged-{{position}}"><span class="tile-name">{{name}}</span>
        <form method="post" action="/dashboards/{{dashboardID}}/tiles" class="tile-actions">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="index" value="{{index}}"><input type="hidden" name="insight" value="{{insightID}}">
        <button name="action" value="up" aria-label="Move {{name}} up"{{#isFirst}} disabled{{/isFirst}}>Move up</button>
        <button name="action" value="down" aria-label="Move {{name}} down"{{#isLast}} disabled{{/isLast}}>Move down</button>
        <button name="action" value="remove" class="quiet" aria-label="Remove {{name}} from the dashboard">Remove</button>
        </form></li>{{/tiles}}</ol>
        {{#hasCandidates}}
        <form method="post" action="/dashboards/{{dashboardID}}/tiles" class="range">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="add-insight">Add a saved insight</label>
        <select id="add-insight" name="insight">{{#candidates}}<option value="{{id}}">{{name}}</option>{{/candidates}}</select>
        <button name="action" value="add">Add as the last tile</button>
        </form>
        {{/hasCandidates}}
        </section>
        <section class="card" id="manage"><h2>Rename or delete</h2>
        <form method="post" action="/dashboards/{{dashboardID}}/rename" class="range">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="dashboard-name">Name</label>
        <input id="dashboard-name" name="name" value="{{name}}" maxlength="200" required>
        <button type="submit">Rename</button>
        </form>
        <form method="post" action="/dashboards/{{dashboardID}}/delete" class="range">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit" class="danger">Delete this dashboard</button>
        <span class="explain">Its saved insights stay.</span>
        </form>
        </section>
        """
}
