/// One section of a report or of the builder: chart, numbers, queries, or the explained empty state.
enum SectionTemplate {
    static let name = "section"
    static let text = """
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
        """
}
