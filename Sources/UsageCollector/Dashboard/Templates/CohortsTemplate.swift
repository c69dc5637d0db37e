/// The cohorts page: every cohort with its size, and the forms that create a static cohort from CSV and a
/// behavioural one from an event criterion.
enum CohortsTemplate {
    static let name = "cohorts"
    static let text = """
        <h1>Cohorts</h1>
        <p class="lede">Groups of distinct ids: a static list uploaded as CSV, or everyone whose events meet a
        criterion. Cohorts filter and break down every insight and release feature flags.</p>
        {{#message}}<p class="notice" role="status">{{message}}</p>{{/message}}
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        <section class="card" id="cohort-list"><h2>All cohorts</h2>
        {{^cohorts}}<p class="empty">No cohort yet: create one below.</p>{{/cohorts}}
        {{#hasCohorts}}
        <table class="library"><thead><tr><th scope="col">Cohort</th><th scope="col">Id</th><th scope="col">Kind</th>
        <th scope="col">Members</th><th scope="col">Delete</th></tr></thead>
        <tbody>{{#cohorts}}<tr data-cohort="{{id}}"><th scope="row"><a href="/cohorts/{{id}}">{{name}}</a></th>
        <td>{{id}}</td><td>{{kind}}</td><td class="count">{{count}}</td>
        <td><form method="post" action="/cohorts/{{id}}/delete" class="inline">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit" class="danger" aria-label="Delete {{name}}">Delete</button></form></td></tr>{{/cohorts}}
        </tbody></table>
        {{/hasCohorts}}
        </section>
        <section class="card" id="new-static"><h2>New static cohort</h2>
        <form method="post" action="/cohorts/static">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="static-name">Name</label> <input id="static-name" name="name" maxlength="400" required>
        <label for="static-csv">Distinct ids, one per line (a <code>distinct_id</code> header is optional)</label>
        <textarea id="static-csv" name="csv" rows="6" spellcheck="false" required></textarea>
        <button type="submit">Create static cohort</button>
        </form>
        </section>
        <section class="card" id="new-behavioural"><h2>New behavioural cohort</h2>
        <form method="post" action="/cohorts/behavioural">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="behavioural-name">Name</label> <input id="behavioural-name" name="name" maxlength="400" required>
        <p><label><input type="checkbox" name="negation" value="on"> did not</label>
        perform <input id="event" name="event" required placeholder="event name" list="event-names" aria-label="Event">
        <select id="comparison" name="comparison" aria-label="How often">
        <option value="gte">at least</option><option value="lte">at most</option><option value="exact">exactly</option>
        </select> <input id="count" name="count" type="number" min="0" max="1000000" value="1" required
        aria-label="Times"> times in the last <input id="days" name="days" type="number" min="1" max="3650" value="30"
        required aria-label="Days"> days</p>
        <datalist id="event-names">{{#events}}<option value="{{.}}">{{/events}}</datalist>
        <p class="explain">Members are recomputed from the events as they arrive. Criteria combined with AND and OR
        are created through the admin API (<code>POST /api/projects/{id}/cohorts</code>).</p>
        <button type="submit">Create behavioural cohort</button>
        </form>
        </section>
        """
}
