/// One cohort: its definition in words, its size and its first members.
enum CohortTemplate {
    static let name = "cohort"
    static let text = """
        <h1>{{name}}</h1>
        {{#description}}<p class="lede">{{description}}</p>{{/description}}
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        <section class="card" id="definition"><h2>Definition</h2>
        <p>Cohort {{id}}, {{kind}}: <span class="definition">{{definition}}</span></p>
        <p>Members: <strong class="count">{{count}}</strong></p>
        </section>
        <section class="card" id="members"><h2>Members</h2>
        {{^members}}<p class="empty">No members.</p>{{/members}}
        <ul class="members">{{#members}}<li>{{.}}</li>{{/members}}</ul>
        {{#more}}<p class="explain">The first {{shown}} of {{count}}; the admin API lists them all
        (<code>GET /api/projects/{id}/cohorts/{{id}}/persons</code>).</p>{{/more}}
        </section>
        <p><a href="/cohorts">All cohorts</a></p>
        """
}
