/// The insight builder: a form for trends, funnels and retention, the query it runs (editable, and where a
/// PostHog query can be pasted), and the answer drawn below.
enum BuilderTemplate {
    static let name = "builder"
    static let text = """
        <h1>Insight builder</h1>
        <p class="lede">Build a trend, a funnel or a retention table from the stored events, or paste a PostHog
        insight query. The query JSON that runs is shown, and can be edited and run again.</p>
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        {{#saved}}<p class="notice" role="status">{{saved}} <a href="/saved">Saved insights</a></p>{{/saved}}
        <form class="builder card" method="post" action="/insights">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <datalist id="event-names">{{#eventNames}}<option value="{{.}}">{{/eventNames}}</datalist>
        <div class="fields">
        <p><label for="kind">Insight</label>
        <select id="kind" name="kind">{{#kinds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/kinds}}</select></p>
        <p><label for="from">From</label> <input type="date" id="from" name="from" value="{{from}}">
        <label for="to">To</label> <input type="date" id="to" name="to" value="{{to}}"></p>
        <p><label for="events">Events (trend series or funnel steps, one per line; * for all)</label>
        <textarea id="events" name="events" rows="3">{{events}}</textarea></p>
        <p><label for="math">Math</label>
        <select id="math" name="math">{{#maths}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/maths}}</select>
        <label for="mathProperty">of property</label> <input id="mathProperty" name="mathProperty" value="{{mathProperty}}">
        <label for="interval">Interval</label>
        <select id="interval" name="interval">{{#intervals}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/intervals}}</select></p>
        <p><label for="breakdown">Breakdown by property</label> <input id="breakdown" name="breakdown" value="{{breakdown}}"></p>
        <p><label for="window">Funnel window (days)</label> <input id="window" name="window" inputmode="numeric" value="{{window}}">
        <label for="order">Step order</label>
        <select id="order" name="order">{{#orders}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/orders}}</select></p>
        <p><label for="targetEvent">Retention: first event</label> <input id="targetEvent" name="targetEvent" list="event-names" value="{{targetEvent}}">
        <label for="returningEvent">returning event</label> <input id="returningEvent" name="returningEvent" list="event-names" value="{{returningEvent}}">
        <label for="period">Period</label>
        <select id="period" name="period">{{#periodNames}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/periodNames}}</select>
        <label for="periods">Periods</label> <input id="periods" name="periods" inputmode="numeric" value="{{periods}}"></p>
        </div>
        <p><label for="json">Query JSON (runs instead of the fields above when not empty)</label>
        <textarea id="json" name="json" rows="8" spellcheck="false">{{json}}</textarea></p>
        <p><button type="submit">Run</button>
        <label for="name">Name</label> <input id="name" name="name" value="{{name}}" maxlength="200">
        <button type="submit" name="save" value="1">Run and save</button></p>
        </form>
        {{#result}}{{> section}}{{/result}}
        """
}
