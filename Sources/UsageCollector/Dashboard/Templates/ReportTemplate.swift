/// A built-in report page: its title, the date range picker, then a card per section with a chart, the table of
/// the numbers behind it and the query that produced them; a section without data says why instead.
enum ReportTemplate {
    static let name = "report"
    static let text = """
        <h1>{{title}}</h1>
        <p class="lede">{{summary}}</p>
        <form class="range" method="get" action="{{path}}">
        {{#hasProjects}}
        <label for="project">Project</label>
        <select id="project" name="project">{{#projects}}<option value="{{key}}"{{#selected}} selected{{/selected}}>{{key}}</option>{{/projects}}</select>
        {{/hasProjects}}
        <label for="from">From</label>
        <input type="date" id="from" name="from" value="{{from}}" required>
        <label for="to">To</label>
        <input type="date" id="to" name="to" value="{{to}}" required>
        <button type="submit">Show</button>
        <span class="presets">{{#presets}}<a href="{{href}}">{{label}}</a> {{/presets}}</span>
        </form>
        {{#notice}}<p class="error" role="alert">{{notice}}</p>{{/notice}}
        {{#sections}}
        <section class="card report-section" id="{{id}}" aria-labelledby="{{id}}-title" data-empty="{{isEmpty}}">
        <h2 id="{{id}}-title">{{title}}</h2>
        <p class="explain">{{explanation}}</p>
        {{#isEmpty}}<p class="empty">{{emptyMessage}}</p>{{/isEmpty}}
        {{^isEmpty}}
        <figure>{{{chart}}}</figure>
        {{#table}}
        <details class="numbers" open><summary>Numbers</summary>
        <table class="data"><caption>{{caption}}</caption>
        <thead><tr>{{#columns}}<th scope="col">{{.}}</th>{{/columns}}</tr></thead>
        <tbody>{{#rows}}<tr><th scope="row">{{header}}</th>{{#cells}}<td>{{.}}</td>{{/cells}}</tr>{{/rows}}</tbody>
        </table>
        </details>
        {{/table}}
        {{/isEmpty}}
        <details class="queries"><summary>Query JSON</summary>{{#queries}}<pre class="query">{{.}}</pre>{{/queries}}</details>
        </section>
        {{/sections}}
        """
}
