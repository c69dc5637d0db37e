/// The experiments list and the form creating one: a flag picker (multivariate flags with a control variant),
/// a funnel or mean metric made from event names.
enum ExperimentListTemplate {
    static let name = "experiments"
    static let text = """
        <h1>Experiments</h1>
        <p class="lede">A/B experiments on multivariate flags: who saw which variant (from
        <code>$feature_flag_called</code>), and how a metric differs between variants.</p>
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        <section class="card" id="experiments"><h2>All experiments</h2>
        {{^experiments}}<p class="empty">No experiment yet: create one below.</p>{{/experiments}}
        {{#hasExperiments}}
        <table class="library"><thead><tr><th scope="col">Experiment</th><th scope="col">Flag</th>
        <th scope="col">Status</th><th scope="col">Started</th><th scope="col">Ended</th></tr></thead>
        <tbody>{{#experiments}}<tr><th scope="row"><a href="/experiments/{{id}}">{{name}}</a></th>
        <td><code>{{flag}}</code></td><td class="status-{{status}}">{{status}}</td><td>{{started}}</td>
        <td>{{ended}}</td></tr>{{/experiments}}</tbody></table>
        {{/hasExperiments}}
        </section>
        <section class="card" id="create"><h2>New experiment</h2>
        {{^flags}}<p class="empty">No flag can run an experiment yet: an experiment needs a multivariate flag with a
        variant named <code>control</code>.</p>{{/flags}}
        {{#hasFlags}}
        <form method="post" action="/experiments">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="experiment-name">Name</label> <input id="experiment-name" name="name" maxlength="400" required></p>
        <p><label for="experiment-flag">Feature flag</label> <select id="experiment-flag" name="flag">
        {{#flags}}<option value="{{key}}">{{key}} ({{variants}})</option>{{/flags}}</select></p>
        <fieldset><legend>Primary metric</legend>
        <p><input type="radio" id="metric-funnel" name="metric_type" value="funnel" checked>
        <label for="metric-funnel">Funnel: share of exposed units completing these events in order (14-day window)</label></p>
        <p><input type="radio" id="metric-mean" name="metric_type" value="mean">
        <label for="metric-mean">Mean: events per exposed unit, of the first event name</label></p>
        <p><label for="metric-events">Event names, comma-separated</label>
        <input id="metric-events" name="events" list="event-names" maxlength="2000" required></p>
        <datalist id="event-names">{{#eventNames}}<option value="{{.}}">{{/eventNames}}</datalist>
        <p><label for="metric-goal">Goal</label> <select id="metric-goal" name="goal">
        <option value="increase">increase</option><option value="decrease">decrease</option></select></p>
        </fieldset>
        <p><input type="checkbox" id="experiment-launch" name="launch" value="on">
        <label for="experiment-launch">Launch now (otherwise it stays a draft)</label></p>
        <button type="submit">Create experiment</button>
        </form>
        {{/hasFlags}}
        </section>
        """
}
